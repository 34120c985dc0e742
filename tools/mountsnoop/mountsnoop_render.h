#pragma once
#include "family/render.h"
#include "mountsnoop.h"

namespace corebox::tools::mountsnoop {

struct Options : cli::TaskFilter, cli::Duration {
  bool timestamp = false, detailed = false;
};

std::vector<output::Column> columns(const Options& o);
// -d: one "NAME: value" line per field.
output::Layout layout(const Options& o);
void row(output::Table& out, const mountsnoop_event& e, const runtime::EventClock& clock);

}  // namespace corebox::tools::mountsnoop
