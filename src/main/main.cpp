// The multi-call entry point: `corebox TOOL ARGS`, or a symlink named after the tool.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "bpf/features.h"
#include "bpf/libbpf_log.h"
#include "runtime/loop.h"
#include "main/tool.h"

#ifndef COREBOX_VERSION
#define COREBOX_VERSION "0.0.0"
#endif

namespace corebox {

namespace {

void usage(FILE* f) {
  std::fputs(
      "Usage: corebox TOOL [OPTIONS]     (or run a symlink named after the tool)\n"
      "       corebox --list             tools and what they do\n"
      "       corebox features           what this kernel offers to BPF\n"
      "       corebox --version\n"
      "       corebox TOOL --help        a tool's options and examples\n",
      f);
}

int list() {
  for (std::size_t i = 0; i < kToolCount; i++) std::printf("%-16s %s\n", kTools[i]->name, kTools[i]->summary().c_str());
  for (std::size_t i = 0; i < kAliasCount; i++)
    std::printf("%-16s (%s) %s\n", kAliases[i].name, kAliases[i].tool->name, kAliases[i].tool->summary().c_str());
  return 0;
}

int features(const std::vector<std::string_view>& args) {
  std::string btf;
  bool json = false;
  for (std::size_t i = 0; i < args.size(); i++) {
    if (args[i] == "--json") json = true;
    else if (args[i] == "--btf" && i + 1 < args.size()) btf = args[++i];
    else if (args[i].substr(0, 6) == "--btf=") btf = args[i].substr(6);
    else throw UsageError("unknown option '" + std::string(args[i]) + "'");
  }
  bpf::Features f(btf);
  output::Writer out(1);
  const auto rows = f.report();
  if (json) out.put('{');
  bool first = true;
  for (const auto& r : rows) {
    if (json) {
      if (!first) out.put(',');
      output::put_json_string(out, r.name);
      out.put(':');
      if (r.value == "yes" || r.value == "no") out.put(r.value == "yes" ? "true" : "false");
      else output::put_json_string(out, r.value);
    } else {
      out.put(r.name);
      out.pad(r.name.size() < 20 ? 20 - r.name.size() : 1);
      out.put(r.value);
      out.pad(r.value.size() < 12 ? 12 - r.value.size() : 1);
      out.put(r.detail);
      out.put('\n');
    }
    first = false;
  }
  if (json) out.put("}\n");
  return 0;
}

}  // namespace
}  // namespace corebox

int main(int argc, char** argv) {
  using namespace corebox;
  runtime::block_signals();
  bpf::install_libbpf_log();

  std::string_view self = argv[0] ? argv[0] : "corebox";
  if (const auto slash = self.rfind('/'); slash != std::string_view::npos) self.remove_prefix(slash + 1);
  std::vector<std::string_view> args(argv + 1, argv + argc);

  const Tool* tool = self == "corebox" ? nullptr : find_tool(self);
  std::string_view name = self;
  if (!tool) {
    if (args.empty()) {
      usage(stderr);
      return 2;
    }
    name = args.front();
    args.erase(args.begin());
    if (name == "--list" || name == "-l") return list();
    if (name == "--version" || name == "-V") return std::printf("corebox %s\n", COREBOX_VERSION) < 0;
    if (name == "--help" || name == "-h") return usage(stdout), 0;
    if (name != "features" && !(tool = find_tool(name))) {
      std::fprintf(stderr, "corebox: unknown tool '%.*s' (see 'corebox --list')\n", static_cast<int>(name.size()),
                   name.data());
      return 2;
    }
  }
  const std::string label(name);
  try {
    return tool ? tool->main(name, args) : features(args);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "corebox %s: %s (see 'corebox %s --help')\n", label.c_str(), e.what(), label.c_str());
    return 2;
  } catch (const Error& e) {
    std::fprintf(stderr, "corebox %s: %s\n", label.c_str(), e.line().c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "corebox %s: %s\n", label.c_str(), e.what());
    return 1;
  }
}
