#include "main/tool.h"

#include "bpf/libbpf_log.h"

namespace corebox {

const Tool* find_tool(std::string_view name) {
  for (std::size_t i = 0; i < kToolCount; i++)
    if (name == kTools[i]->name) return kTools[i];
  for (std::size_t i = 0; i < kAliasCount; i++)
    if (name == kAliases[i].name) return kAliases[i].tool;
  return nullptr;
}

void add_common_options(cli::SpecCore& spec, CommonOptions& common) {
  spec.add({'v', "verbose", {}, "show libbpf's log (verifier messages)",
            [&common](void*, std::string_view) { common.verbose = true; }});
  spec.add({0, "json", {}, "one JSON object per line", [&common](void*, std::string_view) { common.json = true; }});
  spec.add({0, "btf", "PATH", "kernel BTF file to use instead of /sys/kernel/btf/vmlinux",
            [&common](void*, std::string_view a) { common.btf = a; }});
}

void apply_common_options(Session& s, const CommonOptions& common, bool command_line) {
  if (command_line && common.json) s.set_format(output::Format::Json);
  if (common.verbose) {
    s.set_verbose(true);
    // libbpf has one print callback per process: -v of any session shows its log.
    bpf::set_libbpf_verbose(true);
  }
  if (!common.btf.empty()) s.set_btf_path(common.btf);
}

int run_command_line(std::string_view invoked_as, const std::vector<std::string_view>& args,
                     bool (*start)(Session&, const std::vector<std::string_view>&, bool)) {
  runtime::Host host;
  Session& s = host.open(std::string(invoked_as), output::Format::Text);
  if (!start(s, args, true)) return 0;
  host.run();  // SIGINT/SIGTERM are the normal way to stop: exit 0
  host.out().flush();
  if (const int err = host.out().error())
    throw Error("write to stdout", err,
                host.unreported_lost() ? std::to_string(host.unreported_lost()) + " events lost" : std::string());
  return 0;
}

}  // namespace corebox
