#include "biolatency.h"

#include <algorithm>

#include "cli/interval.h"
#include "report/intervals.h"
#include "main/tool.h"
#include "output/hist.h"
#include "biolatency.skel.h"
#include "sym/disks.h"

namespace corebox::tools {
namespace {

struct Options : cli::TaskFilter, cli::Interval {
  bool queued = false, per_disk = false, per_flag = false, ms = false;
  std::string disk;
};

void describe(cli::Spec<Options>& s) {
  s.summary("Summarize block device I/O latency as a histogram");
  s.flag('Q', "queued", &Options::queued, "include OS queued time in I/O time");
  s.flag('D', "disk", &Options::per_disk, "print a histogram per disk device");
  s.flag('F', "flag", &Options::per_flag, "print a histogram per set of I/O flags");
  s.flag('m', "milliseconds", &Options::ms, "millisecond histogram");
  s.option('d', "disk-name", &Options::disk, "DISK", "trace this disk only (e.g. vda)");
  cli::task_filter(s, cli::kCgroup);
  cli::interval(s);
  s.example("biolatency", "summarize block I/O latency as a histogram");
  s.example("biolatency 1 10", "print 1 second summaries, 10 times");
  s.example("biolatency -mT 1", "1s summaries, milliseconds, and timestamps");
  s.example("biolatency -Q", "include OS queued time in I/O time");
  s.example("biolatency -D", "show each disk device separately");
  s.example("biolatency -F", "show I/O flags separately");
  s.example("biolatency -d vda", "trace vda only");
}

int run(Context& ctx, const Options& o) {
  const sym::Disks disks;
  std::optional<uint32_t> dev;
  if (!o.disk.empty() && !(dev = disks.find(o.disk)))
    throw UsageError("invalid disk '" + o.disk + "' for --disk-name: not in /proc/partitions");
  bpf::Skeleton<biolatency_bpf> skel(ctx, biolatency_bpf__open_opts);
  skel.apply(o);
  auto* r = skel->rodata;
  r->targ_queued = o.queued;
  r->targ_per_disk = o.per_disk;
  r->targ_per_flag = o.per_flag;
  r->targ_ms = o.ms;
  r->filter_dev = dev.has_value();
  r->targ_dev = dev.value_or(0);
  // Kernels built without an I/O scheduler path for a device still have the tracepoint;
  // insert is only needed with -Q.
  if (!o.queued) skel.optional({"biolatency_insert"});
  skel.load_and_attach();

  report::Generation gen(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  const std::string_view unit = o.ms ? "msecs" : "usecs";
  auto& w = ctx.out();
  const auto print = [&] {
    auto hists = report::take<biolatency_key, cb_hist>(skel->maps.hists, gen.flip());
    std::sort(hists.begin(), hists.end(), [](const auto& a, const auto& b) {
      return std::pair(a.first.dev, a.first.flags) < std::pair(b.first.dev, b.first.flags);
    });
    if (ctx.json()) {
      const double now = output::wall_now();
      if (hists.empty() && !o.per_disk && !o.per_flag) output::json_log2_hist(w, {{"ts", now}}, {}, unit);
      for (const auto& [k, h] : hists) {
        const std::string disk = disks.name(k.dev), flags = sym::request_flags_name(k.flags);
        if (o.per_disk && o.per_flag)
          output::json_log2_hist(w, {{"ts", now}, {"disk", disk}, {"flags", flags}}, h.slots, unit);
        else if (o.per_disk) output::json_log2_hist(w, {{"ts", now}, {"disk", disk}}, h.slots, unit);
        else if (o.per_flag) output::json_log2_hist(w, {{"ts", now}, {"flags", flags}}, h.slots, unit);
        else output::json_log2_hist(w, {{"ts", now}}, h.slots, unit);
      }
      return;
    }
    w.put('\n');
    if (o.timestamp) {
      w.put(output::clock_now());
      w.put('\n');
    }
    for (const auto& [k, h] : hists) {
      if (o.per_disk) {
        w.put("\ndisk = ");
        w.put(disks.name(k.dev));
        w.put('\n');
      }
      if (o.per_flag) {
        w.put("\nflags = ");
        w.put(sym::request_flags_name(k.flags));
        w.put('\n');
      }
      output::print_log2_hist(w, h.slots, unit);
    }
  };
  return report::run_intervals(ctx, o, 0, "Tracing block device I/O... Hit Ctrl-C to end.", print, skel->maps.cb_hist_drops);
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(biolatency, corebox::tools::Options, corebox::tools::describe, corebox::tools::run);
