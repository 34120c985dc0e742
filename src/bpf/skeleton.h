#pragma once
// Tools reach these through this header (main/tool.h) since before the object layer.
#include <algorithm>
#include <cerrno>
#include <cstring>

#include <corebox/abi.h>

#include "base/error.h"
#include "bpf/object.h"

namespace corebox::bpf {

// A libbpf skeleton (`bpftool gen skeleton` output) over an Object: the object does all
// the work, the skeleton adds typed access to what bpftool generated (skel->rodata->x
// before load, skel->bss->x while it runs, skel->maps.x, skel->progs.x). Everything
// here is instantiated once per tool, so it stays a cast and a call.
//   bpf::Skeleton<opensnoop_bpf> skel(ctx, opensnoop_bpf__open_opts);
template <class T>
class Skeleton : public Object {
 public:
  using OpenFn = T* (*)(const bpf_object_open_opts*);

  Skeleton(Env& env, OpenFn open_fn) : Object(env, reinterpret_cast<AnyFn>(open_fn), &open_as) {}
  T* operator->() const { return static_cast<T*>(skeleton()); }
  T& operator*() const { return *operator->(); }

 private:
  static void* open_as(AnyFn fn, const bpf_object_open_opts* opts, bpf_object_skeleton** s) {
    T* p = reinterpret_cast<OpenFn>(fn)(opts);
    if (p) *s = p->skeleton;
    return p;
  }
};

}  // namespace corebox::bpf
