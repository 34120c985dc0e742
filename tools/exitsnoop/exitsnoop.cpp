#include "exitsnoop_render.h"

#include <cstring>

#include "main/tool.h"
#include "exitsnoop.skel.h"

namespace corebox::tools::exitsnoop {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Trace process exits, with their age and exit code or signal");
  cli::task_filter(s, cli::kPid | cli::kUid | cli::kName | cli::kCgroup);
  cli::duration(s);
  s.flag('x', "failed", &Options::failed, "only show exits with a non-zero code or a signal");
  s.flag('T', "time", &Options::time, "show the TIME column (HH:MM:SS)");
  s.flag('t', "timestamp", &Options::timestamp, "show the TIME(s) column (seconds since start)");
  s.flag(0, "per-thread", &Options::per_thread, "trace every thread's exit, not only processes");
  s.example("exitsnoop", "trace all process exits");
  s.example("exitsnoop -x", "only failed exits");
  s.example("exitsnoop -p 181 --per-thread", "exits of PID 181's threads");
}

// "0", "code 3", "signal 9 (KILL)", "signal 11 (SEGV), core dumped".
std::string describe_status(uint32_t status) {
  const unsigned sig = status & 0x7f, code = (status >> 8) & 0xff;
  if (sig == 0) return code ? "code " + std::to_string(code) : "0";
  std::string s = "signal " + std::to_string(sig);
  if (const char* n = sigabbrev_np(static_cast<int>(sig))) s += std::string(" (") + n + ")";
  if (status & 0x80) s += ", core dumped";
  return s;
}

void run(Session& s, const Options& o) {
  auto& skel = s.keep<bpf::Skeleton<exitsnoop_bpf>>(s, exitsnoop_bpf__open_opts);
  skel.apply(o);
  skel->rodata->failed_only = o.failed;
  skel->rodata->per_thread = o.per_thread;
  skel.load_and_attach();

  auto& out = s.table(columns(o));
  s.events<exitsnoop_event>(skel, [&s, &out](const exitsnoop_event& e) { row(out, e, s.clock()); });
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns(const Options& o) {
  using output::Fmt;
  return {
      {"TIME", 8, "ts", Fmt::Clock, false, o.time},
      {"TIME(s)", 8, "", Fmt::Fixed3, false, o.timestamp},
      {"PCOMM", 16, "comm", Fmt::Str},
      {"PID", 7, "pid", Fmt::Dec},
      {"PPID", 7, "ppid", Fmt::Dec},
      {"TID", 7, "tid", Fmt::Dec},
      {"AGE(s)", 8, "age_s", Fmt::Fixed3, true},
      {"EXIT_CODE", 0, "status", Fmt::Str},
      {"", 0, "exit_code", Fmt::Dec},
      {"", 0, "signal", Fmt::Dec},
      {"", 0, "signal_name", Fmt::Str},
      {"", 0, "core_dump", Fmt::Bool},
  };
}

void row(output::Table& out, const exitsnoop_event& e, const runtime::EventClock& clock) {
  const std::string status = describe_status(e.exit_code);
  const int sig = static_cast<int>(e.exit_code & 0x7f);
  const char* name = sig ? sigabbrev_np(sig) : nullptr;
  out.row({clock.wall(e.ts_ns), clock.since_start(e.ts_ns), e.comm, e.tgid, e.ppid, e.tid,
           static_cast<double>(e.age_ns) / 1e9, status, (e.exit_code >> 8) & 0xffu, sig, name ? name : "",
           (e.exit_code & 0x80) != 0});
}

}  // namespace corebox::tools::exitsnoop

COREBOX_TOOL(exitsnoop, corebox::tools::exitsnoop::Options, corebox::tools::exitsnoop::describe,
             corebox::tools::exitsnoop::run);
