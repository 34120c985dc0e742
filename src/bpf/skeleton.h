#pragma once
#include <bpf/libbpf.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <corebox/abi.h>

#include "cli/spec.h"
#include "runtime/context.h"
#include "base/fd.h"

namespace corebox::bpf {

// What every skeleton shares: opening with the right BTF, choosing hook variants,
// loading with errors that name the failing program, attaching, and owning the links.
class SkeletonBase {
 public:
  SkeletonBase(const SkeletonBase&) = delete;
  SkeletonBase& operator=(const SkeletonBase&) = delete;

  // Programs (or variant groups) that may be missing on this kernel: skipped, not an error.
  void optional(std::vector<std::string> groups) { optional_ = std::move(groups); }
  // Programs the tool attaches itself (perf events, uprobes on a resolved path).
  void manual(std::vector<std::string> programs) { manual_ = std::move(programs); }
  // Programs or variant groups this run does not use: not loaded, whatever the kernel has.
  void skip(const std::vector<std::string>& groups);
  void load_and_attach();
  // Keeps a link the tool attached itself, so it is destroyed with the skeleton.
  void own(bpf_link* link, const std::string& what);
  bpf_object* object() const { return obj_; }

 protected:
  SkeletonBase(Context& ctx) : ctx_(ctx) {}
  ~SkeletonBase();
  // The bpf_object_open_opts every skeleton is opened with: checks the BTF and the
  // privileges, and uses the tool's cached BTF subset when there is one.
  bpf_object_open_opts open_opts();
  // Builds the BTF cache for this tool if it is missing; true if the object must be
  // opened again on it (see core/btf_cache.h).
  bool build_btf_cache(const void* elf, std::size_t size, bpf_object* obj);
  void set_object(bpf_object* obj, bpf_object_skeleton* s) {
    obj_ = obj;
    skel_ = s;
  }
  void set_cgroup(const std::string& path);
  // -p/-t name a task that exists now: a typo would otherwise trace nothing, silently.
  static void check_task(uint32_t id, const char* what);

  Context& ctx_;
  bpf_object* obj_ = nullptr;
  bpf_object_skeleton* skel_ = nullptr;  // loading through it maps .bss/.data onto the live maps
  std::vector<Link> links_;
  std::vector<std::string> optional_, manual_;
  Fd cgroup_fd_;
  std::string btf_path_;    // keeps the open opts' string alive
  std::string cache_path_;  // where this tool's BTF cache goes, if it is to be built
};

// A libbpf skeleton (`bpftool gen skeleton` output) owned, with the common filters.
//   auto skel = bpf::Skeleton<opensnoop_bpf>::open(ctx, opensnoop_bpf__open_opts);
template <class T>
class Skeleton : public SkeletonBase {
 public:
  using OpenFn = T* (*)(const bpf_object_open_opts*);

  Skeleton(Context& ctx, OpenFn open_fn) : SkeletonBase(ctx) {
    bpf_object_open_opts opts = open_opts();
    p_ = open_fn(&opts);
    if (!p_) throw Error("open BPF object of " + ctx.tool(), errno);
    // First run of this tool since boot: build its BTF subset, then open again on it.
    if (build_btf_cache(p_->skeleton->data, p_->skeleton->data_sz, p_->obj)) {
      destroy();
      opts.btf_custom_path = btf_path_.c_str();
      p_ = open_fn(&opts);
      if (!p_) throw Error("open BPF object of " + ctx.tool(), errno);
    }
    set_object(p_->obj, p_->skeleton);
  }
  ~Skeleton() {
    links_.clear();
    destroy();
  }
  T* operator->() const { return p_; }
  T& operator*() const { return *p_; }

  // The common task filter into the shared rodata (bpf/corebox/filter.bpf.h).
  void apply(const cli::TaskFilter& f) {
    check_task(f.pid, "process with PID");
    check_task(f.tid, "thread with TID");
    auto* r = p_->rodata;
    r->cb_targ_tgid = f.pid;
    r->cb_targ_tid = f.tid;
    r->cb_filter_uid = f.uid.has_value();
    r->cb_targ_uid = f.uid.value_or(0);
    r->cb_targ_comm_len = static_cast<uint32_t>(f.name.size());
    std::memset(const_cast<char*>(r->cb_targ_comm), 0, sizeof(r->cb_targ_comm));
    std::memcpy(const_cast<char*>(r->cb_targ_comm), f.name.data(), f.name.size());
    r->cb_filter_cgroup = !f.cgroup.empty();
    if (!f.cgroup.empty()) set_cgroup(f.cgroup);
  }

 private:
  void destroy() {
    if (p_) {
      bpf_object__destroy_skeleton(p_->skeleton);
      std::free(p_);
      p_ = nullptr;
    }
  }
  T* p_ = nullptr;
};

}  // namespace corebox::bpf
