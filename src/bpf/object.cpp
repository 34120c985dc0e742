#include "bpf/object.h"

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "base/error.h"
#include "bpf/btf_cache.h"
#include "bpf/libbpf_log.h"
#include "bpf/probe_kinds.h"
#include "bpf/variants.h"

namespace corebox::bpf {
namespace {

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

// -p/-t name a task that exists now: a typo would otherwise trace nothing, silently.
void check_task(uint32_t id, const char* what) {
  // /proc/ID exists for a thread id too (hidden from readdir, not from stat).
  struct stat st{};
  if (id && ::stat(("/proc/" + std::to_string(id)).c_str(), &st) != 0 && errno == ENOENT)
    throw UsageError(std::string("no ") + what + " " + std::to_string(id));
}

std::string quoted(std::string_view kind, std::string_view name) {
  return std::string(kind) + " '" + std::string(name) + "'";
}

}  // namespace

Object::Object(Env& env, const void* elf, std::size_t size, std::string name)
    : env_(&env), elf_(elf), elf_size_(size), name_(std::move(name)) {
  open();
}

Object::Object(const void* elf, std::size_t size, std::string name)
    : env_(nullptr), elf_(elf), elf_size_(size), name_(std::move(name)) {
  open();
}

Object::Object(Env& env, AnyFn fn, SkeletonOpen open_fn)
    : env_(&env), name_(env.tool()), skel_fn_(fn), skel_open_(open_fn) {
  open();
}

Object::~Object() {
  links_.clear();
  close();
}

void Object::open() {
  bpf_object_open_opts opts = open_opts();
  open_with(opts);
  // First run of this tool since boot: build its BTF subset, then open again on it.
  if (build_btf_cache()) {
    close();
    opts.btf_custom_path = btf_path_.c_str();
    open_with(opts);
  }
}

void Object::open_with(const bpf_object_open_opts& opts) {
  if (skel_open_) {
    skel_struct_ = skel_open_(skel_fn_, &opts, &skel_);
    if (skel_struct_) {
      obj_ = *skel_->obj;
      elf_ = skel_->data;
      elf_size_ = skel_->data_sz;
    }
  } else {
    bpf_object_open_opts o = opts;
    o.object_name = name_.c_str();
    obj_ = bpf_object__open_mem(elf_, elf_size_, &o);
  }
  if (!obj_) throw Error("open BPF object of " + tool(), errno);
}

void Object::close() {
  if (skel_) {
    bpf_object__destroy_skeleton(skel_);
    std::free(skel_struct_);
  } else if (obj_) {
    bpf_object__close(obj_);
  }
  skel_ = nullptr;
  skel_struct_ = nullptr;
  obj_ = nullptr;
}

bpf_object_open_opts Object::open_opts() {
  LIBBPF_OPTS(bpf_object_open_opts, opts);
  if (!env_) return opts;
  const std::string& btf = env_->btf_path();
  if (!btf.empty()) {
    if (::access(btf.c_str(), R_OK) != 0) throw Error("BTF file '" + btf + "'", errno);
  } else if (!env_->features().kernel_btf()) {
    throw Error("no kernel BTF at /sys/kernel/btf/vmlinux", 0,
                "the kernel was built without CONFIG_DEBUG_INFO_BTF; pass --btf FILE");
  }
  if (!has_bpf_privileges()) throw Error("missing privileges to load BPF programs", EPERM);
  if (!btf.empty()) {
    btf_path_ = btf;
  } else if (std::getenv("COREBOX_NO_BTF_CACHE") == nullptr) {
    const std::string path = btf_cache_path(env_->tool());
    if (auto cache = path.empty() ? std::nullopt : load_btf_cache(path)) {
      btf_path_ = cache->btf_path;
      env_->features().use_cache(std::move(*cache));
    } else {
      cache_path_ = path;
    }
  }
  opts.btf_custom_path = btf_path_.empty() ? nullptr : btf_path_.c_str();
  return opts;
}

bool Object::build_btf_cache() {
  if (cache_path_.empty()) return false;
  const auto roots = core_root_names(elf_, elf_size_, bpf_object__btf(obj_));
  if (!roots) return false;
  std::vector<std::string> sections;
  bpf_program* prog;
  bpf_object__for_each_program(prog, obj_) sections.emplace_back(bpf_program__section_name(prog));
  Features& f = env_->features();
  if (!bpf::build_btf_cache(f.vmlinux_btf(), *roots, Features::lookups_for(sections), cache_path_)) return false;
  auto cache = load_btf_cache(cache_path_);
  if (!cache) return false;
  btf_path_ = cache->btf_path;
  f.use_cache(std::move(*cache));
  f.drop_btf();
  return true;
}

bpf_map* Object::map(std::string_view name) const {
  bpf_map* m = bpf_object__find_map_by_name(obj_, std::string(name).c_str());
  if (!m) throw Error(quoted("map", name) + " does not exist in the BPF object of " + tool());
  return m;
}

bpf_program* Object::program(std::string_view name) const {
  bpf_program* p = bpf_object__find_program_by_name(obj_, std::string(name).c_str());
  if (!p) throw Error(quoted("program", name) + " does not exist in the BPF object of " + tool());
  return p;
}

Object::Var Object::var(std::string_view name) const {
  // libbpf gives each data section (.rodata, .bss, .data, .rodata.<x>, ...) one array
  // map of one element, found by the section's name; the section's BTF DATASEC lists its
  // variables with their offsets in that element.
  const btf* b = bpf_object__btf(obj_);
  const unsigned n = b ? btf__type_cnt(b) : 0;
  for (unsigned id = 1; id < n; id++) {
    const btf_type* sec = btf__type_by_id(b, id);
    if (!btf_is_datasec(sec)) continue;
    const btf_var_secinfo* v = btf_var_secinfos(sec);
    for (int i = 0; i < btf_vlen(sec); i++, v++) {
      const btf_type* t = btf__type_by_id(b, v->type);
      if (!btf_is_var(t) || name != btf__name_by_offset(b, t->name_off)) continue;
      bpf_map* m = bpf_object__find_map_by_name(obj_, btf__name_by_offset(b, sec->name_off));
      std::size_t size = 0;
      auto* base = m ? static_cast<char*>(const_cast<void*>(bpf_map__initial_value(m, &size))) : nullptr;
      // .kconfig and .ksyms are the kernel's to fill; a map that cannot be mapped has no
      // copy here once loaded.
      if (!base || !bpf_map__is_internal(m) || bpf_map__type(m) != BPF_MAP_TYPE_ARRAY || v->offset + v->size > size ||
          (loaded_ && !(bpf_map__map_flags(m) & BPF_F_MMAPABLE)))
        throw Error(quoted("variable", name) + " of " + tool() + " cannot be accessed from user space");
      const bool read_only = loaded_ && (bpf_map__map_flags(m) & BPF_F_RDONLY_PROG);
      return {base + v->offset, v->size, read_only};
    }
  }
  throw Error(quoted("variable", name) + " does not exist in the BPF object of " + tool());
}

void Object::set_bytes(std::string_view name, const void* value, std::size_t size) {
  const Var v = var(name);
  if (v.size != size)
    throw Error(quoted("variable", name) + " is " + std::to_string(v.size) + " bytes, not " + std::to_string(size));
  if (v.read_only) throw Error(quoted("variable", name) + " is read-only once loaded");
  std::memcpy(v.data, value, size);
}

void Object::get_bytes(std::string_view name, void* out, std::size_t size) const {
  const Var v = var(name);
  if (v.size != size)
    throw Error(quoted("variable", name) + " is " + std::to_string(v.size) + " bytes, not " + std::to_string(size));
  std::memcpy(out, v.data, size);
}

void Object::set_string(std::string_view name, std::string_view value) {
  const Var v = var(name);
  if (value.size() >= v.size)
    throw Error(quoted("variable", name) + " holds " + std::to_string(v.size - 1) + " bytes, not " +
                std::to_string(value.size()));
  if (v.read_only) throw Error(quoted("variable", name) + " is read-only once loaded");
  std::memset(v.data, 0, v.size);
  std::memcpy(v.data, value.data(), value.size());
}

void Object::apply(const TaskFilter& f) {
  check_task(f.pid, "process with PID");
  check_task(f.tid, "thread with TID");
  set("cb_targ_tgid", f.pid);
  set("cb_targ_tid", f.tid);
  set("cb_filter_uid", f.uid.has_value());
  set("cb_targ_uid", f.uid.value_or(0u));
  set("cb_targ_comm_len", static_cast<uint32_t>(f.name.size()));
  set_string("cb_targ_comm", f.name);
  set("cb_filter_cgroup", !f.cgroup.empty());
  if (!f.cgroup.empty()) set_cgroup(f.cgroup);
}

void Object::set_cgroup(const std::string& path) {
  cgroup_fd_ = Fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!cgroup_fd_) throw Error("open cgroup '" + path + "'", errno);
}

