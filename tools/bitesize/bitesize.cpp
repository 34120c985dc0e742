#include "bitesize_render.h"

#include <algorithm>

#include "bitesize.skel.h"
#include "cli/interval.h"
#include "main/tool.h"
#include "sym/disks.h"

namespace corebox::tools::bitesize {
namespace {

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

void run(Session& s, const Options& o) {
  const sym::Disks disks;
  std::optional<uint32_t> dev;
  if (!o.disk.empty() && !(dev = disks.find(o.disk)))
    throw UsageError("invalid disk '" + o.disk + "' for --disk: not in /proc/partitions");
  auto& skel = s.keep<bpf::Skeleton<bitesize_bpf>>(s, bitesize_bpf__open_opts);
  skel.apply(o);
  skel->rodata->filter_dev = dev.has_value();
  skel->rodata->targ_dev = dev.value_or(0);
  skel.load_and_attach();

  auto& gen = s.generation(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  s.out().note("Tracing block device I/O... Hit Ctrl-C to end.\n");
  s.every(o.interval_s, o.count, report::hists(s.out(), skel->maps.hists, gen, hist_spec(o)),
          skel->maps.cb_hist_drops);
}

}  // namespace

report::HistSpec<bitesize_key> hist_spec(const Options& o) {
  return {.metric = "bitesize",
          .unit = "Kbytes",
          .heading = report::Heading::Plain,
          .timestamp = o.timestamp,
          .less = [](const bitesize_key& a,
                     const bitesize_key& b) { return strncmp(a.comm, b.comm, CB_COMM_LEN) < 0; },
          .labels = [](const bitesize_key& k, const cb_hist&,
                       report::Labels& l) { l.add("comm", k.comm, "Process Name"); }};
}

}  // namespace corebox::tools::bitesize

COREBOX_TOOL(bitesize, corebox::tools::bitesize::Options, corebox::tools::bitesize::describe,
             corebox::tools::bitesize::run);
