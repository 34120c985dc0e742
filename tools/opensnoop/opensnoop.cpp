#include "opensnoop_render.h"

#include <algorithm>
#include <cctype>

#include "main/tool.h"
#include "opensnoop.skel.h"

namespace corebox::tools::opensnoop {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Trace open(), openat() and openat2() calls, with their results");
  cli::task_filter(s);
  cli::duration(s);
  s.flag('x', "failed", &Options::failed_only, "only show failed opens");
  s.flag('e', "extended-fields", &Options::extended, "show the FLAGS column");
  s.flag('T', "timestamp", &Options::timestamp, "show the TIME column");
  s.flag('U', "print-uid", &Options::print_uid, "show the UID column");
  s.option('f', "flag", &Options::flags, "FLAG", "only opens with this flag, e.g. O_WRONLY (repeatable)");
  s.example("opensnoop", "trace all opens");
  s.example("opensnoop -p 181", "trace PID 181 only");
  s.example("opensnoop -x", "only failed opens");
  s.example("opensnoop -f O_WRONLY -f O_RDWR", "only opens for writing");
  s.example("opensnoop --json -d 10", "ten seconds of JSON lines");
}

struct OpenFlag {
  const char* name;
  uint32_t value;
};
constexpr OpenFlag kFlags[] = {
    {"O_CREAT", 0100},         {"O_EXCL", 0200},        {"O_NOCTTY", 0400},       {"O_TRUNC", 01000},
    {"O_APPEND", 02000},       {"O_NONBLOCK", 04000},   {"O_DSYNC", 010000},      {"O_ASYNC", 020000},
    {"O_DIRECT", 040000},      {"O_LARGEFILE", 0100000}, {"O_DIRECTORY", 0200000}, {"O_NOFOLLOW", 0400000},
    {"O_NOATIME", 01000000},   {"O_CLOEXEC", 02000000}, {"O_SYNC", 04010000},     {"O_PATH", 010000000},
    {"O_TMPFILE", 020200000},
};

// -f FLAG: O_RDONLY, O_WRONLY and O_RDWR select an access mode, the rest are bits.
void parse_flags(const std::vector<std::string>& names, uint32_t& bits, uint32_t& accmodes) {
  for (std::string n : names) {
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::toupper(c); });
    if (n.rfind("O_", 0) != 0) n = "O_" + n;
    if (n == "O_RDONLY") accmodes |= 1u << 0;
    else if (n == "O_WRONLY") accmodes |= 1u << 1;
    else if (n == "O_RDWR") accmodes |= 1u << 2;
    else {
      const auto* f = std::find_if(std::begin(kFlags), std::end(kFlags), [&](const OpenFlag& x) { return n == x.name; });
      if (f == std::end(kFlags)) throw UsageError("unknown open flag '" + n + "' for --flag");
      bits |= f->value;
    }
  }
}

void run(Session& s, const Options& o) {
  uint32_t bits = 0, accmodes = 0;
  parse_flags(o.flags, bits, accmodes);
  auto& skel = s.keep<bpf::Skeleton<opensnoop_bpf>>(s, opensnoop_bpf__open_opts);
  skel.apply(o);
  skel->rodata->failed_only = o.failed_only;
  skel->rodata->flag_mask = bits;
  skel->rodata->accmode_mask = accmodes;
  skel.load_and_attach();

  auto& out = s.table(columns(o));
  s.events<opensnoop_event>(
      skel, [&s, &out](const opensnoop_event& e, std::size_t size) { row(out, e, size, s.clock()); },
      offsetof(opensnoop_event, path) + 1);
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns(const Options& o) {
  using output::Fmt;
  return {
      {"TIME", 8, "ts", Fmt::Clock, false, o.timestamp},
      {"UID", 7, "uid", Fmt::Dec, false, o.print_uid},
      {"PID", 7, "pid", Fmt::Dec},
      {"", 0, "tid", Fmt::Dec},
      {"COMM", 16, "comm", Fmt::Str},
      {"FD", 3, "fd", Fmt::Dec, true},
      {"ERR", 3, "err", Fmt::Dec, true},
      {"FLAGS", 8, "flags", Fmt::Oct8, false, o.extended},
      {"", 0, "mode", Fmt::Dec},
      {"PATH", 0, "path", Fmt::Str},
      {"", 0, "truncated", Fmt::Bool},
  };
}

void row(output::Table& out, const opensnoop_event& e, std::size_t size, const runtime::EventClock& clock) {
  const std::size_t avail = size - offsetof(opensnoop_event, path);
  std::string_view path(e.path, strnlen(e.path, std::min<std::size_t>(avail, e.path_len)));
  out.row({clock.wall(e.ts_ns), e.uid, e.tgid, e.tid, e.comm, e.ret >= 0 ? e.ret : -1, e.ret >= 0 ? 0 : -e.ret,
           e.flags, e.mode, output::Value::cut(path, e.truncated), e.truncated != 0});
}

}  // namespace corebox::tools::opensnoop

COREBOX_TOOL(opensnoop, corebox::tools::opensnoop::Options, corebox::tools::opensnoop::describe,
             corebox::tools::opensnoop::run);
