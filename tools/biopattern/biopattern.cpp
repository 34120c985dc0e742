#include "biopattern.h"

#include <algorithm>
#include <cstdio>

#include "biopattern.skel.h"
#include "cli/interval.h"
#include "report/intervals.h"
#include "main/tool.h"
#include "output/hist.h"
#include "sym/disks.h"

namespace corebox::tools {
namespace {

struct Options : cli::Interval {
  std::string disk;
};

void describe(cli::Spec<Options>& s) {
  s.summary("Show block device I/O pattern: random or sequential, per disk");
  s.option('d', "disk", &Options::disk, "DISK", "trace this disk only (e.g. vda)");
  cli::interval(s);
  s.example("biopattern", "show block I/O pattern until Ctrl-C");
  s.example("biopattern 1 10", "print 1 second summaries, 10 times");
  s.example("biopattern -T 1", "1s summaries with timestamps");
  s.example("biopattern -d vda", "trace vda only");
}

int run(Context& ctx, const Options& o) {
  const sym::Disks disks;
  std::optional<uint32_t> dev;
  if (!o.disk.empty() && !(dev = disks.find(o.disk)))
    throw UsageError("invalid disk '" + o.disk + "' for --disk: not in /proc/partitions");
  bpf::Skeleton<biopattern_bpf> skel(ctx, biopattern_bpf__open_opts);
  skel->rodata->filter_dev = dev.has_value();
  skel->rodata->targ_dev = dev.value_or(0);
  skel.load_and_attach();

  report::Generation gen(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  auto& w = ctx.out();
  char line[128];
  const auto print = [&] {
    auto rows = report::take<biopattern_key, biopattern_counter>(skel->maps.counters, gen.flip());
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first.dev < b.first.dev; });
    const double now = output::wall_now();
    if (!ctx.json()) {
      if (o.timestamp) w.put("TIME      ");
      std::snprintf(line, sizeof(line), "%-7s %5s %5s %8s %10s\n", "DISK", "%RND", "%SEQ", "COUNT", "KBYTES");
      w.put(line);
    }
    const std::string ts = output::clock_now();
    for (const auto& [k, c] : rows) {
      const uint64_t total = c.random + c.sequential;
      if (!total) continue;
      const std::string name = disks.name(k.dev);
      if (ctx.json()) {
        output::json_object(w, {{"ts", now}, {"disk", name}, {"random", c.random}, {"sequential", c.sequential},
                                {"count", total}, {"bytes", c.bytes}});
        continue;
      }
      if (o.timestamp) {
        std::snprintf(line, sizeof(line), "%-9s ", ts.c_str());
        w.put(line);
      }
      std::snprintf(line, sizeof(line), "%-7s %5llu %5llu %8llu %10llu\n", name.c_str(),
                    static_cast<unsigned long long>(c.random * 100 / total),
                    static_cast<unsigned long long>(c.sequential * 100 / total), static_cast<unsigned long long>(total),
                    static_cast<unsigned long long>(c.bytes / 1024));
      w.put(line);
    }
  };
  return report::run_intervals(ctx, o, 0, "Tracing block device I/O requested seeks... Hit Ctrl-C to end.", print, skel->maps.cb_hist_drops);
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(biopattern, corebox::tools::Options, corebox::tools::describe, corebox::tools::run);
