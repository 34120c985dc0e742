#include "bpf/features.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/perf_event.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "base/error.h"
#include "bpf/probe_kinds.h"

namespace corebox::bpf {
namespace {

constexpr const char* kKernelBtf = "/sys/kernel/btf/vmlinux";

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

template <class F>
bool cached(std::optional<bool>& slot, F&& probe) {
  if (!slot) slot = probe();
  return *slot;
}

std::string read_first_line(const char* path) {
  std::ifstream f(path);
  std::string line;
  std::getline(f, line);
  return line;
}

}  // namespace

Features::Features(std::string btf_path) : btf_path_(std::move(btf_path)) {}

bool Features::kernel_btf() const {
  struct stat st{};
  return ::stat(kKernelBtf, &st) == 0 && st.st_size > 0;
}

// The kernel's BTF through mmap where sysfs allows it (6.16+): reading it takes one
// 4 KiB read() per page, 1,300 system calls for 5.5 MB. nullptr: read it instead.
static btf* parse_mapped(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (!fd || ::fstat(fd.get(), &st) != 0 || st.st_size <= 0) return nullptr;
  void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (p == MAP_FAILED) return nullptr;
  btf* b = btf__new(p, static_cast<__u32>(st.st_size));  // copies what it keeps
  ::munmap(p, static_cast<std::size_t>(st.st_size));
  return libbpf_get_error(b) ? nullptr : b;
}

const btf* Features::vmlinux_btf() {
  if (!btf_) {
    const std::string path = btf_path_.empty() ? kKernelBtf : btf_path_;
    btf* b = btf_path_.empty() ? parse_mapped(path) : nullptr;
    if (!b) b = btf__parse(path.c_str(), nullptr);
    if (!b) throw Error("read BTF from " + path, errno);
    btf_.reset(b);
  }
  return btf_.get();
}

int Features::btf_id(std::string_view name, int kind) {
  if (cache_) {
    const auto it = cache_->ids.find(std::string(name));
    if (it != cache_->ids.end() && it->second.second == kind) return it->second.first;
  }
  if (btf_path_.empty() && !kernel_btf()) return -1;
  return btf__find_by_name_kind(vmlinux_btf(), std::string(name).c_str(), kind);
}

bool Features::btf_has(std::string_view name, int kind) { return btf_id(name, kind) > 0; }

std::vector<std::pair<std::string, int>> Features::lookups_for(const std::vector<std::string>& sections) {
  // What the feature probes themselves look up, then each hook's target.
  std::vector<std::pair<std::string, int>> names = {
      {"btf_trace_sched_switch", BTF_KIND_TYPEDEF}, {"vfs_read", BTF_KIND_FUNC}, {"bpf_iter_task", BTF_KIND_FUNC}};
  for (const std::string& s : sections)
    if (const auto lookup = probe_kind(s).btf_lookup; lookup && !section_target(s).empty())
      if (auto name = lookup(section_target(s)); !name.first.empty()) names.push_back(std::move(name));
  return names;
}

bool Features::raw_tracepoint_exists(std::string_view name) {
  return btf_has("btf_trace_" + std::string(name), BTF_KIND_TYPEDEF);
}

bool Features::kernel_function_in_btf(std::string_view name) { return btf_has(name, BTF_KIND_FUNC); }

bool Features::kallsyms_has(std::string_view name) {
  if (!kallsyms_) {
    std::ifstream f("/proc/kallsyms");
    kallsyms_ = parse_kallsyms_functions(f);
  }
  return std::binary_search(kallsyms_->begin(), kallsyms_->end(), std::string(name));
}

bool Features::tracepoint_exists(std::string_view name) {
  for (const char* root : {"/sys/kernel/tracing/events/", "/sys/kernel/debug/tracing/events/"})
    if (exists(std::string(root) + std::string(name))) return true;
  return false;
}

bool Features::ringbuf() {
  return cached(ringbuf_, [] { return libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, nullptr) == 1; });
}

bool Features::raw_tp() {
  return cached(raw_tp_, [] { return libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_RAW_TRACEPOINT, nullptr) == 1; });
}

// Loads "return 0" as a BTF-attached tracing program: the kernel checks the attach
// point at load, which is where a kernel without trampolines says no.
bool Features::probe_tracing(int attach_type, const char* target, int kind) {
  const int id = btf_id(target, kind);
  if (id <= 0) return false;
  const bpf_insn insns[] = {
      {BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0},
      {BPF_JMP | BPF_EXIT, 0, 0, 0, 0},
  };
  LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = static_cast<bpf_attach_type>(attach_type),
              .attach_btf_id = static_cast<__u32>(id));
  const int fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, nullptr, "GPL", insns, 2, &opts);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

bool Features::tp_btf() {
  return cached(tp_btf_, [this] { return probe_tracing(BPF_TRACE_RAW_TP, "btf_trace_sched_switch", BTF_KIND_TYPEDEF); });
}

bool Features::fentry() {
  return cached(fentry_, [this] { return probe_tracing(BPF_TRACE_FENTRY, "vfs_read", BTF_KIND_FUNC); });
}

bool Features::kprobes() {
  return cached(kprobes_, [] { return exists("/sys/bus/event_source/devices/kprobe/type"); });
}

bool Features::uprobes() {
  return cached(uprobes_, [] { return exists("/sys/bus/event_source/devices/uprobe/type"); });
}

