#include "bpf/variants.h"

#include <algorithm>
#include <map>

#include "base/error.h"

namespace corebox::bpf {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view group_of(std::string_view name) {
  const auto pos = name.rfind("__");
  return pos == std::string_view::npos || pos == 0 ? name : name.substr(0, pos);
}

}  // namespace

HookKind hook_kind(std::string_view s) {
  for (auto p : {"fentry", "fexit", "fmod_ret", "lsm"})
    if (starts_with(s, p)) return HookKind::Fentry;
  if (starts_with(s, "tp_btf/")) return HookKind::TpBtf;
  if (starts_with(s, "raw_tp") || starts_with(s, "raw_tracepoint")) return HookKind::RawTp;
  if (starts_with(s, "tracepoint/") || starts_with(s, "tp/")) return HookKind::Tracepoint;
  if (starts_with(s, "kprobe") || starts_with(s, "kretprobe") || starts_with(s, "ksyscall") ||
      starts_with(s, "kretsyscall"))
    return HookKind::Kprobe;
  if (starts_with(s, "uprobe") || starts_with(s, "uretprobe") || starts_with(s, "usdt")) return HookKind::Uprobe;
  if (starts_with(s, "perf_event")) return HookKind::PerfEvent;
  if (starts_with(s, "iter")) return HookKind::Iter;
  return HookKind::Other;
}

int hook_rank(HookKind k) {
  switch (k) {
    case HookKind::Fentry: return 0;      // cheapest entry/exit, typed arguments
    case HookKind::TpBtf: return 1;       // typed tracepoint arguments
    case HookKind::RawTp: return 2;
    case HookKind::Tracepoint: return 3;  // stable ABI, but a perf buffer copy per hit
    case HookKind::Kprobe: return 4;      // works where trampolines do not
    default: return 5;
  }
}

int section_rank(std::string_view section) {
  // The raw tracepoints of all syscalls run on every syscall of every process: a set of
  // per-syscall tracepoints costs the calls a tool does not trace nothing, so it comes
  // first (bpf/corebox/syscall.bpf.h).
  const HookKind k = hook_kind(section);
  if (k == HookKind::RawTp) {
    const std::string_view target = section.substr(section.find('/') + 1);
    if (target == "sys_enter" || target == "sys_exit") return 2 * hook_rank(HookKind::Tracepoint) + 1;
  }
  return 2 * hook_rank(k);
}

std::vector<std::string> choose_variants(const std::vector<Program>& programs, const Availability& available,
                                         const std::vector<std::string>& optional, std::vector<Chosen>* chosen) {
  std::map<std::string, std::vector<const Program*>, std::less<>> groups;
  for (const auto& p : programs) groups[std::string(group_of(p.name))].push_back(&p);

  std::vector<std::string> disabled;
  for (auto& [group, members] : groups) {
    const bool is_optional = std::find(optional.begin(), optional.end(), group) != optional.end();
    const bool has_variants = members.size() > 1 || members.front()->name != group;
    if (!has_variants && !is_optional) continue;
    std::stable_sort(members.begin(), members.end(), [](const Program* a, const Program* b) {
      return section_rank(a->section) < section_rank(b->section);
    });
    // Members of equal rank are one alternative, loaded together (e.g. one tracepoint per
    // syscall): usable when every one of them is.
    std::size_t pick = members.size(), pick_end = members.size();
    std::string tried;
    for (std::size_t i = 0, end; i < members.size() && pick == members.size(); i = end) {
      const int rank = section_rank(members[i]->section);
      std::string why;
      for (end = i; end < members.size() && section_rank(members[end]->section) == rank; end++) {
        const std::string w = available(members[end]->section);
        if (!w.empty()) why += (why.empty() ? "" : ", ") + members[end]->section + " (" + w + ")";
      }
      if (why.empty()) {
        pick = i;
        pick_end = end;
      } else {
        tried += (tried.empty() ? "" : ", ") + why;
      }
    }
    for (std::size_t i = 0; i < members.size(); i++)
      if (i < pick || i >= pick_end) disabled.push_back(members[i]->name);
    if (pick < members.size()) {
      std::string sections;
      for (std::size_t i = pick; i < pick_end; i++) sections += (i > pick ? " " : "") + members[i]->section;
      if (chosen) chosen->push_back({group, sections});
    } else if (!is_optional) {
      throw Error("no usable hook for '" + group + "': tried " + tried, 0,
                  "this kernel lacks the hook; see 'corebox features'");
    } else if (chosen) {
      chosen->push_back({group, "none: " + tried});
    }
  }
  return disabled;
}

}  // namespace corebox::bpf
