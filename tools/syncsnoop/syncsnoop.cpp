#include "syncsnoop_render.h"

#include <corebox/syscall_nr.h>

#include <cstring>

#include "main/tool.h"
#include "syncsnoop.skel.h"

namespace corebox::tools::syncsnoop {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Trace sync(), syncfs(), fsync(), fdatasync(), msync() and sync_file_range() calls");
  cli::task_filter(s);
  cli::duration(s);
  s.flag('T', "time", &Options::time, "show the TIME column (HH:MM:SS)");
  s.example("syncsnoop", "trace all sync calls");
  s.example("syncsnoop -p 181 --json", "PID 181's syncs as JSON lines");
}

const char* syscall_name(uint32_t nr) {
  switch (nr) {
    case CB_NR_msync: return "msync";
    case CB_NR_fsync: return "fsync";
    case CB_NR_fdatasync: return "fdatasync";
    case CB_NR_sync: return "sync";
    case CB_NR_sync_file_range: return "sync_file_range";
    case CB_NR_syncfs: return "syncfs";
    default: return "?";
  }
}

void run(Session& s, const Options& o) {
  auto& skel = s.keep<bpf::Skeleton<syncsnoop_bpf>>(s, syncsnoop_bpf__open_opts);
  skel.apply(o);
  skel.load_and_attach();

  auto& out = s.table(columns(o));
  s.events<syncsnoop_event>(skel, [&s, &out](const syncsnoop_event& e) { row(out, e, s.clock()); });
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns(const Options& o) {
  using output::Fmt;
  return {
      {"TIME", 8, "ts", Fmt::Clock, false, o.time},
      {"TIME(s)", 9, "time_s", Fmt::Fixed3},
      {"PID", 7, "pid", Fmt::Dec},
      {"", 0, "tid", Fmt::Dec},
      {"COMM", 16, "comm", Fmt::Str},
      {"SYSCALL", 16, "syscall", Fmt::Str},
      {"", 0, "fd", Fmt::Dec},
      {"", 0, "addr", Fmt::Dec},
      {"RET", 0, "ret", Fmt::Dec},
  };
}

void row(output::Table& out, const syncsnoop_event& e, const runtime::EventClock& clock) {
  const bool has_fd = e.nr != CB_NR_msync && e.nr != CB_NR_sync;
  out.row({clock.wall(e.ts_ns), clock.since_start(e.ts_ns), e.tgid, e.tid, e.comm, syscall_name(e.nr),
           has_fd ? static_cast<long long>(static_cast<int>(e.arg0)) : -1LL,
           e.nr == CB_NR_msync ? static_cast<unsigned long long>(e.arg0) : 0ULL, static_cast<long long>(e.ret)});
}

}  // namespace corebox::tools::syncsnoop

COREBOX_TOOL(syncsnoop, corebox::tools::syncsnoop::Options, corebox::tools::syncsnoop::describe,
             corebox::tools::syncsnoop::run);
