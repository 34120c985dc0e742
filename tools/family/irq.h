// What hardirqs and softirqs share: options, parsing, and the per-interval print. Each
// tool gives only its texts, its skeleton and how to name a key.
#pragma once
#include <string>
#include <vector>

#include "cli/interval.h"
#include "main/tool.h"

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

// "count", "nsecs" or "usecs".
std::string_view irq_unit(const IrqOptions& o);
// The totals table: name, unit and total ("%-26s %11s" for hardirqs, "%-16s %11s" for
// softirqs, as in bcc). total_header ("TOTAL_usecs") must outlive the table.
std::vector<output::Column> irq_columns(const IrqTexts& t, std::string_view total_header);
// One interval taken at `now`, from the entries named by the tool: totals (in the
// unit's scale from nanoseconds or counts) largest first, in a table of irq_columns()
// bound to `sink`, or with -d one log2 histogram per name.
void print_irq_totals(output::Sink& sink, output::Table& totals, const IrqOptions& o,
                      std::vector<std::pair<std::string, uint64_t>> rows, double now);
void print_irq_hists(output::Sink& sink, const IrqOptions& o, const IrqTexts& t,
                     std::vector<std::pair<std::string, cb_hist>> hists, double now);

// Loads the tool's skeleton with the options and reports every interval: totals per
// name, largest first, or one log2 histogram per name with -d.
template <class Key, class T, class NameFn>
void run_irq(Session& s, const IrqOptions& o, bpf::Skeleton<T>& skel, const IrqTexts& t, NameFn name) {
  if (o.count && o.dist) throw UsageError("-C and -d are exclusive");
  auto* r = skel->rodata;
  r->targ_count = o.count;
  r->targ_dist = o.dist;
  r->targ_ns = o.ns;
  r->targ_cpu = o.cpu;
  skel.load_and_attach();

  auto& gen = s.generation(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  const std::string& total_header = s.keep<std::string>("TOTAL_" + std::string(irq_unit(o)));
  auto& totals = s.keep<output::Table>(s.out(), irq_columns(t, total_header), t.tool);
  s.out().note(std::string("Tracing ") + t.what + " event time... Hit Ctrl-C to end.\n");
  const cli::Interval& iv = o;  // IrqOptions::count is -C
  s.every(
      iv.interval_s, iv.count,
      [&s, &o, &skel, &gen, &totals, &t, name] {
        if (o.dist) {
          std::vector<std::pair<std::string, cb_hist>> hists;
          for (const auto& [k, h] : report::take<Key, cb_hist>(skel->maps.hists, gen.readable()))
            hists.emplace_back(name(k), h);
          print_irq_hists(s.out(), o, t, std::move(hists), report::wall_now());
        } else {
          std::vector<std::pair<std::string, uint64_t>> rows;
          for (const auto& [k, v] : report::take<Key, uint64_t>(skel->maps.totals, gen.readable()))
            rows.emplace_back(name(k), v);
          print_irq_totals(s.out(), totals, o, std::move(rows), report::wall_now());
        }
      },
      skel->maps.cb_hist_drops);
}

}  // namespace corebox::tools
