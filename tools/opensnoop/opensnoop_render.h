#pragma once
#include "family/render.h"
#include "opensnoop.h"

namespace corebox::tools::opensnoop {

struct Options : cli::TaskFilter, cli::Duration {
  bool failed_only = false, extended = false, timestamp = false, print_uid = false;
  std::vector<std::string> flags;
};

std::vector<output::Column> columns(const Options& o);
// size: the bytes the ring gave (the path is cut to them).
void row(output::Table& out, const opensnoop_event& e, std::size_t size, const runtime::EventClock& clock);

}  // namespace corebox::tools::opensnoop