bool Features::perf_cpu_clock() {
  return cached(perf_, [] {
    perf_event_attr attr{};
    attr.type = PERF_TYPE_SOFTWARE;
    attr.size = sizeof(attr);
    attr.config = PERF_COUNT_SW_CPU_CLOCK;
    attr.sample_freq = 99;
    attr.freq = 1;
    attr.disabled = 1;
    const long fd = syscall(__NR_perf_event_open, &attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
    if (fd < 0) return false;
    ::close(static_cast<int>(fd));
    return true;
  });
}

bool Features::bpf_iter() {
  return cached(iter_, [this] { return probe_tracing(BPF_TRACE_ITER, "bpf_iter_task", BTF_KIND_FUNC); });
}

std::vector<Features::Row> Features::report() {
  auto yn = [](bool b) { return std::string(b ? "yes" : "no"); };
  std::vector<Row> rows;
  utsname u{};
  uname(&u);
  rows.push_back({"kernel", u.release, u.machine});
  const bool have_btf = !btf_path_.empty() || kernel_btf();
  rows.push_back({"btf", yn(have_btf), btf_path_.empty() ? kKernelBtf : btf_path_});
  const std::string lockdown = parse_lockdown(read_first_line("/sys/kernel/security/lockdown"));
  rows.push_back({"lockdown", lockdown.empty() ? "unknown" : lockdown, "/sys/kernel/security/lockdown"});
  rows.push_back({"privileges", yn(has_bpf_privileges()), "CAP_BPF+CAP_PERFMON or CAP_SYS_ADMIN"});
  rows.push_back({"ringbuf", yn(ringbuf()), "BPF ring buffer map"});
  rows.push_back({"raw_tp", yn(raw_tp()), "raw tracepoints"});
  rows.push_back({"tp_btf", yn(have_btf && tp_btf()), "BTF-typed raw tracepoints"});
  rows.push_back({"fentry", yn(have_btf && fentry()), "fentry/fexit/LSM (BPF trampolines)"});
  rows.push_back({"kprobes", yn(kprobes()), "kprobe PMU"});
  rows.push_back({"uprobes", yn(uprobes()), "uprobe PMU"});
  rows.push_back({"perf_cpu_clock", yn(perf_cpu_clock()), "software perf events"});
  rows.push_back({"bpf_iter", yn(have_btf && bpf_iter()), "BPF task iterators"});
  rows.push_back({"tracefs", yn(exists("/sys/kernel/tracing/events")), "/sys/kernel/tracing"});
  rows.push_back({"debugfs_tracing", yn(exists("/sys/kernel/debug/tracing/events")), "/sys/kernel/debug/tracing"});
  rows.push_back({"syscall_tracepoints", yn(tracepoint_exists("syscalls/sys_enter_openat")), "syscalls/sys_enter_*"});
  return rows;
}

std::vector<std::string> parse_kallsyms_functions(std::istream& in) {
  std::vector<std::string> syms;
  std::string line;
  while (std::getline(in, line)) {
    // "ffffffff81000000 T _stext" or, for modules, "... t name\t[module]"
    const auto a = line.find(' ');
    if (a == std::string::npos || a + 3 > line.size()) continue;
    const char type = line[a + 1];
    if (type != 'T' && type != 't') continue;
    std::string name = line.substr(a + 3);
    if (const auto tab = name.find_first_of("\t "); tab != std::string::npos) name.resize(tab);
    syms.push_back(std::move(name));
  }
  std::sort(syms.begin(), syms.end());
  return syms;
}

std::string parse_lockdown(const std::string& line) {
  const auto b = line.find('['), e = line.find(']');
  if (b == std::string::npos || e == std::string::npos || e < b) return "";
  return line.substr(b + 1, e - b - 1);
}

void ensure_tracefs() {
  if (!exists("/sys/kernel/tracing/events") && exists("/sys/kernel/tracing")) {
    if (::mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, nullptr) != 0 && errno != EBUSY)
      throw Error("mount tracefs on /sys/kernel/tracing", errno,
                  errno == EPERM ? "run as root, or mount it: mount -t tracefs tracefs /sys/kernel/tracing" : "");
  }
  if (!exists("/sys/kernel/debug/tracing/events")) {
    if (!exists("/sys/kernel/debug/tracing")) {
      if (::mount("debugfs", "/sys/kernel/debug", "debugfs", 0, nullptr) != 0 && errno != EBUSY)
        throw Error("mount debugfs on /sys/kernel/debug", errno,
                    errno == EPERM ? "run as root, or mount it: mount -t debugfs debugfs /sys/kernel/debug" : "");
    }
    // debugfs automounts tracefs at tracing/ on first access; a kernel that does not
    // gets it mounted by hand.
    if (!exists("/sys/kernel/debug/tracing/events") && exists("/sys/kernel/debug/tracing"))
      ::mount("tracefs", "/sys/kernel/debug/tracing", "tracefs", 0, nullptr);
  }
}

bool has_bpf_privileges() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("CapEff:", 0) != 0) continue;
    const unsigned long long caps = std::stoull(line.substr(7), nullptr, 16);
    const auto has = [caps](int cap) { return (caps >> cap) & 1; };
    constexpr int kSysAdmin = 21, kPerfmon = 38, kBpf = 39;
    return has(kSysAdmin) || (has(kBpf) && has(kPerfmon));
  }
  return geteuid() == 0;
}

}  // namespace corebox::bpf
