#include "filelife_render.h"

#include <cstdio>

#include "filelife.skel.h"
#include "main/tool.h"

namespace corebox::tools::filelife {
namespace {

void describe(cli::Spec<Options> &s) {
  s.summary("Trace short-lived files: created and deleted while tracing, with "
            "their age");
  cli::task_filter(s);
  cli::duration(s);
  s.example("filelife", "trace all short-lived files");
  s.example("filelife -p 181", "only files created by PID 181");
  s.example("filelife --json -d 10", "ten seconds of JSON lines");
}

void run(Session &s, const Options &o) {
  auto& skel = s.keep<bpf::Skeleton<filelife_bpf>>(s, filelife_bpf__open_opts);
  skel.apply(o);
  // Deletions: vfs_unlink() through fentry or a kprobe when either attaches,
  // else the unlink()/unlinkat() syscalls (unlink_enter and unlink_exit), which
  // the variant ranking would otherwise put above kprobes.
  bpf::Features &f = s.features();
  const bool vfs_hook =
      (f.fentry() && f.kernel_function_in_btf("vfs_unlink")) ||
      (f.kprobes() && f.kallsyms_has("vfs_unlink"));
  skel.optional({"unlink"});
  skel->rodata->syscall_unlink = !vfs_hook;
  if (vfs_hook)
    skel.skip({"unlink_enter", "unlink_exit"});
  skel.load_and_attach();

  auto &out = s.table(columns());
  s.events<filelife_event>(skel, [&s, &out](const filelife_event &e) { row(out, e, s.clock()); });
  s.stop_after(o.duration_s);
}

} // namespace

std::vector<output::Column> columns() {
  using output::Fmt;
  return {
      {"TIME", 8, "ts", Fmt::Clock},
      {"PID", 7, "pid", Fmt::Dec},
      {"", 0, "tid", Fmt::Dec},
      {"COMM", 16, "comm", Fmt::Str},
      {"AGE(s)", 7, "age_s", Fmt::Fixed3},
      {"FILE", 0, "file", Fmt::Str},
  };
}

void row(output::Table &out, const filelife_event &e,
         const runtime::EventClock &clock) {
  out.row({clock.wall(e.ts_ns), e.tgid, e.tid, e.comm,
           static_cast<double>(e.age_ns) / 1e9, e.name});
}

} // namespace corebox::tools::filelife

COREBOX_TOOL(filelife, corebox::tools::filelife::Options, corebox::tools::filelife::describe,
             corebox::tools::filelife::run);
