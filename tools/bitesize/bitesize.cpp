#include "bitesize.h"

#include <algorithm>

#include "bitesize.skel.h"
#include "cli/interval.h"
#include "report/intervals.h"
#include "main/tool.h"
#include "output/hist.h"
#include "sym/disks.h"

namespace corebox::tools {
namespace {

struct Options : cli::TaskFilter, cli::Interval {
  std::string disk;
};

void describe(cli::Spec<Options>& s) {
  s.summary("Summarize block device I/O size per process as histograms");
  s.option('c', "comm", &cli::TaskFilter::name, "COMM", "trace commands whose name contains COMM", &cli::parse_comm);
  cli::task_filter(s, cli::kPid | cli::kCgroup);
  s.option('d', "disk", &Options::disk, "DISK", "trace this disk only (e.g. vda)");
  cli::interval(s);
  s.example("bitesize", "summarize block I/O size per process until Ctrl-C");
  s.example("bitesize 1 10", "print 1 second summaries, 10 times");
  s.example("bitesize -T 1", "1s summaries with timestamps");
  s.example("bitesize -c fio", "trace fio only");
  s.example("bitesize -d vda", "trace vda only");
}

int run(Context& ctx, const Options& o) {
  const sym::Disks disks;
  std::optional<uint32_t> dev;
  if (!o.disk.empty() && !(dev = disks.find(o.disk)))
    throw UsageError("invalid disk '" + o.disk + "' for --disk: not in /proc/partitions");
  bpf::Skeleton<bitesize_bpf> skel(ctx, bitesize_bpf__open_opts);
  skel.apply(o);
  skel->rodata->filter_dev = dev.has_value();
  skel->rodata->targ_dev = dev.value_or(0);
  skel.load_and_attach();

  report::Generation gen(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  auto& w = ctx.out();
  const auto print = [&] {
    auto hists = report::take<bitesize_key, cb_hist>(skel->maps.hists, gen.flip());
    std::sort(hists.begin(), hists.end(),
              [](const auto& a, const auto& b) { return strncmp(a.first.comm, b.first.comm, CB_COMM_LEN) < 0; });
    if (ctx.json()) {
      const double now = output::wall_now();
      for (const auto& [k, h] : hists) output::json_log2_hist(w, {{"ts", now}, {"comm", k.comm}}, h.slots, "Kbytes");
      return;
    }
    if (o.timestamp) {
      w.put(output::clock_now());
      w.put('\n');
    }
    for (const auto& [k, h] : hists) {
      w.put("\nProcess Name = ");
      w.put(std::string_view(k.comm, strnlen(k.comm, sizeof(k.comm))));
      w.put('\n');
      output::print_log2_hist(w, h.slots, "Kbytes");
    }
  };
  return report::run_intervals(ctx, o, 0, "Tracing block device I/O... Hit Ctrl-C to end.", print, skel->maps.cb_hist_drops);
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(bitesize, corebox::tools::Options, corebox::tools::describe, corebox::tools::run);
