#include "bpf/variants.h"

#include <algorithm>
#include <map>

#include "base/error.h"

namespace corebox::bpf {
namespace {

std::string_view group_of(std::string_view name) {
  const auto pos = name.rfind("__");
  return pos == std::string_view::npos || pos == 0 ? name : name.substr(0, pos);
}

}  // namespace

void check_names(const std::vector<Program>& programs, const std::vector<std::string>& optional,
                 const std::vector<std::string>& manual) {
  const auto has = [&](std::string_view name, bool groups) {
    return std::any_of(programs.begin(), programs.end(),
                       [&](const Program& p) { return p.name == name || (groups && group_of(p.name) == name); });
  };
  for (const auto& name : optional)
    if (!has(name, true)) throw Error("optional program '" + name + "' does not exist");
  for (const auto& name : manual)
    if (!has(name, false)) throw Error("manual program '" + name + "' does not exist");
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
