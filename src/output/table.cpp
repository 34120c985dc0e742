#include "output/table.h"

#include <string>

#include "base/error.h"

namespace corebox::output {

void Table::row(std::span<const Value> values) {
  // A tool that gives a row of the wrong length has a bug; cutting or padding it would
  // hide the bug in one format and not the other.
  if (values.size() != schema_.columns().size())
    throw Error("table row has " + std::to_string(values.size()) + " values for " +
                std::to_string(schema_.columns().size()) + " columns");
  sink_->row(schema_, values);
}

}  // namespace corebox::output
