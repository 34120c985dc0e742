#include "syscount.h"

#include <algorithm>
#include <cstdio>

#include "cli/interval.h"
#include "report/intervals.h"
#include "main/tool.h"
#include "output/hist.h"
#include "sym/syscall.h"
#include "syscount.skel.h"

namespace corebox::tools {
namespace {

struct Options : cli::TaskFilter, cli::Interval, cli::Duration {
  bool latency = false, ms = false, per_process = false, failed_only = false, list = false;
  std::string errno_text;
  unsigned top = 10;
};

void parse_top(const std::string& opt, std::string_view text, unsigned& out) {
  cli::parse_value<unsigned>(opt, text, out);
  if (out == 0) throw UsageError("invalid " + opt + " '" + std::string(text) + "': must be at least 1");
}

void describe(cli::Spec<Options>& s) {
  s.summary("Summarize syscall counts and latencies");
  cli::task_filter(s, cli::kPid | cli::kTid | cli::kUid | cli::kName);
  s.option('c', "cgroup", &cli::TaskFilter::cgroup, "PATH", "trace tasks in this cgroup v2 only", &cli::parse_cgroup_path);
  cli::interval(s, false, false);
  cli::duration(s);
  s.option('T', "top", &Options::top, "N", "print only the top N syscalls or processes (default 10)", &parse_top);
  s.flag('x', "failures", &Options::failed_only, "trace only failed syscalls");
  s.option('e', "errno", &Options::errno_text, "ERRNO", "trace only syscalls that fail with this errno (e.g. ENOENT or 2)");
  s.flag('L', "latency", &Options::latency, "collect syscall latency");
  s.flag('m', "milliseconds", &Options::ms, "display latency in milliseconds (default: microseconds)");
  s.flag('P', "process", &Options::per_process, "count by process and not by syscall");
  s.flag('l', "list", &Options::list, "print the list of recognized syscalls and exit");
  s.example("syscount", "count syscalls until Ctrl-C");
  s.example("syscount -p 1234", "count syscalls of process 1234");
  s.example("syscount -i 1 -d 10", "print a summary every second, for ten seconds");
  s.example("syscount -L -P", "latency by process");
  s.example("syscount -e ENOENT", "only syscalls that failed with ENOENT");
}

int run(Context& ctx, const Options& o) {
  auto& w = ctx.out();
  if (o.list) {
    for (std::size_t i = 0; i < sym::syscall_count(); i++) {
      const auto& e = sym::syscall_at(i);
      if (ctx.json()) output::json_object(w, {{"nr", e.nr}, {"syscall", e.name}});
      else {
        w.put(e.name);
        w.put('\n');
      }
    }
    w.flush();
    return 0;
  }
  int err = 0;
  if (!o.errno_text.empty()) {
    const auto e = sym::errno_number(o.errno_text);
    if (!e) throw UsageError("invalid errno '" + o.errno_text + "' for --errno");
    err = *e;
  }
  bpf::Skeleton<syscount_bpf> skel(ctx, syscount_bpf__open_opts);
  skel.apply(o);
  auto* r = skel->rodata;
  r->measure_latency = o.latency;
  r->by_process = o.per_process;
  r->failed_only = o.failed_only;
  r->targ_errno = err;
  skel.load_and_attach();

  report::Generation gen(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  const double div = o.ms ? 1e6 : 1e3;
  char line[128];
  const auto print = [&] {
    auto rows = report::take<syscount_key, syscount_value>(skel->maps.counts, gen.flip());
    std::sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
      if (o.latency && a.second.total_ns != b.second.total_ns) return a.second.total_ns > b.second.total_ns;
      if (a.second.count != b.second.count) return a.second.count > b.second.count;
      return a.first.id < b.first.id;
    });
    if (rows.size() > o.top) rows.resize(o.top);
    if (ctx.json()) {
      const double now = output::wall_now();
      for (const auto& [k, v] : rows) {
        if (o.per_process)
          output::json_object(w, {{"ts", now}, {"pid", k.id}, {"comm", v.comm}, {"count", v.count}, {"total_ns", v.total_ns}});
        else
          output::json_object(w, {{"ts", now}, {"syscall", sym::syscall_name(k.id)}, {"nr", k.id}, {"count", v.count},
                                  {"total_ns", v.total_ns}});
      }
      return;
    }
    if (o.interval_s > 0) {
      w.put('[');
      w.put(output::clock_now());
      w.put("]\n");
    }
    const char* agg = o.per_process ? "PID    COMM" : "SYSCALL";
    if (o.latency) std::snprintf(line, sizeof(line), "%-22s %8s %16s\n", agg, "COUNT", o.ms ? "TIME (ms)" : "TIME (us)");
    else std::snprintf(line, sizeof(line), "%-22s %8s\n", agg, "COUNT");
    w.put(line);
    for (const auto& [k, v] : rows) {
      char key[64];
      if (o.per_process) std::snprintf(key, sizeof(key), "%-6u %-15.16s", k.id, v.comm);
      else std::snprintf(key, sizeof(key), "%s", sym::syscall_name(k.id).c_str());
      if (o.latency)
        std::snprintf(line, sizeof(line), "%-22s %8llu %16.3f\n", key, static_cast<unsigned long long>(v.count),
                      static_cast<double>(v.total_ns) / div);
      else std::snprintf(line, sizeof(line), "%-22s %8llu\n", key, static_cast<unsigned long long>(v.count));
      w.put(line);
    }
    w.put('\n');
  };
  std::snprintf(line, sizeof(line), "Tracing syscalls, printing top %u... Ctrl+C to quit.", o.top);
  return report::run_intervals(ctx, o, o.duration_s, line, print, skel->maps.cb_hist_drops);
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(syscount, corebox::tools::Options, corebox::tools::describe, corebox::tools::run);
