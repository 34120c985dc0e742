// What a tool's front end includes: the context, options, skeletons and output.
#pragma once
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli/spec.h"
#include "runtime/context.h"
#include "base/error.h"
#include "bpf/skeleton.h"
#include "output/table.h"

namespace corebox {

// One registry entry. Generated registry.cpp lists them; nothing runs at static init.
struct Tool {
  const char* name;
  std::string (*summary)();
  int (*main)(std::string_view invoked_as, const std::vector<std::string_view>& args);
};

template <class O, void (*Describe)(cli::Spec<O>&)>
std::string tool_summary() {
  cli::Spec<O> spec{""};
  Describe(spec);
  return spec.core().summary();
}

template <class O, void (*Describe)(cli::Spec<O>&), int (*Run)(Context&, const O&)>
int tool_main(std::string_view invoked_as, const std::vector<std::string_view>& args) {
  // The command line is a host of one session; it still owns the symbolizer.
  sym::Symbolizer symbols;
  Context ctx{std::string(invoked_as), symbols};
  cli::Spec<O> spec{std::string(invoked_as)};
  Describe(spec);
  ctx.add_common_options(spec.core());
  O options{};
  if (!spec.parse(options, args)) {
    std::fputs(spec.core().help().c_str(), stdout);
    return 0;
  }
  return Run(ctx, options);
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

#define COREBOX_TOOL(name, Options, describe, run)                                                   \
  extern constexpr ::corebox::Tool corebox_tool_##name{#name, &::corebox::tool_summary<Options, describe>, \
                                                       &::corebox::tool_main<Options, describe, run>}
