#include "threadsnoop_render.h"

#include <bpf/libbpf.h>

#include <cstdio>

#include "main/tool.h"
#include "sym/symbolizer.h"
#include "threadsnoop.skel.h"

namespace corebox::tools::threadsnoop {
namespace {

void describe(cli::Spec<Options> &s) {
  s.summary(
      "Trace thread creation with pthread_create(), with the start routine");
  cli::task_filter(s, cli::kPid | cli::kUid | cli::kCgroup);
  cli::duration(s);
  s.option('l', "libc", &Options::libc, "PATH",
           "the C library to probe (default: the process's, or the system's)");
  s.example("threadsnoop", "all threads created through the system libc");
  s.example("threadsnoop -p 181",
            "PID 181's threads, in the libc it has mapped");
}

// pthread_create lives in libc.so.6 from glibc 2.34, in libpthread.so.0 before.
sym::UprobeTarget find_target(sym::Symbolizer &syms, const Options &o, int pid) {
  std::vector<std::string> libs;
  if (!o.libc.empty())
    libs.push_back(o.libc);
  else
    libs = {"libc.so.6", "libpthread.so.0"};
  std::string tried;
  for (const auto &name : libs) {
    const std::string path = sym::find_library(name, pid);
    if (path.empty())
      continue;
    if (const auto t = syms.uprobe(path, "pthread_create"))
      return *t;
    tried += (tried.empty() ? "" : ", ") + path;
  }
  if (tried.empty())
    throw Error(pid ? "no libc.so.6 mapped in process " + std::to_string(pid)
                    : std::string("no libc.so.6 found"),
                ENOENT, "pass the C library with --libc");
  throw Error("no pthread_create in " + tried, 0, "is it stripped?");
}

void run(Session &s, const Options &o) {
  auto& skel = s.keep<bpf::Skeleton<threadsnoop_bpf>>(s, threadsnoop_bpf__open_opts);
  skel.apply(o);
  skel.manual({"create_enter"});
  const int pid = static_cast<int>(o.pid);
  const sym::UprobeTarget target = find_target(s.symbols(), o, pid);
  skel.load_and_attach();
  LIBBPF_OPTS(bpf_uprobe_opts, opts);
  skel.own(bpf_program__attach_uprobe_opts(skel->progs.create_enter,
                                           pid ? pid : -1, target.path.c_str(),
                                           target.offset, &opts),
           "uprobe " + target.path + ":pthread_create");
  if (s.verbose())
    std::fprintf(stderr, "%s: uprobe %s+0x%llx (pthread_create)\n",
                 s.tool().c_str(), target.path.c_str(),
                 static_cast<unsigned long long>(target.offset));

  auto &out = s.table(columns());
  s.events<threadsnoop_event>(skel, [&s, &out](const threadsnoop_event &e) {
        row(out, e, s.clock(),
            s.symbols().describe_user(static_cast<pid_t>(e.tgid), e.start_fn,
                                      sym::Unnamed::Hex));
      });
  s.stop_after(o.duration_s);
}

} // namespace

std::vector<output::Column> columns() {
  using output::Fmt;
  return {
      {"TIME(ms)", 10, "time_ms", Fmt::Dec},
      {"PID", 7, "pid", Fmt::Dec},
      {"TID", 7, "tid", Fmt::Dec},
      {"COMM", 16, "comm", Fmt::Str},
      {"FUNC", 0, "func", Fmt::Str},
      {"", 0, "addr", Fmt::Dec},
  };
}

void row(output::Table &out, const threadsnoop_event &e,
         const runtime::EventClock &clock, std::string_view func) {
  const auto ms = static_cast<long long>(clock.since_start(e.ts_ns) * 1000);
  out.row({ms, e.tgid, e.tid, e.comm, func,
           static_cast<unsigned long long>(e.start_fn)});
}

} // namespace corebox::tools::threadsnoop

COREBOX_TOOL(threadsnoop, corebox::tools::threadsnoop::Options, corebox::tools::threadsnoop::describe,
             corebox::tools::threadsnoop::run);
