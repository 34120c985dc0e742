#include "family/irq.h"

#include <algorithm>

namespace corebox::tools {

std::string_view irq_unit(const IrqOptions& o) { return o.count ? "count" : o.ns ? "nsecs" : "usecs"; }

std::vector<output::Column> irq_columns(const IrqTexts& t, std::string_view total_header) {
  using output::Fmt;
  return {
      {t.column, t.width, t.kind, Fmt::Str, false, true, true},
      {"", 0, "unit", Fmt::Str, false, true, true},
      {total_header, 11, "total", Fmt::Dec, true},
  };
}

void print_irq_totals(output::Sink& sink, output::Table& totals, const IrqOptions& o,
                      std::vector<std::pair<std::string, uint64_t>> rows, double now) {
  if (!o.count && !o.ns)
    for (auto& r : rows) r.second /= 1000;
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  const std::string_view unit = irq_unit(o);
  report::begin(sink, report::Heading::Blank, o.timestamp, now);
  totals.header();
  for (const auto& [n, v] : rows) totals.row({n, unit, v});
  report::end(sink);
}

void print_irq_hists(output::Sink& sink, const IrqOptions& o, const IrqTexts& t,
                     std::vector<std::pair<std::string, cb_hist>> hists, double now) {
  std::sort(hists.begin(), hists.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  report::begin(sink, report::Heading::Blank, o.timestamp, now);
  for (const auto& [n, h] : hists) {
    const output::Field label{t.kind, n, t.kind};
    sink.hist({.metric = t.tool,
               .labels = std::span(&label, 1),
               .unit = irq_unit(o),
               .slots = h.slots,
               .text = output::HistText::Trailing});
  }
  report::end(sink);
}

}  // namespace corebox::tools
