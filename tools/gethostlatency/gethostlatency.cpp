#include "gethostlatency_render.h"

#include <bpf/libbpf.h>

#include <cstring>

#include "main/tool.h"
#include "sym/symbolizer.h"
#include "gethostlatency.skel.h"

namespace corebox::tools::gethostlatency {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Trace getaddrinfo(), gethostbyname() and gethostbyname2() with their latency");
  cli::task_filter(s, cli::kPid | cli::kUid | cli::kCgroup);
  cli::duration(s);
  s.option('l', "libc", &Options::libc, "PATH", "the C library to probe (default: the process's, or the system's)");
  s.example("gethostlatency", "all host lookups through the system libc");
  s.example("gethostlatency -p 181", "PID 181's lookups, in the libc it has mapped");
}

void run(Session& s, const Options& o) {
  auto& skel = s.keep<bpf::Skeleton<gethostlatency_bpf>>(s, gethostlatency_bpf__open_opts);
  skel.apply(o);
  skel.manual({"lookup_enter", "lookup_return"});
  const int pid = static_cast<int>(o.pid);
  const std::string libc = !o.libc.empty() ? o.libc : sym::find_library("libc.so.6", pid);
  if (libc.empty())
    throw Error(pid ? "no libc.so.6 mapped in process " + std::to_string(pid) : std::string("no libc.so.6 found"), ENOENT,
                "pass the C library with --libc");
  std::vector<std::pair<std::string, uint64_t>> targets;
  for (const char* fn : {"getaddrinfo", "gethostbyname", "gethostbyname2"})
    if (const auto t = s.symbols().uprobe(libc, fn)) targets.emplace_back(fn, t->offset);
  if (targets.empty()) throw Error("no getaddrinfo/gethostbyname in '" + libc + "'", 0, "is it stripped?");
  skel.load_and_attach();
  for (const auto& [fn, off] : targets) {
    LIBBPF_OPTS(bpf_uprobe_opts, entry);
    LIBBPF_OPTS(bpf_uprobe_opts, ret, .retprobe = true);
    skel.own(bpf_program__attach_uprobe_opts(skel->progs.lookup_enter, pid ? pid : -1, libc.c_str(), off, &entry),
             "uprobe " + libc + ":" + fn);
    skel.own(bpf_program__attach_uprobe_opts(skel->progs.lookup_return, pid ? pid : -1, libc.c_str(), off, &ret),
             "uretprobe " + libc + ":" + fn);
    if (s.verbose())
      std::fprintf(stderr, "%s: uprobe %s+0x%llx (%s)\n", s.tool().c_str(), libc.c_str(),
                   static_cast<unsigned long long>(off), fn.c_str());
  }

  auto& out = s.table(columns());
  s.events<gethostlatency_event>(skel, [&s, &out](const gethostlatency_event& e) { row(out, e, s.clock()); });
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns() {
  using output::Fmt;
  return {
      {"TIME", 8, "ts", Fmt::Clock},
      {"PID", 7, "pid", Fmt::Dec},
      {"", 0, "tid", Fmt::Dec},
      {"COMM", 16, "comm", Fmt::Str},
      {"LATms", 10, "latency_ms", Fmt::Fixed3, true},
      {"HOST", 0, "host", Fmt::Str},
  };
}

void row(output::Table& out, const gethostlatency_event& e, const runtime::EventClock& clock) {
  out.row({clock.wall(e.ts_ns), e.tgid, e.tid, e.comm, static_cast<double>(e.latency_ns) / 1e6, e.host});
}

}  // namespace corebox::tools::gethostlatency

COREBOX_TOOL(gethostlatency, corebox::tools::gethostlatency::Options, corebox::tools::gethostlatency::describe,
             corebox::tools::gethostlatency::run);
