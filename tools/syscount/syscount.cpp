#include "syscount_render.h"

#include <algorithm>
#include <cstdio>

#include "cli/interval.h"
#include "main/tool.h"
#include "sym/syscall.h"
#include "syscount.skel.h"

namespace corebox::tools::syscount {
namespace {

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

void run(Session& s, const Options& o) {
  using output::Fmt;
  if (o.list) {
    auto& list = s.table({{"", 0, "nr", Fmt::Dec}, {"SYSCALL", 0, "syscall", Fmt::Str}}, {}, output::Layout::NoHeader);
    for (std::size_t i = 0; i < sym::syscall_count(); i++) {
      const auto& e = sym::syscall_at(i);
      list.row({e.nr, e.name});
    }
    return;
  }
  int err = 0;
  if (!o.errno_text.empty()) {
    const auto e = sym::errno_number(o.errno_text);
    if (!e) throw UsageError("invalid errno '" + o.errno_text + "' for --errno");
    err = *e;
  }
  auto& skel = s.keep<bpf::Skeleton<syscount_bpf>>(s, syscount_bpf__open_opts);
  skel.apply(o);
  auto* r = skel->rodata;
  r->measure_latency = o.latency;
  r->by_process = o.per_process;
  r->failed_only = o.failed_only;
  r->targ_errno = err;
  // Without -L, nothing happens at entry: a program fewer on every syscall.
  if (!o.latency) skel.skip({"syscount_enter"});
  skel.load_and_attach();

  auto& gen = s.generation(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
  auto& table = s.keep<output::Table>(s.out(), columns(o), "syscount");
  char banner[96];
  std::snprintf(banner, sizeof(banner), "Tracing syscalls, printing top %u... Ctrl+C to quit.\n", o.top);
  s.out().note(banner);
  s.every(
      o.interval_s, 0,
      [&s, &o, &skel, &gen, &table] {
        print(s.out(), table, o, report::take<syscount_key, syscount_value>(skel->maps.counts, gen.readable()),
              report::wall_now());
      },
      skel->maps.cb_hist_drops);
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns(const Options& o) {
  using output::Fmt;
  const std::string_view time_header = o.ms ? "TIME (ms)" : "TIME (us)";
  std::vector<output::Column> columns;
  if (o.per_process)
    columns = {{"PID", 6, "pid", Fmt::Dec, false, true, true}, {"COMM", 15, "comm", Fmt::Str, false, true, true}};
  else
    columns = {{"SYSCALL", 22, "syscall", Fmt::Str, false, true, true}, {"", 0, "nr", Fmt::Dec, false, true, true}};
  columns.push_back({"COUNT", 8, "count", Fmt::Dec, true});
  columns.push_back({"", 0, "total_ns", Fmt::Dec});
  columns.push_back({time_header, 16, "", Fmt::Fixed3, true, o.latency});
  return columns;
}

void print(output::Sink& sink, output::Table& table, const Options& o,
           std::vector<std::pair<syscount_key, syscount_value>> rows, double now) {
  std::sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
    if (o.latency && a.second.total_ns != b.second.total_ns) return a.second.total_ns > b.second.total_ns;
    if (a.second.count != b.second.count) return a.second.count > b.second.count;
    return a.first.id < b.first.id;
  });
  if (rows.size() > o.top) rows.resize(o.top);
  report::begin(sink, report::Heading::Bracketed, o.interval_s > 0, now);
  table.header();
  const double div = o.ms ? 1e6 : 1e3;
  for (const auto& [k, v] : rows) {
    const double t = static_cast<double>(v.total_ns) / div;
    if (o.per_process) table.row({k.id, v.comm, v.count, v.total_ns, t});
    else table.row({sym::syscall_name(k.id), k.id, v.count, v.total_ns, t});
  }
  sink.note("\n");
  report::end(sink);
}

}  // namespace corebox::tools::syscount

COREBOX_TOOL(syscount, corebox::tools::syscount::Options, corebox::tools::syscount::describe,
             corebox::tools::syscount::run);
