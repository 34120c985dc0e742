#pragma once
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpf/btf_cache.h"
#include "base/fd.h"

namespace corebox::bpf {

// What this kernel offers, probed on first use and cached for the process.
class Features {
 public:
  // btf_path: --btf, or empty for the kernel's own.
  explicit Features(std::string btf_path = {});

  const std::string& btf_path() const { return btf_path_; }
  bool kernel_btf() const;  // /sys/kernel/btf/vmlinux exists and is not empty
  const btf* vmlinux_btf();  // parsed on first use; throws if there is none

  bool ringbuf();
  bool raw_tp();
  bool tp_btf();
  bool fentry();   // BPF trampolines: fentry/fexit/fmod_ret/LSM
  bool kprobes();  // the kprobe PMU exists
  bool uprobes();
  bool perf_cpu_clock();
  bool bpf_iter();

  // Answers name look-ups from a tool's BTF cache, when it has them, instead of parsing
  // the whole vmlinux BTF.
  void use_cache(BtfCache cache) { cache_ = std::move(cache); }
  // The names the checks of these program sections look up (for the cache).
  static std::vector<std::pair<std::string, int>> lookups_for(const std::vector<std::string>& sections);
  void drop_btf() { btf_.reset(); }

  bool btf_has(std::string_view name, int kind);
  bool raw_tracepoint_exists(std::string_view name);  // btf_trace_<name>
  bool kernel_function_in_btf(std::string_view name);
  bool kallsyms_has(std::string_view name);
  static bool tracepoint_exists(std::string_view category_and_name);  // "syscalls/sys_enter_open"

  // Printed by `corebox features`: name, yes/no or value, and a detail.
  struct Row {
    std::string name, value, detail;
  };
  std::vector<Row> report();

 private:
  bool probe_tracing(int attach_type, const char* target, int kind);
  int btf_id(std::string_view name, int kind);  // from the cache, else the parsed BTF; <= 0: none

  std::string btf_path_;
  Btf btf_;
  std::optional<bool> ringbuf_, raw_tp_, tp_btf_, fentry_, kprobes_, uprobes_, perf_, iter_;
  std::optional<std::vector<std::string>> kallsyms_;
  std::optional<BtfCache> cache_;
};

// Parsers of the kernel files the probes read, separate so they can be tested.
std::vector<std::string> parse_kallsyms_functions(std::istream& in);  // sorted text symbols
std::string parse_lockdown(const std::string& line);                   // "none [integrity] x" -> integrity

// libbpf 1.1 looks tracepoint ids up under /sys/kernel/debug/tracing, newer ones under
// /sys/kernel/tracing: mount tracefs and debugfs where missing (needs CAP_SYS_ADMIN).
void ensure_tracefs();

// Linux capabilities of this process: true if it can load and attach tracing BPF.
bool has_bpf_privileges();

}  // namespace corebox::bpf
