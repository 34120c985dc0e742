// What a tool's front end includes: the session, options, skeletons and output.
#pragma once
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "bpf/skeleton.h"
#include "cli/spec.h"
#include "output/table.h"
#include "report/interval.h"
#include "runtime/host.h"
#include "runtime/session.h"

namespace corebox {

using runtime::Session;

// The options every tool has: -v, --json, --btf.
struct CommonOptions {
  bool verbose = false, json = false;
  std::string btf;
};
void add_common_options(cli::SpecCore& spec, CommonOptions& common);
// Applies them to a session (libbpf's log, the BTF to load against, and on the command
// line the output format).
void apply_common_options(Session& s, const CommonOptions& common, bool command_line);

// One registry entry. Generated registry.cpp lists them; nothing runs at static init.
struct Tool {
  const char* name;
  std::string (*summary)();
  // The command line: parse, run one session until it ends, exit code.
  int (*main)(std::string_view invoked_as, const std::vector<std::string_view>& args);
  // Another host (the agent, tests): parse and set the tool up in a session it runs.
  bool (*start)(Session& s, const std::vector<std::string_view>& args, bool command_line);
};

template <class O, void (*Describe)(cli::Spec<O>&)>
std::string tool_summary() {
  cli::Spec<O> spec{""};
  Describe(spec);
  return spec.core().summary();
}

// The command line: a host with one session, run until it ends; the exit code.
int run_command_line(std::string_view invoked_as, const std::vector<std::string_view>& args,
                     bool (*start)(Session&, const std::vector<std::string_view>&, bool));

// Parses a tool's arguments into options the session keeps, then sets the tool up.
// False when --help was printed instead (command line); another host gets a usage error.
// The only code instantiated per tool, besides its summary.
template <class O, void (*Describe)(cli::Spec<O>&), void (*Setup)(Session&, const O&)>
bool tool_start(Session& s, const std::vector<std::string_view>& args, bool command_line) {
  CommonOptions common;
  cli::Spec<O> spec{s.tool()};
  Describe(spec);
  add_common_options(spec.core(), common);
  O& options = s.keep<O>();
  if (!spec.parse(options, args)) {
    if (!command_line) throw UsageError("--help is for the command line");
    std::fputs(spec.core().help().c_str(), stdout);
    return false;
  }
  apply_common_options(s, common, command_line);
  Setup(s, options);
  return true;
}

template <class O, void (*Describe)(cli::Spec<O>&), void (*Setup)(Session&, const O&)>
int tool_main(std::string_view invoked_as, const std::vector<std::string_view>& args) {
  return run_command_line(invoked_as, args, &tool_start<O, Describe, Setup>);
}

// All tools, and names that run a tool under another name (killsnoop -> sigsnoop).
struct Alias {
  const char* name;
  const Tool* tool;
};
extern const Tool* const kTools[];
extern const std::size_t kToolCount;
extern const Alias kAliases[];
extern const std::size_t kAliasCount;
const Tool* find_tool(std::string_view name);

}  // namespace corebox

#define COREBOX_TOOL(name, Options, describe, setup)                                                       \
  extern constexpr ::corebox::Tool corebox_tool_##name{#name, &::corebox::tool_summary<Options, describe>, \
                                                       &::corebox::tool_main<Options, describe, setup>,     \
                                                       &::corebox::tool_start<Options, describe, setup>}