// What bpf_object__load_skeleton() does for a skeleton, for every object: maps each
// data section's map over the copy libbpf made at open (same address, so a skeleton's
// skel->bss stays valid), so that user space and the programs share .bss and .data
// while they run. The mapping is libbpf's to unmap when the object is closed.
void Object::map_globals() {
  bpf_map* m;
  bpf_object__for_each_map(m, obj_) {
    std::size_t size = 0;
    void* data = const_cast<void*>(bpf_map__initial_value(m, &size));
    const uint32_t flags = bpf_map__map_flags(m);
    if (!data || !bpf_map__is_internal(m) || !(flags & BPF_F_MMAPABLE)) continue;
    const long page = ::sysconf(_SC_PAGESIZE);
    const std::size_t bytes = ((bpf_map__value_size(m) + 7) / 8 * 8 * bpf_map__max_entries(m) + page - 1) / page * page;
    const int prot = flags & BPF_F_RDONLY_PROG ? PROT_READ : PROT_READ | PROT_WRITE;
    if (::mmap(data, bytes, prot, MAP_SHARED | MAP_FIXED, bpf_map__fd(m), 0) == MAP_FAILED)
      throw Error(std::string("map the globals of ") + bpf_map__name(m), errno);
  }
}

void Object::skip(const std::vector<std::string>& groups) {
  bpf_program* prog;
  bpf_object__for_each_program(prog, obj_) {
    const std::string_view name = bpf_program__name(prog);
    for (const auto& g : groups)
      if (name == g || (name.starts_with(g) && name.substr(g.size(), 2) == "__")) bpf_program__set_autoload(prog, false);
  }
}

