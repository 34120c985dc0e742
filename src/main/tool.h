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
// Applies them to a session (libbpf's log, the BTF to load against).
void apply_common_options(Session& s, const CommonOptions& common);

// One registry entry. Generated registry.cpp lists them; nothing runs at static init.
struct Tool {
  const char* name;
  std::string (*summary)();
  // The command line: parse, run one session until it ends, exit code.
  int (*main)(std::string_view invoked_as, const std::vector<std::string_view>& args);
  // Another host (the agent, tests): parse and set the tool up in a session it runs.
  void (*start)(Session& s, const std::vector<std::string_view>& args);
};

template <class O, void (*Describe)(cli::Spec<O>&)>
std::string tool_summary() {
  cli::Spec<O> spec{""};
  Describe(spec);
  return spec.core().summary();
}

template <class O, void (*Describe)(cli::Spec<O>&), void (*Setup)(Session&, const O&)>
int tool_main(std::string_view invoked_as, const std::vector<std::string_view>& args) {
  CommonOptions common;
  cli::Spec<O> spec{std::string(invoked_as)};
  Describe(spec);
  add_common_options(spec.core(), common);
  O options{};
  if (!spec.parse(options, args)) {
    std::fputs(spec.core().help().c_str(), stdout);
    return 0;
  }
  runtime::Host host;
  Session& s = host.open(std::string(invoked_as), common.json ? output::Format::Json : output::Format::Text);
  apply_common_options(s, common);
  Setup(s, options);
  host.run();  // SIGINT/SIGTERM are the normal way to stop: exit 0
  host.out().flush();
  if (const int err = host.out().error())
    throw Error("write to stdout", err,
                host.unreported_lost() ? std::to_string(host.unreported_lost()) + " events lost" : std::string());
  return 0;
}

template <class O, void (*Describe)(cli::Spec<O>&), void (*Setup)(Session&, const O&)>
void tool_start(Session& s, const std::vector<std::string_view>& args) {
  CommonOptions common;
  cli::Spec<O> spec{s.tool()};
  Describe(spec);
  add_common_options(spec.core(), common);
  O& options = s.keep<O>();
  if (!spec.parse(options, args)) throw UsageError(s.tool() + ": --help is for the command line");
  apply_common_options(s, common);
  Setup(s, options);
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
