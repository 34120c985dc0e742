#include "bashreadline_render.h"

#include <bpf/libbpf.h>
#include <unistd.h>

#include <cstring>

#include "main/tool.h"
#include "sym/symbolizer.h"
#include "bashreadline.skel.h"

namespace corebox::tools::bashreadline {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Trace commands typed into bash (readline() returns)");
  cli::task_filter(s, cli::kPid | cli::kUid | cli::kCgroup);
  cli::duration(s);
  s.option('s', "shell", &Options::shell, "PATH", "the bash binary (default /bin/bash)");
  s.flag('U', "print-uid", &Options::print_uid, "show the UID column");
  s.example("bashreadline", "commands typed into any bash");
  s.example("bashreadline -s /usr/local/bin/bash", "another bash binary");
}

// readline is in bash itself, or in the libreadline it links with (bcc's -s case).
sym::UprobeTarget find_readline(sym::Symbolizer& syms, const std::string& shell) {
  if (::access(shell.c_str(), R_OK) != 0) throw Error("bash binary '" + shell + "'", errno, "pass its path with -s");
  const auto bash = syms.file(shell);
  if (auto s = bash->find("readline"); s && s->function) {
    if (auto off = bash->file_offset(s->addr)) return {shell, *off};
  }
  for (const auto& lib : bash->needed()) {
    if (lib.rfind("libreadline.so", 0) != 0) continue;
    const std::string path = sym::find_library(lib);
    if (path.empty()) continue;
    if (auto t = syms.uprobe(path, "readline")) return *t;
  }
  throw Error("no symbol 'readline' in '" + shell + "' or a libreadline", 0, "is bash stripped?");
}

void run(Session& s, const Options& o) {
  auto& skel = s.keep<bpf::Skeleton<bashreadline_bpf>>(s, bashreadline_bpf__open_opts);
  skel.apply(o);
  skel.manual({"readline_ret"});
  const sym::UprobeTarget t = find_readline(s.symbols(), o.shell);
  skel.load_and_attach();
  LIBBPF_OPTS(bpf_uprobe_opts, uo, .retprobe = true);
  skel.own(bpf_program__attach_uprobe_opts(skel->progs.readline_ret, -1, t.path.c_str(), t.offset, &uo),
           "uretprobe " + t.path + ":readline");
  if (s.verbose()) std::fprintf(stderr, "%s: uretprobe %s+0x%llx\n", s.tool().c_str(), t.path.c_str(),
                                  static_cast<unsigned long long>(t.offset));

  auto& out = s.table(columns(o));
  s.events<bashreadline_event>(skel, [&s, &out](const bashreadline_event& e) { row(out, e, s.clock()); });
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns(const Options& o) {
  using output::Fmt;
  return {
      {"TIME", 8, "ts", Fmt::Clock},
      {"UID", 6, "uid", Fmt::Dec, false, o.print_uid},
      {"PID", 7, "pid", Fmt::Dec},
      {"", 0, "comm", Fmt::Str},
      {"COMMAND", 0, "command", Fmt::Str},
  };
}

void row(output::Table& out, const bashreadline_event& e, const runtime::EventClock& clock) {
  out.row({clock.wall(e.ts_ns), e.uid, e.tgid, e.comm, e.line});
}

}  // namespace corebox::tools::bashreadline

COREBOX_TOOL(bashreadline, corebox::tools::bashreadline::Options, corebox::tools::bashreadline::describe,
             corebox::tools::bashreadline::run);
