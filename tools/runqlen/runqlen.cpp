#include "runqlen_render.h"

#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "cli/interval.h"
#include "main/tool.h"
#include "runqlen.skel.h"

namespace corebox::tools::runqlen {
namespace {

void parse_freq(const std::string& opt, std::string_view text, unsigned& out) {
  cli::parse_value<unsigned>(opt, text, out);
  if (out == 0 || out > 100000) throw UsageError("invalid frequency '" + std::string(text) + "' for " + opt);
}

void describe(cli::Spec<Options>& s) {
  s.summary("Summarize scheduler run queue length as a histogram (sampled)");
  s.flag('C', "cpus", &Options::per_cpu, "print a histogram per CPU");
  s.flag('O', "runqocc", &Options::occupancy, "report run queue occupancy");
  s.option('f', "frequency", &Options::freq, "HZ", "sample frequency (default 99)", &parse_freq);
  cli::interval(s);
  s.example("runqlen", "summarize run queue length as a histogram");
  s.example("runqlen 1 10", "print 1 second summaries, 10 times");
  s.example("runqlen -T 1", "1s summaries and timestamps");
  s.example("runqlen -O", "report run queue occupancy");
  s.example("runqlen -C", "show each CPU separately");
}

void attach_sampling(bpf::Skeleton<runqlen_bpf>& skel, unsigned freq) {
  const int ncpu = libbpf_num_possible_cpus();
  int attached = 0;
  for (int cpu = 0; cpu < ncpu; cpu++) {
    perf_event_attr attr{};
    attr.type = PERF_TYPE_SOFTWARE;
    attr.size = sizeof(attr);
    attr.config = PERF_COUNT_SW_CPU_CLOCK;
    attr.freq = 1;
    attr.sample_freq = freq;
    const int fd = static_cast<int>(syscall(__NR_perf_event_open, &attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC));
    if (fd < 0) {
      if (errno == ENODEV) continue;  // an offline CPU
      throw Error("perf_event_open (cpu-clock) on CPU " + std::to_string(cpu), errno);
    }
    bpf_link* link = bpf_program__attach_perf_event(skel->progs.runqlen_sample, fd);
    if (!link) {
      const int err = errno;
      close(fd);
      errno = err;
    }
    skel.own(link, "perf_event on CPU " + std::to_string(cpu));  // the link closes fd
    attached++;
  }
  if (!attached) throw Error("perf_event_open: no online CPU", ENODEV);
}

void run(Session& s, const Options& o) {
  auto& skel = s.keep<bpf::Skeleton<runqlen_bpf>>(s, runqlen_bpf__open_opts);
  skel->rodata->targ_per_cpu = o.per_cpu;
  skel.manual({"runqlen_sample"});
  skel.load_and_attach();
  attach_sampling(skel, o.freq);

  auto& gen = s.generation(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  s.out().note("Sampling run queue length... Hit Ctrl-C to end.\n");
  s.every(
      o.interval_s, o.count,
      [&s, &o, &skel, &gen] {
        print(s.out(), o, report::take<runqlen_key, cb_hist>(skel->maps.hists, gen.readable()), report::wall_now());
      },
      skel->maps.cb_hist_drops);
}

}  // namespace

void print(output::Sink& out, const Options& o, std::vector<std::pair<runqlen_key, cb_hist>> hists, double now) {
  std::sort(hists.begin(), hists.end(), [](const auto& a, const auto& b) { return a.first.cpu < b.first.cpu; });
  if (hists.empty() && !o.per_cpu) hists.push_back({{}, {}});
  report::begin(out, report::Heading::Blank, o.timestamp, now);
  for (const auto& [k, h] : hists) {
    uint64_t total = 0, queued = 0;
    for (std::size_t i = 0; i < CB_HIST_SLOTS; i++) {
      total += h.slots[i];
      if (i) queued += h.slots[i];
    }
    if (o.occupancy) {
      const double occ = total ? 100.0 * static_cast<double>(queued) / static_cast<double>(total) : 0.0;
      char text[96];
      if (o.per_cpu) std::snprintf(text, sizeof(text), "runqocc, CPU %-3u %6.2f%%", k.cpu, occ);
      else std::snprintf(text, sizeof(text), "runqocc: %0.2f%%", occ);
      const output::Field cpu_fields[] = {{"cpu", k.cpu}, {"runqocc_pct", occ}, {"samples", total}};
      const std::span<const output::Field> fields(cpu_fields + (o.per_cpu ? 0 : 1), o.per_cpu ? 3 : 2);
      out.line({.metric = "runqlen", .fields = fields, .labels = o.per_cpu ? 1u : 0u, .text = text});
      continue;
    }
    const output::Field cpu{"cpu", k.cpu, "cpu"};
    out.hist({.metric = "runqlen",
              .labels = std::span(&cpu, o.per_cpu ? 1 : 0),
              .unit = "runqlen",
              .slots = h.slots,
              .linear = true});
  }
  report::end(out);
}

}  // namespace corebox::tools::runqlen

COREBOX_TOOL(runqlen, corebox::tools::runqlen::Options, corebox::tools::runqlen::describe,
             corebox::tools::runqlen::run);
