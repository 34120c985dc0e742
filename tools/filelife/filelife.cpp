#include "filelife.h"

#include <cstdio>

#include "filelife.skel.h"
#include "main/tool.h"

namespace corebox::tools {
namespace {

struct Options : cli::TaskFilter, cli::Duration {};

void describe(cli::Spec<Options> &s) {
  s.summary("Trace short-lived files: created and deleted while tracing, with "
            "their age");
  cli::task_filter(s);
  cli::duration(s);
  s.example("filelife", "trace all short-lived files");
  s.example("filelife -p 181", "only files created by PID 181");
  s.example("filelife --json -d 10", "ten seconds of JSON lines");
}

int run(Context &ctx, const Options &o) {
  bpf::Skeleton<filelife_bpf> skel(ctx, filelife_bpf__open_opts);
  skel.apply(o);
  // Deletions: vfs_unlink() through fentry or a kprobe when either attaches,
  // else the unlink()/unlinkat() syscalls (unlink_enter and unlink_exit), which
  // the variant ranking would otherwise put above kprobes.
  bpf::Features &f = ctx.features();
  const bool vfs_hook =
      (f.fentry() && f.kernel_function_in_btf("vfs_unlink")) ||
      (f.kprobes() && f.kallsyms_has("vfs_unlink"));
  skel.optional({"unlink"});
  skel->rodata->syscall_unlink = !vfs_hook;
  if (vfs_hook)
    skel.skip({"unlink_enter", "unlink_exit"});
  skel.load_and_attach();

  using output::Fmt;
  auto out = ctx.table({
      {"TIME", 8, "ts", Fmt::Clock},
      {"PID", 7, "pid", Fmt::Dec},
      {"", 0, "tid", Fmt::Dec},
      {"COMM", 16, "comm", Fmt::Str},
      {"AGE(s)", 7, "age_s", Fmt::Fixed3},
      {"FILE", 0, "file", Fmt::Str},
  });
  ctx.on_event<filelife_event>(
      skel->maps.cb_events, [&](const filelife_event &e) {
        out.row({ctx.wall_time(e.ts_ns), e.tgid, e.tid, e.comm,
                 static_cast<double>(e.age_ns) / 1e9, e.name});
      });
  return ctx.run(o, skel->maps.cb_lost);
}

} // namespace
} // namespace corebox::tools

COREBOX_TOOL(filelife, corebox::tools::Options, corebox::tools::describe,
             corebox::tools::run);
