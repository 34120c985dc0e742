#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "output/value.h"

// The records tools produce. Sinks (output/sink.h) render them: bcc's text layouts,
// NDJSON, Prometheus exposition. A tool builds records and never asks which sink is on.
namespace corebox::output {

// How text lays a table out: padded columns under a header line (bcc's), the same
// without the header, or one "HEADER: value" line per shown column and a blank line
// after each row (detailed modes).
enum class Layout { Columns, NoHeader, Detail };

// The columns of a table, fixed when the tool starts. Rows give one value per column,
// in order (hidden and JSON-only columns included); a row of another length is a bug in
// the tool and throws.
class Schema {
 public:
  // metric: the family name in metrics ("syscount").
  explicit Schema(std::vector<Column> columns, std::string_view metric = {}, Layout layout = Layout::Columns);
  std::string_view metric() const { return metric_; }
  const std::vector<Column>& columns() const { return cols_; }
  Layout layout() const { return layout_; }
  // The last column shown in text: it is not padded on the right.
  std::size_t last_shown() const { return last_shown_; }

 private:
  std::vector<Column> cols_;
  std::string_view metric_;
  Layout layout_;
  std::size_t last_shown_ = 0;
};

// How text sets a histogram apart from the previous one (bcc's tools differ):
//   Blank: "\n<title> = <value>\n" before it (runqlat -P, biolatency -D, bitesize)
//   Trailing: "<title> = <value>\n" before it and a blank line after (hardirqs -d)
enum class HistText { Blank, Trailing };

// A histogram with its labels and unit. Log2 slots hold [2^i, 2^(i+1)-1] (slot 0:
// 0 and 1); linear slots hold base + i*step.
struct Hist {
  std::string_view metric;  // family name for metrics ("runqlat")
  std::span<const Field> labels;
  std::string_view unit;  // "usecs", "msecs", "nsecs", "Kbytes", "runqlen"
  std::span<const uint32_t> slots;
  bool linear = false;
  uint64_t base = 0, step = 1;
  HistText text = HistText::Blank;
};

// A line whose text layout is the tool's own (a ratio with a % sign), with its fields
// for JSON and metrics.
struct Line {
  std::string_view metric;
  std::span<const Field> fields;
  std::size_t labels = 0;  // the first `labels` fields label the others' samples
  std::string_view text;  // without the newline
};

// The end of an event tool's output: events shown and lost.
struct Summary {
  std::string_view tool;
  uint64_t events, lost;
};

}  // namespace corebox::output