void Object::load_and_attach() {
  std::vector<Program> programs;
  bool tracefs = false;
  bpf_program* prog;
  bpf_object__for_each_program(prog, obj_) {
    programs.push_back({bpf_program__name(prog), bpf_program__section_name(prog)});
    tracefs |= probe_kind(programs.back().section).tracefs;
  }
  check_names(programs, optional_, manual_);
  if (!env_) throw Error("load the BPF object of " + tool(), EINVAL, "it was opened to be read only");
  if (tracefs) ensure_tracefs();
  // A program the tool turned off (skip(), autoload) is not a candidate: its group is the
  // tool's to skip.
  std::erase_if(programs, [this](const Program& p) { return !bpf_program__autoload(program(p.name)); });

  std::vector<Chosen> chosen;
  Features& f = env_->features();
  const auto disabled = choose_variants(
      programs,
      [&f](std::string_view s) {
        if (std::string why = avoided(s); !why.empty()) return why;
        return probe_kind(s).availability(f, s);
      },
      optional_, &chosen);
  for (const auto& name : disabled) bpf_program__set_autoload(program(name), false);
  if (env_->verbose())
    for (const auto& c : chosen) std::fprintf(stderr, "%s: hook %s: %s\n", tool().c_str(), c.group.c_str(), c.section.c_str());

  if (const int err = bpf_object__load(obj_)) {
    std::string what = "load BPF programs";
    const std::string w = last_libbpf_warning();
    if (w.rfind("prog '", 0) == 0) what += " (" + w.substr(0, w.find(':')) + ")";
    // EACCES from a privileged process is the verifier saying no, not a permission.
    const bool privileges = err == -EPERM || (err == -EACCES && !has_bpf_privileges());
    throw Error(what, -err, privileges ? privilege_hint() : "run with -v for the verifier log");
  }
  loaded_ = true;
  map_globals();

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

void Object::attach(std::string_view name, std::string_view section) {
  bpf_program* prog = program(name);
  const std::string sec(section.empty() ? bpf_program__section_name(prog) : section);
  const ProbeKind& kind = probe_kind(sec);
  if (!kind.attach) throw Error("attach " + sec, EINVAL, "a " + std::string(kind.name) + " program is attached by its user");
  if (env_) {
    if (const std::string why = kind.availability(env_->features(), sec); !why.empty())
      throw Error("attach " + sec + ": " + why, 0, "this kernel lacks the hook; see 'corebox features'");
  }
  own(kind.attach(prog, sec), sec);
}

void Object::own(bpf_link* link, const std::string& what) {
  if (!link) throw Error("attach " + what, errno);
  links_.emplace_back(link);
}

uint64_t sum_percpu_counter(bpf_map* map) {
  const int ncpu = libbpf_num_possible_cpus();
  if (ncpu <= 0) return 0;
  std::vector<uint64_t> values(static_cast<std::size_t>(ncpu));
  uint32_t zero = 0;
  if (bpf_map_lookup_elem(bpf_map__fd(map), &zero, values.data()) != 0) return 0;
  uint64_t sum = 0;
  for (uint64_t v : values) sum += v;
  return sum;
}

}  // namespace corebox::bpf
