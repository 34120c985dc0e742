#include "runqlat_render.h"

#include <algorithm>

#include "cli/interval.h"
#include "main/tool.h"
#include "runqlat.skel.h"

namespace corebox::tools::runqlat {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Summarize run queue (scheduler) latency as a histogram");
  s.flag('m', "milliseconds", &Options::ms, "millisecond histogram");
  s.flag('P', "pids", &Options::per_process, "print a histogram per process ID");
  s.flag('L', "tids", &Options::per_thread, "print a histogram per thread ID");
  s.flag(0, "pidnss", &Options::per_pidns, "print a histogram per PID namespace");
  cli::task_filter(s, cli::kPid | cli::kCgroup);
  cli::interval(s);
  s.example("runqlat", "summarize run queue latency until Ctrl-C");
  s.example("runqlat 1 10", "print 1 second summaries, 10 times");
  s.example("runqlat -mT 1", "1s summaries, milliseconds, and timestamps");
  s.example("runqlat -P", "show each PID separately");
  s.example("runqlat -p 185", "trace PID 185 only");
}

void run(Session& s, const Options& o) {
  if (o.per_process + o.per_thread + o.per_pidns > 1) throw UsageError("-P, -L and --pidnss are exclusive");
  auto& skel = s.keep<bpf::Skeleton<runqlat_bpf>>(s, runqlat_bpf__open_opts);
  skel.apply(o);
  skel->rodata->targ_ms = o.ms;
  skel->rodata->key_by = key_by(o);
  skel.load_and_attach();

  auto& gen = s.generation(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  s.out().note("Tracing run queue latency... Hit Ctrl-C to end.\n");
  s.every(o.interval_s, o.count, report::hists(s.out(), skel->maps.hists, gen, hist_spec(o)),
          skel->maps.cb_hist_drops);
}

}  // namespace

enum runqlat_key_by key_by(const Options& o) {
  return o.per_process ? RUNQLAT_PID : o.per_thread ? RUNQLAT_TID : o.per_pidns ? RUNQLAT_PIDNS : RUNQLAT_ALL;
}

report::HistSpec<runqlat_key> hist_spec(const Options& o) {
  const uint32_t by = key_by(o);
  const char* key_name = by == RUNQLAT_PID ? "pid" : by == RUNQLAT_TID ? "tid" : "pidns";
  return {.metric = "runqlat",
          .unit = o.ms ? "msecs" : "usecs",
          .timestamp = o.timestamp,
          .single = by == RUNQLAT_ALL,
          .less = [](const runqlat_key& a, const runqlat_key& b) { return a.id < b.id; },
          .labels =
              [by, key_name](const runqlat_key& k, const cb_hist& h, report::Labels& l) {
                if (by == RUNQLAT_ALL) return;
                l.add(key_name, k.id, key_name);
                if (by != RUNQLAT_PIDNS) l.add("comm", h.comm, {}, true);
              }};
}

}  // namespace corebox::tools::runqlat

COREBOX_TOOL(runqlat, corebox::tools::runqlat::Options, corebox::tools::runqlat::describe,
             corebox::tools::runqlat::run);
