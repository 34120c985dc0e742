#include "softirqs.h"

#include "cli/interval.h"
#include "core/aggregate.h"
#include "softirqs.skel.h"
#include "main/tool.h"
#include "output/irq_table.h"

namespace corebox::tools {
namespace {

// The softirq vectors (include/linux/interrupt.h), stable since 4.1.
std::string vec_name(uint32_t vec) {
  static const char* const kNames[] = {"hi", "timer", "net_tx", "net_rx", "block",
                                       "irq_poll", "tasklet", "sched", "hrtimer", "rcu"};
  return vec < std::size(kNames) ? kNames[vec] : "vec" + std::to_string(vec);
}

struct Options : cli::Interval {
  bool count = false, dist = false, ns = false;
  int cpu = -1;
};

void parse_cpu(const std::string& opt, std::string_view text, int& out) {
  cli::parse_value<int>(opt, text, out);
  if (out < 0 || out >= libbpf_num_possible_cpus())
    throw UsageError("invalid CPU '" + std::string(text) + "' for " + opt);
}

void describe(cli::Spec<Options>& s) {
  s.summary("Summarize soft IRQ event time");
  s.flag('C', "count", &Options::count, "show event counts instead of timing");
  s.flag('d', "dist", &Options::dist, "show distributions as histograms");
  s.flag('N', "nanoseconds", &Options::ns, "output in nanoseconds");
  s.option('c', "cpu", &Options::cpu, "CPU", "trace this CPU only", &parse_cpu);
  cli::interval(s);
  s.example("softirqs", "sum soft irq event time until Ctrl-C");
  s.example("softirqs -d", "show soft irq event time as histograms");
  s.example("softirqs 1 10", "print 1 second summaries, 10 times");
  s.example("softirqs -NT 1", "1s summaries, nanoseconds, and timestamps");
  s.example("softirqs -C -c 1", "count soft irqs on CPU 1");
}

int run(Context& ctx, const Options& o) {
  if (o.count && o.dist) throw UsageError("-C and -d are exclusive");
  core::Skeleton<softirqs_bpf> skel(ctx, softirqs_bpf__open_opts);
  auto* r = skel->rodata;
  r->targ_count = o.count;
  r->targ_dist = o.dist;
  r->targ_ns = o.ns;
  r->targ_cpu = o.cpu;
  skel.load_and_attach();

  core::Generation gen(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  const std::string_view unit = o.count ? "count" : o.ns ? "nsecs" : "usecs";
  auto& w = ctx.out();
  const auto print = [&] {
    const uint32_t g = gen.flip();
    if (!ctx.json()) {
      w.put('\n');
      if (o.timestamp) {
        w.put(output::clock_now());
        w.put('\n');
      }
    }
    const auto name = [](const softirqs_key& k) { return vec_name(k.vec); };
    if (o.dist) {
      std::vector<output::NamedHist> hists;
      for (const auto& [k, h] : core::take<softirqs_key, cb_hist>(skel->maps.hists, g))
        hists.push_back({name(k), std::vector<uint32_t>(std::begin(h.slots), std::end(h.slots))});
      output::print_named_hists(w, ctx.json(), "softirq", unit, std::move(hists));
    } else {
      std::vector<output::NamedTotal> rows;
      for (const auto& [k, v] : core::take<softirqs_key, uint64_t>(skel->maps.totals, g))
        rows.push_back({name(k), o.count || o.ns ? v : v / 1000});
      output::print_named_totals(w, ctx.json(), "softirq", "SOFTIRQ", 16, unit, std::move(rows));
    }
  };
  return core::run_intervals(ctx, o, 0, "Tracing soft irq event time... Hit Ctrl-C to end.", print, skel->maps.cb_hist_drops);
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(softirqs, corebox::tools::Options, corebox::tools::describe, corebox::tools::run);
