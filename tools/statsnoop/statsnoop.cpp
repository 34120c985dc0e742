#include "statsnoop_render.h"

#include <corebox/syscall_nr.h>

#include <algorithm>
#include <cstring>

#include "main/tool.h"
#include "statsnoop.skel.h"

namespace corebox::tools::statsnoop {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Trace stat(), lstat(), newfstatat(), statx() and statfs() calls, with path and result");
  cli::task_filter(s, cli::kPid | cli::kUid | cli::kName | cli::kCgroup);
  cli::duration(s);
  s.flag('x', "failed", &Options::failed, "only show failed calls");
  s.flag('t', "timestamp", &Options::timestamp, "show the TIME(s) column (seconds since start)");
  s.example("statsnoop", "trace all stat calls");
  s.example("statsnoop -x", "only failed stats");
  s.example("statsnoop -p 181", "trace PID 181 only");
}

const char* syscall_name(uint32_t nr) {
  switch (nr) {
#ifdef CB_NR_stat
    case CB_NR_stat: return "stat";
    case CB_NR_lstat: return "lstat";
#endif
    case CB_NR_statfs: return "statfs";
    case CB_NR_newfstatat: return "newfstatat";
    case CB_NR_statx: return "statx";
    default: return "?";
  }
}

void run(Session& s, const Options& o) {
  auto& skel = s.keep<bpf::Skeleton<statsnoop_bpf>>(s, statsnoop_bpf__open_opts);
  skel.apply(o);
  skel->rodata->failed_only = o.failed;
  skel.load_and_attach();

  auto& out = s.table(columns(o));
  s.events<statsnoop_event>(
      skel, [&s, &out](const statsnoop_event& e, std::size_t size) { row(out, e, size, s.clock()); },
      offsetof(statsnoop_event, path) + 1);
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns(const Options& o) {
  using output::Fmt;
  return {
      {"TIME(s)", 8, "time_s", Fmt::Fixed3, false, o.timestamp},
      {"PID", 7, "pid", Fmt::Dec},
      {"", 0, "tid", Fmt::Dec},
      {"COMM", 16, "comm", Fmt::Str},
      {"SYSCALL", 10, "syscall", Fmt::Str},
      {"RET", 4, "ret", Fmt::Dec, true},
      {"ERR", 3, "err", Fmt::Dec, true},
      {"", 0, "error", Fmt::Str},
      {"", 0, "dirfd", Fmt::Dec},
      {"PATH", 0, "path", Fmt::Str},
  };
}

void row(output::Table& out, const statsnoop_event& e, std::size_t size, const runtime::EventClock& clock) {
  const std::size_t avail = size - offsetof(statsnoop_event, path);
  std::string_view path(e.path, strnlen(e.path, std::min<std::size_t>(avail, e.path_len)));
  const char* err = e.ret < 0 ? strerrorname_np(-e.ret) : nullptr;
  out.row({clock.since_start(e.ts_ns), e.tgid, e.tid, e.comm, syscall_name(e.nr), e.ret >= 0 ? e.ret : -1,
           e.ret >= 0 ? 0 : -e.ret, err ? err : "", e.dirfd, path});
}

}  // namespace corebox::tools::statsnoop

COREBOX_TOOL(statsnoop, corebox::tools::statsnoop::Options, corebox::tools::statsnoop::describe,
             corebox::tools::statsnoop::run);
