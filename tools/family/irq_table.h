#pragma once
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "output/hist.h"

namespace corebox::tools {

// The hardirqs/softirqs output for one interval: totals per name ("%-26s %11s" for
// hardirqs, "%-16s %11s" for softirqs, as in bcc), largest first, or one log2
// histogram per name with -d. JSON: {"ts":..,"<kind>":"name","unit":"usecs","total":N}
// or a histogram object with the same key.
struct NamedTotal {
  std::string name;
  uint64_t total;
};
struct NamedHist {
  std::string name;
  std::vector<uint32_t> slots;
};

inline void print_named_totals(output::Writer& w, bool json, std::string_view kind, std::string_view header,
                               int name_width, std::string_view unit, std::vector<NamedTotal> rows) {
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.total != b.total ? a.total > b.total : a.name < b.name;
  });
  if (json) {
    const double now = output::wall_now();
    for (const auto& r : rows) output::json_object(w, {{"ts", now}, {kind, r.name}, {"unit", unit}, {"total", r.total}});
    return;
  }
  char line[160];
  const std::string total_header = "TOTAL_" + std::string(unit);
  std::snprintf(line, sizeof(line), "%-*.*s %11s\n", name_width, static_cast<int>(header.size()), header.data(),
                total_header.c_str());
  w.put(line);
  for (const auto& r : rows) {
    std::snprintf(line, sizeof(line), "%-*s %11llu\n", name_width, r.name.c_str(), static_cast<unsigned long long>(r.total));
    w.put(line);
  }
}

inline void print_named_hists(output::Writer& w, bool json, std::string_view kind, std::string_view unit,
                              std::vector<NamedHist> hists) {
  std::sort(hists.begin(), hists.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  const double now = output::wall_now();
  for (const auto& h : hists) {
    if (json) {
      output::json_log2_hist(w, {{"ts", now}, {kind, h.name}}, h.slots, unit);
      continue;
    }
    w.put(kind);
    w.put(" = ");
    w.put(h.name);
    w.put('\n');
    output::print_log2_hist(w, h.slots, unit);
    w.put('\n');
  }
}

}  // namespace corebox::tools
