#include "bpf/skeleton.h"

#include <bpf/bpf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "bpf/btf_cache.h"

#include "bpf/libbpf_log.h"
#include "bpf/variants.h"

namespace corebox::bpf {
namespace {

std::string_view target_of(std::string_view section) {
  const auto slash = section.find('/');
  return slash == std::string_view::npos ? std::string_view{} : section.substr(slash + 1);
}

// COREBOX_AVOID_HOOKS=PREFIX[,PREFIX...]: hooks whose section starts with one of them count
// as missing, so that the fallback variants run (and are tested) on a kernel that has better.
std::string avoided(std::string_view section) {
  const char* env = std::getenv("COREBOX_AVOID_HOOKS");
  for (std::string_view rest = env ? env : ""; !rest.empty();) {
    const auto comma = rest.find(',');
    const std::string_view prefix = rest.substr(0, comma);
    if (!prefix.empty() && section.starts_with(prefix)) return "avoided by COREBOX_AVOID_HOOKS";
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return "";
}

std::string availability(Features& f, std::string_view section) {
  if (std::string why = avoided(section); !why.empty()) return why;
  const std::string_view target = target_of(section);
  switch (hook_kind(section)) {
    case HookKind::Fentry:
      if (!f.fentry()) return "no BPF trampolines";
      if (!f.kernel_function_in_btf(target)) return "no function " + std::string(target) + " in BTF";
      return "";
    case HookKind::TpBtf:
      if (!f.tp_btf()) return "no tp_btf";
      if (!f.raw_tracepoint_exists(target)) return "no such tracepoint";
      return "";
    case HookKind::RawTp:
      if (!f.raw_tracepoint_exists(target)) return "no such tracepoint";
      return "";
    case HookKind::Tracepoint:
      if (!Features::tracepoint_exists(target)) return "no such tracepoint";
      // Syscall exit programs read the arguments back with bpf_task_pt_regs()
      // (bpf/corebox/syscall.bpf.h), a 5.15 helper; older kernels take the fallback.
      if (target.starts_with("syscalls/sys_exit_") && !f.kernel_function_in_btf("bpf_task_pt_regs"))
        return "no bpf_task_pt_regs()";
      return "";
    case HookKind::Kprobe: {
      if (!f.kprobes()) return "no kprobes";
      std::string_view fn = target;
      if (section.substr(0, 8) == "ksyscall" || section.substr(0, 11) == "kretsyscall") return "";
      if (const auto plus = fn.find('+'); plus != std::string_view::npos) fn = fn.substr(0, plus);
      if (!f.kallsyms_has(fn)) return "no symbol " + std::string(fn);
      return "";
    }
    case HookKind::Uprobe: return f.uprobes() ? "" : "no uprobes";
    case HookKind::PerfEvent: return f.perf_cpu_clock() ? "" : "no perf events";
    default: return "";
  }
}

}  // namespace

SkeletonBase::~SkeletonBase() = default;

bpf_object_open_opts SkeletonBase::open_opts() {
  Context& ctx = ctx_;
  const std::string& btf = ctx.btf_path();
  if (!btf.empty()) {
    if (::access(btf.c_str(), R_OK) != 0) throw Error("BTF file '" + btf + "'", errno);
  } else if (!ctx.features().kernel_btf()) {
    throw Error("no kernel BTF at /sys/kernel/btf/vmlinux", 0,
                "the kernel was built without CONFIG_DEBUG_INFO_BTF; pass --btf FILE");
  }
  if (!has_bpf_privileges()) throw Error("missing privileges to load BPF programs", EPERM);
  LIBBPF_OPTS(bpf_object_open_opts, opts);
  if (!btf.empty()) {
    btf_path_ = btf;
  } else if (std::getenv("COREBOX_NO_BTF_CACHE") == nullptr) {
    const std::string path = btf_cache_path(ctx.tool());
    if (auto cache = path.empty() ? std::nullopt : load_btf_cache(path)) {
      btf_path_ = cache->btf_path;
      ctx.features().use_cache(std::move(*cache));
    } else {
      cache_path_ = path;
    }
  }
  opts.btf_custom_path = btf_path_.empty() ? nullptr : btf_path_.c_str();
  return opts;
}

bool SkeletonBase::build_btf_cache(const void* elf, std::size_t size, bpf_object* obj) {
  if (cache_path_.empty()) return false;
  const auto roots = core_root_names(elf, size, bpf_object__btf(obj));
  if (!roots) return false;
  std::vector<std::string> sections;
  bpf_program* prog;
  bpf_object__for_each_program(prog, obj) sections.emplace_back(bpf_program__section_name(prog));
  Features& f = ctx_.features();
  if (!bpf::build_btf_cache(f.vmlinux_btf(), *roots, Features::lookups_for(sections), cache_path_)) return false;
  auto cache = load_btf_cache(cache_path_);
  if (!cache) return false;
  btf_path_ = cache->btf_path;
  f.use_cache(std::move(*cache));
  f.drop_btf();
  return true;
}

void SkeletonBase::check_task(uint32_t id, const char* what) {
  // /proc/ID exists for a thread id too (hidden from readdir, not from stat).
  struct stat st{};
  if (id && ::stat(("/proc/" + std::to_string(id)).c_str(), &st) != 0 && errno == ENOENT)
    throw UsageError(std::string("no ") + what + " " + std::to_string(id));
}

void SkeletonBase::set_cgroup(const std::string& path) {
  cgroup_fd_ = Fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!cgroup_fd_) throw Error("open cgroup '" + path + "'", errno);
}

void SkeletonBase::skip(const std::vector<std::string>& groups) {
  bpf_program* prog;
  bpf_object__for_each_program(prog, obj_) {
    const std::string_view name = bpf_program__name(prog);
    for (const auto& g : groups)
      if (name == g || (name.starts_with(g) && name.substr(g.size(), 2) == "__"))
        bpf_program__set_autoload(prog, false);
  }
}

void SkeletonBase::load_and_attach() {
  std::vector<Program> programs;
  bool tracefs = false;
  bpf_program* prog;
  bpf_object__for_each_program(prog, obj_) {
    // A program the tool turned off is not a candidate: its group is the tool's to skip.
    if (!bpf_program__autoload(prog)) continue;
    programs.push_back({bpf_program__name(prog), bpf_program__section_name(prog)});
    const HookKind k = hook_kind(programs.back().section);
    tracefs |= k == HookKind::Tracepoint || k == HookKind::Kprobe || k == HookKind::Uprobe;
  }
  if (tracefs) ensure_tracefs();

  std::vector<Chosen> chosen;
  Features& f = ctx_.features();
  const auto disabled = choose_variants(
      programs, [&f](std::string_view s) { return availability(f, s); }, optional_, &chosen);
  for (const auto& name : disabled)
    bpf_program__set_autoload(bpf_object__find_program_by_name(obj_, name.c_str()), false);
  if (ctx_.verbose())
    for (const auto& c : chosen) std::fprintf(stderr, "%s: hook %s: %s\n", ctx_.tool().c_str(), c.group.c_str(), c.section.c_str());

  // Through the skeleton, so that skel->bss and skel->data point at the loaded maps
  // and user space can change those globals while the programs run.
  if (const int err = skel_ ? bpf_object__load_skeleton(skel_) : bpf_object__load(obj_)) {
    std::string what = "load BPF programs";
    const std::string w = last_libbpf_warning();
    if (w.rfind("prog '", 0) == 0) what += " (" + w.substr(0, w.find(':')) + ")";
    // EACCES from a privileged process is the verifier saying no, not a permission.
    const bool privileges = err == -EPERM || (err == -EACCES && !has_bpf_privileges());
    throw Error(what, -err, privileges ? privilege_hint() : "run with -v for the verifier log");
  }

  if (cgroup_fd_) {
    bpf_map* m = bpf_object__find_map_by_name(obj_, "cb_cgroup");
    uint32_t zero = 0, fd = static_cast<uint32_t>(cgroup_fd_.get());
    if (!m || bpf_map_update_elem(bpf_map__fd(m), &zero, &fd, BPF_ANY) != 0)
      throw Error("set the cgroup filter", errno, "is it a cgroup v2 directory?");
  }

  bpf_object__for_each_program(prog, obj_) {
    if (!bpf_program__autoload(prog)) continue;
    if (std::find(manual_.begin(), manual_.end(), bpf_program__name(prog)) != manual_.end()) continue;
    bpf_link* link = bpf_program__attach(prog);
    if (!link) {
      const int err = errno;
      throw Error(std::string("attach ") + bpf_program__section_name(prog), err,
                  err == ENOENT || err == EOPNOTSUPP ? "this kernel lacks the hook; see 'corebox features'" : "");
    }
    links_.emplace_back(link);
  }
}

void SkeletonBase::own(bpf_link* link, const std::string& what) {
  if (!link) throw Error("attach " + what, errno);
  links_.emplace_back(link);
}

}  // namespace corebox::bpf
