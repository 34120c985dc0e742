#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bpf/probe_kinds.h"

// Hook variants: a tool may give one probe point several programs named
// `<base>__<variant>` (e.g. unlink__fentry and unlink__kprobe). Exactly one alternative
// of each group is loaded: the best-ranked one (by its probe kind, probe_kinds.h) this
// kernel can attach. Programs of equal rank in a group form one alternative
// (open__tp_openat and open__tp_openat2 on their syscall tracepoints, against the
// fallback open__raw), usable only if all of them are. Programs without "__" are always
// loaded, unless listed as optional and unattachable here.
namespace corebox::bpf {

// A program's rank in its group, lower preferred: its probe kind's, except that the raw
// tracepoints of all syscalls (sys_enter, sys_exit) come after per-syscall tracepoints.
int section_rank(std::string_view section);

struct Program {
  std::string name, section;
};
struct Chosen {
  std::string group, section;
};

// Returns why `section` cannot be attached on this kernel, or "" if it can.
using Availability = std::function<std::string(std::string_view section)>;

// Throws Error naming the first name in `optional` (programs or groups) or `manual`
// (programs) that no program has: a typo there would otherwise be ignored silently,
// and a hook the tool meant to skip or attach itself would fail, or be attached twice.
void check_names(const std::vector<Program>& programs, const std::vector<std::string>& optional,
                 const std::vector<std::string>& manual);

// Names of the programs not to load. Throws Error naming the hooks tried if a required
// group has no usable program.
std::vector<std::string> choose_variants(const std::vector<Program>& programs, const Availability& available,
                                         const std::vector<std::string>& optional, std::vector<Chosen>* chosen);

}  // namespace corebox::bpf
