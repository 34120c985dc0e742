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
      return probe_kind(a->section).rank < probe_kind(b->section).rank;
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
