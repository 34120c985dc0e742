#pragma once
#include "family/render.h"
#include "sigsnoop.h"

namespace corebox::tools::sigsnoop {

struct Options : cli::TaskFilter, cli::Duration {
  bool failed = false, kill_only = false, names = false;
  int signal = 0;
};

std::vector<output::Column> columns();
void row(output::Table& out, const Options& o, const sigsnoop_event& e, const runtime::EventClock& clock);

}  // namespace corebox::tools::sigsnoop
