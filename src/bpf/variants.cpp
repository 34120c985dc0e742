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
      return hook_rank(hook_kind(a->section)) < hook_rank(hook_kind(b->section));
    });
    const Program* pick = nullptr;
    std::string tried;
    for (const Program* p : members) {
      const std::string why = available(p->section);
      if (why.empty()) {
        pick = p;
        break;
      }
      tried += (tried.empty() ? "" : ", ") + p->section + " (" + why + ")";
    }
    for (const Program* p : members)
      if (p != pick) disabled.push_back(p->name);
    if (pick) {
      if (chosen) chosen->push_back({group, pick->section});
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
