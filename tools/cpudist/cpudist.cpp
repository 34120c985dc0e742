#include "cpudist.h"

#include <algorithm>

#include "cli/interval.h"
#include "report/intervals.h"
#include "cpudist.skel.h"
#include "main/tool.h"
#include "output/hist.h"

namespace corebox::tools {
namespace {

struct Options : cli::TaskFilter, cli::Interval {
  bool offcpu = false, ms = false, per_process = false, per_thread = false;
};

void describe(cli::Spec<Options>& s) {
  s.summary("Summarize on-CPU (or off-CPU) time per task as a histogram");
  s.flag('O', "offcpu", &Options::offcpu, "measure off-CPU time");
  s.flag('m', "milliseconds", &Options::ms, "millisecond histogram");
  s.flag('P', "pids", &Options::per_process, "print a histogram per process ID");
  s.flag('L', "tids", &Options::per_thread, "print a histogram per thread ID");
  cli::task_filter(s, cli::kPid | cli::kCgroup);
  cli::interval(s);
  s.example("cpudist", "summarize on-CPU time as a histogram");
  s.example("cpudist -O", "summarize off-CPU time as a histogram");
  s.example("cpudist 1 10", "print 1 second summaries, 10 times");
  s.example("cpudist -mT 1", "1s summaries, milliseconds, and timestamps");
  s.example("cpudist -P", "show each PID separately");
  s.example("cpudist -p 185", "trace PID 185 only");
}

int run(Context& ctx, const Options& o) {
  if (o.per_process && o.per_thread) throw UsageError("-P and -L are exclusive");
  bpf::Skeleton<cpudist_bpf> skel(ctx, cpudist_bpf__open_opts);
  skel.apply(o);
  auto* r = skel->rodata;
  r->targ_offcpu = o.offcpu;
  r->targ_ms = o.ms;
  r->targ_per_process = o.per_process;
  r->targ_per_thread = o.per_thread;
  skel.load_and_attach();

  report::Generation gen(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  const std::string_view unit = o.ms ? "msecs" : "usecs";
  const bool keyed = o.per_process || o.per_thread;
  const char* key_name = o.per_process ? "pid" : "tid";
  auto& w = ctx.out();
  const auto print = [&] {
    auto hists = report::take<cpudist_key, cb_hist>(skel->maps.hists, gen.flip());
    std::sort(hists.begin(), hists.end(), [](const auto& a, const auto& b) { return a.first.id < b.first.id; });
    if (ctx.json()) {
      const double now = output::wall_now();
      if (!keyed) {
        cb_hist empty{};
        output::json_log2_hist(w, {{"ts", now}, {"offcpu", o.offcpu}}, hists.empty() ? empty.slots : hists[0].second.slots,
                               unit);
      } else {
        for (const auto& [k, h] : hists)
          output::json_log2_hist(w, {{"ts", now}, {"offcpu", o.offcpu}, {key_name, k.id}, {"comm", h.comm}}, h.slots, unit);
      }
      return;
    }
    w.put('\n');
    if (o.timestamp) {
      w.put(output::clock_now());
      w.put('\n');
    }
    for (const auto& [k, h] : hists) {
      if (keyed) {
        w.put('\n');
        w.put(key_name);
        w.put(" = ");
        w.put_uint(k.id);
        w.put(' ');
        w.put(std::string_view(h.comm, strnlen(h.comm, sizeof(h.comm))));
        w.put('\n');
      }
      output::print_log2_hist(w, h.slots, unit);
    }
  };
  return report::run_intervals(ctx, o, 0,
                             o.offcpu ? "Tracing off-CPU time... Hit Ctrl-C to end." : "Tracing on-CPU time... Hit Ctrl-C to end.",
                             print, skel->maps.cb_hist_drops);
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(cpudist, corebox::tools::Options, corebox::tools::describe, corebox::tools::run);
