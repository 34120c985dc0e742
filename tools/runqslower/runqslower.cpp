#include "runqslower_render.h"

#include "main/tool.h"
#include "runqslower.skel.h"

namespace corebox::tools::runqslower {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Trace tasks that wait on a run queue longer than a threshold");
  s.positional("min_us", &Options::min_us, "minimum run queue latency to trace, in microseconds (default 10000)");
  cli::task_filter(s, cli::kPid | cli::kTid | cli::kCgroup);
  cli::duration(s);
  s.flag('P', "previous", &Options::previous, "also show the previous task's name and TID");
  s.example("runqslower", "trace run queue latency higher than 10000 us (default)");
  s.example("runqslower 1000", "trace run queue latency higher than 1000 us");
  s.example("runqslower -p 123", "trace PID 123 only");
  s.example("runqslower -t 123", "trace TID 123 only");
  s.example("runqslower -P", "also show the previous task");
}

void run(Session& s, const Options& o) {
  auto& skel = s.keep<bpf::Skeleton<runqslower_bpf>>(s, runqslower_bpf__open_opts);
  skel.apply(o);
  skel->rodata->min_us = o.min_us;
  skel.load_and_attach();

  auto& out = s.table(columns(o));
  s.events<runqslower_event>(skel, [&s, &out](const runqslower_event& e) { row(out, e, s.clock()); });
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns(const Options& o) {
  using output::Fmt;
  return {
      {"TIME", 8, "ts", Fmt::Clock},
      {"COMM", 16, "comm", Fmt::Str},
      {"TID", 7, "tid", Fmt::Dec},
      {"", 0, "pid", Fmt::Dec},
      {"LAT(us)", 14, "lat_us", Fmt::Dec, true},
      {"PREV COMM", 16, "prev_comm", Fmt::Str, false, o.previous},
      {"PREV TID", 8, "prev_tid", Fmt::Dec, false, o.previous},
  };
}

void row(output::Table& out, const runqslower_event& e, const runtime::EventClock& clock) {
  out.row({clock.wall(e.ts_ns), e.comm, e.tid, e.tgid, e.delta_us, e.prev_comm, e.prev_tid});
}

}  // namespace corebox::tools::runqslower

COREBOX_TOOL(runqslower, corebox::tools::runqslower::Options, corebox::tools::runqslower::describe,
             corebox::tools::runqslower::run);
