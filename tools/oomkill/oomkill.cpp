#include "oomkill_render.h"

#include <fstream>
#include <string>

#include "main/tool.h"
#include "oomkill.skel.h"

namespace corebox::tools::oomkill {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Trace OOM kills: the victim, the process that triggered it, pages and load averages");
  cli::duration(s);
  s.example("oomkill", "trace OOM kills");
  s.example("oomkill --json", "as JSON lines");
}

// The three load averages of /proc/loadavg, as text.
std::string loadavg() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return in ? a + " " + b + " " + c : "";
}

std::string proc_comm(uint32_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
  std::string s;
  std::getline(in, s);
  return s;
}

void run(Session& s, const Options& o) {
  auto& skel = s.keep<bpf::Skeleton<oomkill_bpf>>(s, oomkill_bpf__open_opts);
  skel.load_and_attach();

  auto& out = s.table(columns());
  s.events<oomkill_event>(skel, [&s, &out](const oomkill_event& e) {
    std::string tcomm(e.tcomm, strnlen(e.tcomm, sizeof(e.tcomm)));
    if (tcomm.empty()) tcomm = proc_comm(e.tpid);
    row(out, e, s.clock(), tcomm, loadavg());
  });
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns() {
  using output::Fmt;
  return {
      {"TIME", 8, "ts", Fmt::Clock},
      {"TRIGGERED_BY", 24, "", Fmt::Str},
      {"", 0, "fpid", Fmt::Dec},
      {"", 0, "fcomm", Fmt::Str},
      {"KILLED", 24, "", Fmt::Str},
      {"", 0, "tpid", Fmt::Dec},
      {"", 0, "tcomm", Fmt::Str},
      {"PAGES", 10, "pages", Fmt::Dec, true},
      {"", 0, "pages_kind", Fmt::Str},
      {"LOADAVG", 0, "loadavg", Fmt::Str},
  };
}

void row(output::Table& out, const oomkill_event& e, const runtime::EventClock& clock, std::string_view tcomm,
         std::string_view loadavg) {
  const std::string fcomm(e.fcomm, strnlen(e.fcomm, sizeof(e.fcomm)));
  const std::string by = std::to_string(e.fpid) + " (" + fcomm + ")";
  const std::string killed = std::to_string(e.tpid) + " (" + std::string(tcomm) + ")";
  const char* kind = e.pages_kind == 1 ? "total" : e.pages_kind == 2 ? "victim_total_vm" : "";
  out.row({clock.wall(e.ts_ns), by, e.fpid, fcomm, killed, e.tpid, tcomm, static_cast<unsigned long long>(e.pages),
           kind, loadavg});
}

}  // namespace corebox::tools::oomkill

COREBOX_TOOL(oomkill, corebox::tools::oomkill::Options, corebox::tools::oomkill::describe,
             corebox::tools::oomkill::run);
