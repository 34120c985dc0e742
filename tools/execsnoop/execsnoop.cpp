#include "execsnoop_render.h"

#include "main/tool.h"
#include "execsnoop.skel.h"

namespace corebox::tools::execsnoop {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Trace execve() and execveat(): new programs with their arguments");
  cli::task_filter(s, cli::kUid | cli::kName | cli::kCgroup);
  cli::duration(s);
  s.flag('T', "time", &Options::time, "show the TIME column (HH:MM:SS)");
  s.flag('t', "timestamp", &Options::timestamp, "show the TIME(s) column (seconds since start)");
  s.flag('x', "fails", &Options::fails, "only show failed execs");
  s.flag('q', "quote", &Options::quote, "put quotes around each argument");
  s.flag('U', "print-uid", &Options::print_uid, "show the UID column");
  s.option('l', "line", &Options::line, "TEXT", "only show commands whose arguments contain TEXT");
  s.option(0, "max-args", &Options::max_args, "N", "read at most N arguments (default 20, at most 60)");
  s.example("execsnoop", "trace all execs");
  s.example("execsnoop -x", "only failed execs");
  s.example("execsnoop -n sh -T", "commands named *sh*, with times");
  s.example("execsnoop -l --verbose", "commands with '--verbose' in their arguments");
}

// The arguments as one line: NUL separators become spaces, or quoted words with -q.
void join_args(const execsnoop_event& e, std::size_t size, bool quote, std::string& out) {
  out.clear();
  const std::size_t avail = std::min<std::size_t>(size - offsetof(execsnoop_event, args), e.args_size);
  std::string_view rest(e.args, avail);
  for (uint32_t i = 0; i < e.args_count && !rest.empty(); i++) {
    const std::string_view arg = rest.substr(0, rest.find('\0'));
    rest.remove_prefix(std::min(rest.size(), arg.size() + 1));
    if (i) out += ' ';
    if (!quote) {
      out += arg;
      continue;
    }
    out += '"';
    for (char c : arg) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  if (e.truncated) out += " ...";
}

void run(Session& s, const Options& o) {
  if (o.max_args < 1 || o.max_args > EXECSNOOP_MAX_ARGS)
    throw UsageError("--max-args must be between 1 and " + std::to_string(EXECSNOOP_MAX_ARGS));
  auto& skel = s.keep<bpf::Skeleton<execsnoop_bpf>>(s, execsnoop_bpf__open_opts);
  skel.apply(o);
  skel->rodata->max_args = o.max_args;
  skel->rodata->failed_only = o.fails;
  skel.load_and_attach();

  auto& out = s.table(columns(o));
  s.events<execsnoop_event>(
      skel, [&s, &o, &out](const execsnoop_event& e, std::size_t size) { row(out, o, e, size, s.clock()); },
      offsetof(execsnoop_event, args));
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns(const Options& o) {
  using output::Fmt;
  return {
      {"TIME", 8, "ts", Fmt::Clock, false, o.time},
      {"TIME(s)", 8, "", Fmt::Fixed3, false, o.timestamp},
      {"UID", 6, "uid", Fmt::Dec, false, o.print_uid},
      {"PCOMM", 16, "pcomm", Fmt::Str},
      {"PID", 7, "pid", Fmt::Dec},
      {"PPID", 7, "ppid", Fmt::Dec},
      {"RET", 3, "ret", Fmt::Dec, true},
      {"ARGS", 0, "args", Fmt::Str},
      {"", 0, "truncated", Fmt::Bool},
  };
}

void row(output::Table& out, const Options& o, const execsnoop_event& e, std::size_t size,
         const runtime::EventClock& clock) {
  std::string args;
  join_args(e, size, o.quote, args);
  if (!o.line.empty() && args.find(o.line) == std::string::npos) return;
  out.row({clock.wall(e.ts_ns), clock.since_start(e.ts_ns), e.uid, e.comm, e.tgid, e.ppid, e.ret, args,
           e.truncated != 0});
}

}  // namespace corebox::tools::execsnoop

COREBOX_TOOL(execsnoop, corebox::tools::execsnoop::Options, corebox::tools::execsnoop::describe,
             corebox::tools::execsnoop::run);
