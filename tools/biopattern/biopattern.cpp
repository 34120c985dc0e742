#include "biopattern_render.h"

#include <algorithm>
#include <cstdio>

#include "biopattern.skel.h"
#include "cli/interval.h"
#include "main/tool.h"
#include "sym/disks.h"

namespace corebox::tools::biopattern {
namespace {

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
  auto& table = s.keep<output::Table>(s.out(), columns(o), "biopattern");
  s.out().note("Tracing block device I/O requested seeks... Hit Ctrl-C to end.\n");
  s.every(
      o.interval_s, o.count,
      [&s, &skel, &gen, &disks, &table] {
        print(s.out(), table, disks,
              report::take<biopattern_key, biopattern_counter>(skel->maps.counters, gen.readable()),
              report::wall_now());
      },
      skel->maps.cb_hist_drops);
}

}  // namespace

std::vector<output::Column> columns(const Options& o) {
  using output::Fmt;
  // Text and JSON order their values differently: text-only and JSON-only columns
  // interleave.
  return {
      {"TIME", 9, "", Fmt::Str, false, o.timestamp},
      {"DISK", 7, "disk", Fmt::Str, false, true, true},
      {"%RND", 5, "", Fmt::Dec, true},
      {"", 0, "random", Fmt::Dec},
      {"%SEQ", 5, "", Fmt::Dec, true},
      {"", 0, "sequential", Fmt::Dec},
      {"COUNT", 8, "count", Fmt::Dec, true},
      {"KBYTES", 10, "", Fmt::Dec, true},
      {"", 0, "bytes", Fmt::Dec},
  };
}

void print(output::Sink& sink, output::Table& table, const sym::Disks& disks,
           std::vector<std::pair<biopattern_key, biopattern_counter>> rows, double now) {
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first.dev < b.first.dev; });
  report::begin(sink, report::Heading::None, false, now);
  table.header();
  const std::string ts = report::clock_text(now);
  for (const auto& [k, c] : rows) {
    const uint64_t total = c.random + c.sequential;
    if (!total) continue;
    table.row({ts, disks.name(k.dev), c.random * 100 / total, c.random, c.sequential * 100 / total, c.sequential,
               total, c.bytes / 1024, c.bytes});
  }
  report::end(sink);
}

}  // namespace corebox::tools::biopattern

COREBOX_TOOL(biopattern, corebox::tools::biopattern::Options, corebox::tools::biopattern::describe,
             corebox::tools::biopattern::run);
