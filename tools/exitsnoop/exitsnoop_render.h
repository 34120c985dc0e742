#pragma once
#include "exitsnoop.h"
#include "family/render.h"

namespace corebox::tools::exitsnoop {

struct Options : cli::TaskFilter, cli::Duration {
  bool failed = false, time = false, timestamp = false, per_thread = false;
};

std::vector<output::Column> columns(const Options& o);
void row(output::Table& out, const exitsnoop_event& e, const runtime::EventClock& clock);

}  // namespace corebox::tools::exitsnoop
