#include "sigsnoop_render.h"

#include <corebox/syscall_nr.h>

#include <bpf/libbpf.h>

#include <cctype>
#include <csignal>
#include <cstring>

#include "main/tool.h"
#include "sigsnoop.skel.h"

namespace corebox::tools::sigsnoop {
namespace {

// SIGUSR1, USR1, usr1 or 10.
void parse_signal(const std::string& opt, std::string_view text, int& out) {
  std::string n(text);
  for (auto& c : n) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (n.rfind("SIG", 0) == 0) n = n.substr(3);
  if (!n.empty() && std::isdigit(static_cast<unsigned char>(n[0]))) {
    char* end = nullptr;
    const long v = std::strtol(n.c_str(), &end, 10);
    if (*end == 0 && v > 0 && v < NSIG) {
      out = static_cast<int>(v);
      return;
    }
  } else {
    for (int s = 1; s < NSIG; s++) {
      const char* a = sigabbrev_np(s);
      if (a && n == a) {
        out = s;
        return;
      }
    }
  }
  throw UsageError("invalid signal '" + std::string(text) + "' for " + opt);
}

void describe(cli::Spec<Options>& s) {
  s.summary("Trace signals generated, with sender, target, signal and result (killsnoop: kill() family only)");
  cli::task_filter(s, cli::kPid | cli::kTid | cli::kUid | cli::kCgroup);
  cli::duration(s);
  s.flag('x', "failed", &Options::failed, "only show failed signals, failed kill(), tkill() and tgkill() included");
  s.flag('k', "kill", &Options::kill_only, "only signals sent by kill(), tkill() and tgkill() (as killsnoop)");
  s.flag('n', "name", &Options::names, "show signal names instead of numbers");
  s.flag('S', "signal-names", &Options::names, "same as -n");
  s.option('s', "signal", &Options::signal, "SIGNAL", "only this signal (number or name, e.g. SIGKILL)", &parse_signal);
  s.example("sigsnoop", "trace all signals generated");
  s.example("sigsnoop -x -n", "failed signals, by name");
  s.example("sigsnoop -s SIGTERM -p 181", "SIGTERMs sent by PID 181");
  s.example("killsnoop", "kill(), tkill() and tgkill() calls only");
}

void run(Session& s, const Options& o) {
  const bool kill_only = o.kill_only || s.tool() == "killsnoop";
  auto& skel = s.keep<bpf::Skeleton<sigsnoop_bpf>>(s, sigsnoop_bpf__open_opts);
  skel.apply(o);
  skel->rodata->failed_only = o.failed;
  skel->rodata->kill_only = kill_only;
  skel->rodata->target_signal = o.signal;
  if (kill_only) bpf_program__set_autoload(skel->progs.sig_generate, false);
  // A kill() that fails never generates a signal: only the syscalls' exits see it. Their
  // tracepoints send every syscall of every process through the kernel's tracing path,
  // so, as in bcc, they are attached only where needed: -k, and -x for the failures.
  else if (!o.failed) skel.skip({"kill"});
  skel.load_and_attach();

  auto& out = s.table(columns());
  s.events<sigsnoop_event>(skel, [&s, &o, &out](const sigsnoop_event& e) { row(out, o, e, s.clock()); });
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns() {
  using output::Fmt;
  return {
      {"TIME", 8, "ts", Fmt::Clock},
      {"PID", 7, "pid", Fmt::Dec},
      {"", 0, "tid", Fmt::Dec},
      {"COMM", 16, "comm", Fmt::Str},
      {"SIG", 9, "", Fmt::Str},
      {"", 0, "sig", Fmt::Dec},
      {"", 0, "sig_name", Fmt::Str},
      {"TPID", 7, "tpid", Fmt::Dec},
      {"", 0, "tcomm", Fmt::Str},
      {"RESULT", 0, "ret", Fmt::Dec},
      {"", 0, "error", Fmt::Str},
      {"", 0, "syscall", Fmt::Str},
  };
}

void row(output::Table& out, const Options& o, const sigsnoop_event& e, const runtime::EventClock& clock) {
  const char* abbrev = e.sig > 0 && e.sig < NSIG ? sigabbrev_np(e.sig) : nullptr;
  const std::string name = abbrev ? std::string("SIG") + abbrev : "";
  const std::string sig = o.names && !name.empty() ? name : std::to_string(e.sig);
  const char* err = e.ret < 0 ? strerrorname_np(-e.ret) : nullptr;
  const char* call = e.source == SIGSNOOP_GENERATED ? ""
                     : e.syscall_nr == CB_NR_kill  ? "kill"
                     : e.syscall_nr == CB_NR_tkill ? "tkill"
                                                   : "tgkill";
  out.row({clock.wall(e.ts_ns), e.tgid, e.tid, e.comm, sig, e.sig, name, e.tpid, e.tcomm, e.ret, err ? err : "", call});
}

}  // namespace corebox::tools::sigsnoop

COREBOX_TOOL(sigsnoop, corebox::tools::sigsnoop::Options, corebox::tools::sigsnoop::describe,
             corebox::tools::sigsnoop::run);
