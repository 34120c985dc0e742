#pragma once
#include <bpf/libbpf.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/fd.h"
#include "bpf/env.h"
#include "bpf/task_filter.h"

namespace corebox::bpf {

// A BPF object addressed by name: its maps, programs and global variables, opened from
// ELF bytes with what the host provides (Env: BTF, its cache, privilege checks, libbpf's
// log), loaded with one program per hook-variant group (variants.h) and attached.
// Everything corebox's BPF side shares works on any object that includes it, skeleton
// or not: the task filter (bpf/corebox/filter.bpf.h, apply()), the event ring and its
// lost counter (bpf/corebox/event.bpf.h, events() and lost()).
//   bpf::Object obj(env, elf, size, "mytool");
//   obj.set("min_us", uint64_t{10});
//   obj.apply(filter);
//   obj.load_and_attach();
//   session.events<my_event>(obj, ...);
class Object {
 public:
  // The ELF bytes must stay valid until the object is destroyed (libbpf reads them at
  // open, and again when the BTF cache makes it open a second time). `name` prefixes the
  // object's internal maps (the kernel shows "<name, 8 bytes>.rodata").
  Object(Env& env, const void* elf, std::size_t size, std::string name);
  // Opened to be read only: no privilege or BTF checks, and load_and_attach() throws
  // (tests, and listing what an object has).
  Object(const void* elf, std::size_t size, std::string name);
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  ~Object();

  bpf_object* object() const { return obj_; }
  // By name; throw an Error naming what is missing.
  bpf_map* map(std::string_view name) const;
  bpf_program* program(std::string_view name) const;
  bpf_map* events() const { return map("cb_events"); }
  bpf_map* lost() const { return map("cb_lost"); }

  // A global variable of the object (.rodata, .bss, .data, and their named subsections)
  // found through its BTF DATASEC. Before load `data` is the initial value; after, the
  // map itself, mapped into this process (read-only for .rodata, which the kernel froze).
  struct Var {
    void* data;
    std::size_t size;
    bool read_only;  // .rodata once loaded
  };
  Var var(std::string_view name) const;
  // Copies `value` into variable `name`; an Error if its size is not the variable's.
  template <class V>
  void set(std::string_view name, const V& value) {
    static_assert(std::is_trivially_copyable_v<V>);
    set_bytes(name, &value, sizeof value);
  }
  template <class V>
  V get(std::string_view name) const {
    static_assert(std::is_trivially_copyable_v<V>);
    V v;
    get_bytes(name, &v, sizeof v);
    return v;
  }
  void set_bytes(std::string_view name, const void* value, std::size_t size);
  void get_bytes(std::string_view name, void* out, std::size_t size) const;
  // A char array: `value`, NUL-padded; an Error if it does not fit with its NUL.
  void set_string(std::string_view name, std::string_view value);

  // The common task filter into the object's cb_targ_* rodata (bpf/corebox/filter.bpf.h).
  void apply(const TaskFilter& f);
  // Programs (or variant groups) that may be missing on this kernel: skipped, not an error.
  void optional(std::vector<std::string> groups) { optional_ = std::move(groups); }
  // Programs the tool attaches itself (perf events, uprobes on a resolved path).
  void manual(std::vector<std::string> programs) { manual_ = std::move(programs); }
  // Programs or variant groups this run does not use: not loaded, whatever the kernel has.
  void skip(const std::vector<std::string>& groups);
  // Checks the names given to optional() and manual(), chooses the hook variants,
  // loads, and attaches every loaded program not listed in manual().
  void load_and_attach();
  // Attaches loaded program `name` at the hook `section` names (its own section if
  // empty) through the probe kind table (probe_kinds.h), as the language attaches the
  // probes it compiled. The link is owned like the others.
  void attach(std::string_view program, std::string_view section = {});
  // Keeps a link the tool attached itself, so it is destroyed with the object.
  void own(bpf_link* link, const std::string& what);

 protected:
  // For Skeleton<T>: opens through a bpftool skeleton, whose struct (T) is returned by
  // `open` with the bpf_object_skeleton inside it; `fn` is T's open function.
  using AnyFn = void (*)();
  using SkeletonOpen = void* (*)(AnyFn fn, const bpf_object_open_opts* opts, bpf_object_skeleton** s);
  Object(Env& env, AnyFn fn, SkeletonOpen open);
  void* skeleton() const { return skel_struct_; }

 private:
  void open();
  void open_with(const bpf_object_open_opts& opts);
  void close();
  bpf_object_open_opts open_opts();
  bool build_btf_cache();
  void map_globals();
  void set_cgroup(const std::string& path);
  const std::string& tool() const { return env_ ? env_->tool() : name_; }

  Env* env_;  // nullptr: opened to be read only
  const void* elf_ = nullptr;
  std::size_t elf_size_ = 0;
  std::string name_;
  AnyFn skel_fn_ = nullptr;
  SkeletonOpen skel_open_ = nullptr;
  void* skel_struct_ = nullptr;           // T, calloc'ed by the skeleton's open
  bpf_object_skeleton* skel_ = nullptr;  // inside it; owns obj_
  bpf_object* obj_ = nullptr;
  bool loaded_ = false;
  std::vector<Link> links_;
  std::vector<std::string> optional_, manual_;
  Fd cgroup_fd_;
  std::string btf_path_;    // keeps the open opts' string alive
  std::string cache_path_;  // where this tool's BTF cache goes, if it is to be built
};

// The sum of a per-CPU u64 counter at index 0 (cb_lost, cb_hist_drops).
uint64_t sum_percpu_counter(bpf_map* map);

}  // namespace corebox::bpf
