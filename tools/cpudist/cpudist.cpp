#include "cpudist_render.h"

#include <algorithm>

#include "cli/interval.h"
#include "cpudist.skel.h"
#include "main/tool.h"

namespace corebox::tools::cpudist {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Summarize on-CPU (or off-CPU) time per task as a histogram");
  s.flag('O', "offcpu", &Options::offcpu, "measure off-CPU time");
  s.flag('m', "milliseconds", &Options::ms, "millisecond histogram");
  s.flag('P', "pids", &Options::per_process, "print a histogram per process ID");
  s.flag('L', "tids", &Options::per_thread, "print a histogram per thread ID");
  cli::task_filter(s, cli::kPid | cli::kCgroup);
  cli::interval(s);
  s.example("cpudist", "summarize on-CPU time as a histogram");
  s.example("cpudist -O", "summarize off-CPU time as a histogram");
  s.example("cpudist 1 10", "print 1 second summaries, 10 times");
  s.example("cpudist -mT 1", "1s summaries, milliseconds, and timestamps");
  s.example("cpudist -P", "show each PID separately");
  s.example("cpudist -p 185", "trace PID 185 only");
}

void run(Session& s, const Options& o) {
  if (o.per_process && o.per_thread) throw UsageError("-P and -L are exclusive");
  auto& skel = s.keep<bpf::Skeleton<cpudist_bpf>>(s, cpudist_bpf__open_opts);
  skel.apply(o);
  auto* r = skel->rodata;
  r->targ_offcpu = o.offcpu;
  r->targ_ms = o.ms;
  r->targ_per_process = o.per_process;
  r->targ_per_thread = o.per_thread;
  skel.load_and_attach();

  auto& gen = s.generation(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  s.out().note(o.offcpu ? "Tracing off-CPU time... Hit Ctrl-C to end.\n" : "Tracing on-CPU time... Hit Ctrl-C to end.\n");
  s.every(o.interval_s, o.count, report::hists(s.out(), skel->maps.hists, gen, hist_spec(o)),
          skel->maps.cb_hist_drops);
}

}  // namespace

report::HistSpec<cpudist_key> hist_spec(const Options& o) {
  const bool keyed = o.per_process || o.per_thread;
  const char* key_name = o.per_process ? "pid" : "tid";
  return {.metric = o.offcpu ? "cpudist_offcpu" : "cpudist_oncpu",
          .unit = o.ms ? "msecs" : "usecs",
          .timestamp = o.timestamp,
          .single = !keyed,
          .less = [](const cpudist_key& a, const cpudist_key& b) { return a.id < b.id; },
          .labels =
              [keyed, key_name, offcpu = o.offcpu](const cpudist_key& k, const cb_hist& h, report::Labels& l) {
                l.add("offcpu", offcpu);
                if (!keyed) return;
                l.add(key_name, k.id, key_name);
                l.add("comm", h.comm, {}, true);
              }};
}

}  // namespace corebox::tools::cpudist

COREBOX_TOOL(cpudist, corebox::tools::cpudist::Options, corebox::tools::cpudist::describe,
             corebox::tools::cpudist::run);
