#include "runqlat.h"

#include <algorithm>

#include "cli/interval.h"
#include "main/tool.h"
#include "runqlat.skel.h"

namespace corebox::tools {
namespace {

struct Options : cli::TaskFilter, cli::Interval {
  bool ms = false, per_process = false, per_thread = false, per_pidns = false;
};

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
  const uint32_t key_by = o.per_process ? RUNQLAT_PID : o.per_thread ? RUNQLAT_TID : o.per_pidns ? RUNQLAT_PIDNS : RUNQLAT_ALL;
  auto& skel = s.keep<bpf::Skeleton<runqlat_bpf>>(s, runqlat_bpf__open_opts);
  skel.apply(o);
  skel->rodata->targ_ms = o.ms;
  skel->rodata->key_by = key_by;
  skel.load_and_attach();

  auto& gen = s.generation(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  const char* key_name = key_by == RUNQLAT_PID ? "pid" : key_by == RUNQLAT_TID ? "tid" : "pidns";
  s.out().note("Tracing run queue latency... Hit Ctrl-C to end.\n");
  s.every(o.interval_s, o.count,
          report::hists<runqlat_key>(
              s.out(), skel->maps.hists, gen,
              {.metric = "runqlat",
               .unit = o.ms ? "msecs" : "usecs",
               .timestamp = o.timestamp,
               .single = key_by == RUNQLAT_ALL,
               .less = [](const runqlat_key& a, const runqlat_key& b) { return a.id < b.id; },
               .labels =
                   [key_by, key_name](const runqlat_key& k, const cb_hist& h, report::Labels& l) {
                     if (key_by == RUNQLAT_ALL) return;
                     l.add(key_name, k.id, key_name);
                     if (key_by != RUNQLAT_PIDNS) l.add("comm", h.comm, {}, true);
                   }}),
          skel->maps.cb_hist_drops);
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(runqlat, corebox::tools::Options, corebox::tools::describe, corebox::tools::run);
