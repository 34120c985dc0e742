#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

struct bpf_link;
struct bpf_program;

// The kinds of probe a BPF program can hook, as one table: what selects a kind (its
// section prefixes), how it ranks among a group's hook variants, how to tell whether
// this kernel can attach it, and how to attach it by hand. The tools' variant chooser
// (variants.h) and the language's probes both read it; a new kind is one row in
// probe_kinds.cpp.
namespace corebox::bpf {

class Features;

// The family of a kind: kinds of one family rank alike (fentry and lsm are both
// trampolines, kprobe and ksyscall both kprobes).
enum class HookKind { Fentry, TpBtf, RawTp, Tracepoint, Kprobe, Uprobe, PerfEvent, Iter, Other };

struct ProbeKind {
  std::string_view name;                       // "kprobe", as -v and the language spell it
  HookKind kind;
  std::span<const std::string_view> prefixes;  // section names starting with one select it
  int rank;                                    // lower is preferred among a group's variants
  bool tracefs;                                // attaching looks the hook up in tracefs
  // Why the hook `section` names cannot be attached on this kernel, or "" if it can.
  std::string (*availability)(Features& f, std::string_view section);
  // Attaches `prog` at the hook `section` names, whatever the program's own section;
  // nullptr with errno set on failure. nullptr: no target in a section says enough
  // (a perf event needs a perf fd per CPU), the program's user attaches it.
  bpf_link* (*attach)(bpf_program* prog, std::string_view section);
  // The kernel BTF name (and BTF_KIND_*) the availability check looks up for `target`,
  // for the BTF cache (btf_cache.h); nullptr if it looks nothing up.
  std::pair<std::string, int> (*btf_lookup)(std::string_view target);
};

std::span<const ProbeKind> probe_kinds();
// The kind `section` selects: the last row (name "other") if none does.
const ProbeKind& probe_kind(std::string_view section);
// The kind named `name`, or nullptr.
const ProbeKind* probe_kind_named(std::string_view name);

inline HookKind hook_kind(std::string_view section) { return probe_kind(section).kind; }
int hook_rank(HookKind k);  // lower is preferred

// What follows the first '/' of a section name: "syscalls/sys_enter_open" for
// "tracepoint/syscalls/sys_enter_open", "" if there is no '/'.
std::string_view section_target(std::string_view section);

// "PATH:FUNCTION[+OFFSET]" or "PATH:OFFSET" (libbpf's uprobe section syntax).
struct UprobeTarget {
  std::string path, function;
  std::uint64_t offset = 0;
};
std::optional<UprobeTarget> parse_uprobe_target(std::string_view target);

}  // namespace corebox::bpf
