#pragma once
#include "family/render.h"
#include "syncsnoop.h"

namespace corebox::tools::syncsnoop {

struct Options : cli::TaskFilter, cli::Duration {
  bool time = false;
};

std::vector<output::Column> columns(const Options& o);
void row(output::Table& out, const syncsnoop_event& e, const runtime::EventClock& clock);

}  // namespace corebox::tools::syncsnoop
