#pragma once
#include <initializer_list>
#include <span>
#include <vector>

#include "output/records.h"
#include "output/sink.h"

namespace corebox::output {

// A table bound to a sink: the event tools' rows, the interval tools' counter tables.
//   auto t = session.table({{"PID", 7, "pid", Fmt::Dec}, ...});
//   t.row({e.pid, ...});
class Table {
 public:
  Table(Sink& sink, std::vector<Column> columns, std::string_view metric = {}, Layout layout = Layout::Columns)
      : sink_(&sink), schema_(std::move(columns), metric, layout) {}
  void header() { sink_->header(schema_); }
  // One value per column, in the declared order (hidden and JSON-only columns included).
  void row(std::initializer_list<Value> values) { row(std::span<const Value>(values.begin(), values.size())); }
  void row(std::span<const Value> values);
  const Schema& schema() const { return schema_; }

 private:
  Sink* sink_;
  Schema schema_;
};

}  // namespace corebox::output
