#pragma once
#include "family/render.h"
#include "threadsnoop.h"

namespace corebox::tools::threadsnoop {

struct Options : cli::TaskFilter, cli::Duration {
  std::string libc;
};

std::vector<output::Column> columns();
// func: the start routine, symbolized.
void row(output::Table& out, const threadsnoop_event& e, const runtime::EventClock& clock, std::string_view func);

}  // namespace corebox::tools::threadsnoop
