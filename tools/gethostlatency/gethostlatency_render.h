#pragma once
#include "family/render.h"
#include "gethostlatency.h"

namespace corebox::tools::gethostlatency {

struct Options : cli::TaskFilter, cli::Duration {
  std::string libc;
};

std::vector<output::Column> columns();
void row(output::Table& out, const gethostlatency_event& e, const runtime::EventClock& clock);

}  // namespace corebox::tools::gethostlatency
