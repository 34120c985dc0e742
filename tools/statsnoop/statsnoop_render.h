#pragma once
#include "family/render.h"
#include "statsnoop.h"

namespace corebox::tools::statsnoop {

struct Options : cli::TaskFilter, cli::Duration {
  bool failed = false, timestamp = false;
};

std::vector<output::Column> columns(const Options& o);
// size: the bytes the ring gave (the path is cut to them).
void row(output::Table& out, const statsnoop_event& e, std::size_t size, const runtime::EventClock& clock);

}  // namespace corebox::tools::statsnoop
