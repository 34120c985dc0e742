#include "biopattern.h"

#include <algorithm>
#include <cstdio>

#include "biopattern.skel.h"
#include "cli/interval.h"
#include "main/tool.h"
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

void run(Session& s, const Options& o) {
  auto& disks = s.keep<sym::Disks>();
  std::optional<uint32_t> dev;
  if (!o.disk.empty() && !(dev = disks.find(o.disk)))
    throw UsageError("invalid disk '" + o.disk + "' for --disk: not in /proc/partitions");
  auto& skel = s.keep<bpf::Skeleton<biopattern_bpf>>(s, biopattern_bpf__open_opts);
  skel->rodata->filter_dev = dev.has_value();
  skel->rodata->targ_dev = dev.value_or(0);
  skel.load_and_attach();

  auto& gen = s.generation(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  using output::Fmt;
  // Text and JSON order their values differently: text-only and JSON-only columns
  // interleave.
  auto& table = s.keep<output::Table>(s.out(),
                                      std::vector<output::Column>{
                                          {"TIME", 9, "", Fmt::Str, false, o.timestamp},
                                          {"DISK", 7, "disk", Fmt::Str, false, true, true},
                                          {"%RND", 5, "", Fmt::Dec, true},
                                          {"", 0, "random", Fmt::Dec},
                                          {"%SEQ", 5, "", Fmt::Dec, true},
                                          {"", 0, "sequential", Fmt::Dec},
                                          {"COUNT", 8, "count", Fmt::Dec, true},
                                          {"KBYTES", 10, "", Fmt::Dec, true},
                                          {"", 0, "bytes", Fmt::Dec},
                                      },
                                      "biopattern");
  s.out().note("Tracing block device I/O requested seeks... Hit Ctrl-C to end.\n");
  s.every(
      o.interval_s, o.count,
      [&s, &skel, &gen, &disks, &table] {
        auto rows = report::take<biopattern_key, biopattern_counter>(skel->maps.counters, gen.readable());
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first.dev < b.first.dev; });
        report::begin(s.out(), report::Heading::None, false);
        table.header();
        const std::string ts = report::clock_now();
        for (const auto& [k, c] : rows) {
          const uint64_t total = c.random + c.sequential;
          if (!total) continue;
          table.row({ts, disks.name(k.dev), c.random * 100 / total, c.random, c.sequential * 100 / total, c.sequential,
                     total, c.bytes / 1024, c.bytes});
        }
        report::end(s.out());
      },
      skel->maps.cb_hist_drops);
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(biopattern, corebox::tools::Options, corebox::tools::describe, corebox::tools::run);
