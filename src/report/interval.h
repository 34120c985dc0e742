#pragma once
#include <algorithm>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <corebox/hist.h>

#include "output/records.h"
#include "output/sink.h"
#include "report/generation.h"

// The reporter of the aggregating tools: the interval's heading, and keyed histograms
// read from a generation of an aggregation map, labelled by the tool, rendered by the
// session's sink (text, JSON or metrics).
namespace corebox::report {

// How an interval starts in text (bcc's tools differ):
//   Blank:     a blank line, then "HH:MM:SS" with -T (runqlat, biolatency, hardirqs)
//   Plain:     "HH:MM:SS" with -T (bitesize)
//   Bracketed: "[HH:MM:SS]" with -T (syscount)
//   None:      nothing (biopattern: the time is a column)
enum class Heading { Blank, Plain, Bracketed, None };

// "HH:MM:SS" local time now, or at `wall` seconds since the epoch; seconds since the
// epoch now.
std::string clock_now();
std::string clock_text(double wall);
double wall_now();

// Opens an interval taken at `now` (seconds since the epoch): the text heading, and "ts"
// for every JSON record until end().
void begin(output::Sink& sink, Heading heading, bool timestamp, double now);
inline void begin(output::Sink& sink, Heading heading, bool timestamp) { begin(sink, heading, timestamp, wall_now()); }
inline void end(output::Sink& sink) { sink.end_interval(); }

// Labels of one record, with storage for the strings they name.
class Labels {
 public:
  void add(std::string_view key, output::Value v, std::string_view title = {}, bool join = false) {
    fields_.push_back({key, v, title, join});
  }
  void add_owned(std::string_view key, std::string s, std::string_view title = {}, bool join = false) {
    strings_.push_back(std::move(s));
    fields_.push_back({key, std::string_view(strings_.back()), title, join});
  }
  std::span<const output::Field> fields() const { return fields_; }
  void clear() {
    fields_.clear();
    strings_.clear();
  }

 private:
  std::vector<output::Field> fields_;
  std::deque<std::string> strings_;
};

// What a keyed-histogram tool says about its histograms.
template <class Key>
struct HistSpec {
  std::string_view metric, unit;
  Heading heading = Heading::Blank;
  bool timestamp = false;
  // One histogram (no key): JSON shows it even when empty.
  bool single = false;
  std::function<bool(const Key&, const Key&)> less;
  std::function<void(const Key&, const cb_hist&, Labels&)> labels;
};

// One interval of a keyed-histogram tool: its entries (as take() returns them) sorted,
// labelled and rendered, the interval taken at `now`. Pure: unit tests give it entries.
template <class Key>
void print_hists(output::Sink& sink, const HistSpec<Key>& spec, std::vector<std::pair<Key, cb_hist>> rows, double now,
                 Labels& labels) {
  if (spec.less) std::sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) { return spec.less(a.first, b.first); });
  if (spec.single && rows.empty()) rows.push_back({Key{}, cb_hist{}});
  begin(sink, spec.heading, spec.timestamp, now);
  for (const auto& [k, h] : rows) {
    labels.clear();
    if (spec.labels) spec.labels(k, h, labels);
    sink.hist({.metric = spec.metric, .labels = labels.fields(), .unit = spec.unit, .slots = h.slots});
  }
  end(sink);
}

// The print function of a keyed-histogram tool, for Session::every().
template <class Key>
std::function<void()> hists(output::Sink& sink, bpf_map* map, const Generation& gen, HistSpec<Key> spec) {
  return [&sink, map, &gen, spec = std::move(spec), labels = Labels{}]() mutable {
    print_hists(sink, spec, take<Key, cb_hist>(map, gen.readable()), wall_now(), labels);
  };
}

}  // namespace corebox::report
