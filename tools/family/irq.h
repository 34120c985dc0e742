// What hardirqs and softirqs share: options, parsing, and the per-interval print. Each
// tool gives only its texts, its skeleton and how to name a key.
#pragma once
#include <string>
#include <vector>

#include "cli/interval.h"
#include "report/intervals.h"
#include "main/tool.h"
#include "family/irq_table.h"

namespace corebox::tools {

struct IrqOptions : cli::Interval {
  bool count = false, dist = false, ns = false;
  int cpu = -1;
};

struct IrqTexts {
  const char* tool;    // "hardirqs"
  const char* what;    // "hard irq"
  const char* kind;    // JSON "hardirq"
  const char* column;  // text column header "HARDIRQ"
  int width;           // its width
};

inline void parse_cpu(const std::string& opt, std::string_view text, int& out) {
  cli::parse_value<int>(opt, text, out);
  if (out < 0 || out >= libbpf_num_possible_cpus()) throw UsageError("invalid CPU '" + std::string(text) + "' for " + opt);
}

inline void describe_irq(cli::Spec<IrqOptions>& s, const IrqTexts& t) {
  const std::string tool = t.tool, what = t.what;
  s.flag('C', "count", &IrqOptions::count, "show event counts instead of timing");
  s.flag('d', "dist", &IrqOptions::dist, "show distributions as histograms");
  s.flag('N', "nanoseconds", &IrqOptions::ns, "output in nanoseconds");
  s.option('c', "cpu", &IrqOptions::cpu, "CPU", "trace this CPU only", &parse_cpu);
  cli::interval(s);
  s.example(tool, "sum " + what + " event time until Ctrl-C");
  s.example(tool + " -d", "show " + what + " event time as histograms");
  s.example(tool + " 1 10", "print 1 second summaries, 10 times");
  s.example(tool + " -NT 1", "1s summaries, nanoseconds, and timestamps");
  s.example(tool + " -C -c 1", "count " + what + "s on CPU 1");
}

// Loads the tool's skeleton with the options and prints every interval until the end.
template <class Key, class T, class NameFn>
int run_irq(Context& ctx, const IrqOptions& o, bpf::Skeleton<T>& skel, const IrqTexts& t, NameFn name) {
  if (o.count && o.dist) throw UsageError("-C and -d are exclusive");
  auto* r = skel->rodata;
  r->targ_count = o.count;
  r->targ_dist = o.dist;
  r->targ_ns = o.ns;
  r->targ_cpu = o.cpu;
  skel.load_and_attach();

  report::Generation gen(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
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
    if (o.dist) {
      std::vector<NamedHist> hists;
      for (const auto& [k, h] : report::take<Key, cb_hist>(skel->maps.hists, g))
        hists.push_back({name(k), std::vector<uint32_t>(std::begin(h.slots), std::end(h.slots))});
      print_named_hists(w, ctx.json(), t.kind, unit, std::move(hists));
    } else {
      std::vector<NamedTotal> rows;
      for (const auto& [k, v] : report::take<Key, uint64_t>(skel->maps.totals, g))
        rows.push_back({name(k), o.count || o.ns ? v : v / 1000});
      print_named_totals(w, ctx.json(), t.kind, t.column, t.width, unit, std::move(rows));
    }
  };
  const std::string banner = std::string("Tracing ") + t.what + " event time... Hit Ctrl-C to end.";
  return report::run_intervals(ctx, o, 0, banner, print, skel->maps.cb_hist_drops);
}

}  // namespace corebox::tools
