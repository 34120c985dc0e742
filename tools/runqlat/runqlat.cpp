#include "runqlat.h"

#include <algorithm>

#include "cli/interval.h"
#include "report/intervals.h"
#include "main/tool.h"
#include "output/hist.h"
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

int run(Context& ctx, const Options& o) {
  if (o.per_process + o.per_thread + o.per_pidns > 1) throw UsageError("-P, -L and --pidnss are exclusive");
  const uint32_t key_by = o.per_process ? RUNQLAT_PID : o.per_thread ? RUNQLAT_TID : o.per_pidns ? RUNQLAT_PIDNS : RUNQLAT_ALL;
  bpf::Skeleton<runqlat_bpf> skel(ctx, runqlat_bpf__open_opts);
  skel.apply(o);
  skel->rodata->targ_ms = o.ms;
  skel->rodata->key_by = key_by;
  skel.load_and_attach();

  report::Generation gen(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  const std::string_view unit = o.ms ? "msecs" : "usecs";
  const char* key_name = key_by == RUNQLAT_PID ? "pid" : key_by == RUNQLAT_TID ? "tid" : "pidns";
  auto& w = ctx.out();
  const auto print = [&] {
    auto hists = report::take<runqlat_key, cb_hist>(skel->maps.hists, gen.flip());
    std::sort(hists.begin(), hists.end(), [](const auto& a, const auto& b) { return a.first.id < b.first.id; });
    if (ctx.json()) {
      const double now = output::wall_now();
      if (key_by == RUNQLAT_ALL) {
        cb_hist empty{};
        const cb_hist& h = hists.empty() ? empty : hists.front().second;
        output::json_log2_hist(w, {{"ts", now}}, h.slots, unit);
      }
      for (const auto& [k, h] : hists) {
        if (key_by == RUNQLAT_ALL) break;
        if (key_by == RUNQLAT_PIDNS) output::json_log2_hist(w, {{"ts", now}, {key_name, k.id}}, h.slots, unit);
        else output::json_log2_hist(w, {{"ts", now}, {key_name, k.id}, {"comm", h.comm}}, h.slots, unit);
      }
      return;
    }
    w.put('\n');
    if (o.timestamp) {
      w.put(output::clock_now());
      w.put('\n');
    }
    for (const auto& [k, h] : hists) {
      if (key_by != RUNQLAT_ALL) {
        w.put('\n');
        w.put(key_name);
        w.put(" = ");
        w.put_uint(k.id);
        if (key_by != RUNQLAT_PIDNS) {
          w.put(' ');
          w.put(std::string_view(h.comm, strnlen(h.comm, sizeof(h.comm))));
        }
        w.put('\n');
      }
      output::print_log2_hist(w, h.slots, unit);
    }
  };
  return report::run_intervals(ctx, o, 0, "Tracing run queue latency... Hit Ctrl-C to end.", print, skel->maps.cb_hist_drops);
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(runqlat, corebox::tools::Options, corebox::tools::describe, corebox::tools::run);
