#include "biolatency_render.h"

#include <algorithm>

#include "cli/interval.h"
#include "main/tool.h"
#include "biolatency.skel.h"
#include "sym/disks.h"

namespace corebox::tools::biolatency {
namespace {

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

void run(Session& s, const Options& o) {
  auto& disks = s.keep<sym::Disks>();
  std::optional<uint32_t> dev;
  if (!o.disk.empty() && !(dev = disks.find(o.disk)))
    throw UsageError("invalid disk '" + o.disk + "' for --disk-name: not in /proc/partitions");
  auto& skel = s.keep<bpf::Skeleton<biolatency_bpf>>(s, biolatency_bpf__open_opts);
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

  auto& gen = s.generation(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  s.out().note("Tracing block device I/O... Hit Ctrl-C to end.\n");
  s.every(o.interval_s, o.count, report::hists(s.out(), skel->maps.hists, gen, hist_spec(o, disks)),
          skel->maps.cb_hist_drops);
}

}  // namespace

report::HistSpec<biolatency_key> hist_spec(const Options& o, const sym::Disks& disks) {
  return {.metric = "biolatency",
          .unit = o.ms ? "msecs" : "usecs",
          .timestamp = o.timestamp,
          .single = !o.per_disk && !o.per_flag,
          .less =
              [](const biolatency_key& a, const biolatency_key& b) {
                return std::pair(a.dev, a.flags) < std::pair(b.dev, b.flags);
              },
          .labels =
              [&disks, &o](const biolatency_key& k, const cb_hist&, report::Labels& l) {
                if (o.per_disk) l.add_owned("disk", disks.name(k.dev), "disk");
                if (o.per_flag) l.add_owned("flags", sym::request_flags_name(k.flags), "flags");
              }};
}

}  // namespace corebox::tools::biolatency

COREBOX_TOOL(biolatency, corebox::tools::biolatency::Options, corebox::tools::biolatency::describe,
             corebox::tools::biolatency::run);
