#pragma once
#include "execsnoop.h"
#include "family/render.h"

namespace corebox::tools::execsnoop {

struct Options : cli::TaskFilter, cli::Duration {
  bool time = false, timestamp = false, fails = false, quote = false, print_uid = false;
  std::string line;
  unsigned max_args = 20;
};

std::vector<output::Column> columns(const Options& o);
// No row when -l's text is not in the arguments.
void row(output::Table& out, const Options& o, const execsnoop_event& e, std::size_t size,
         const runtime::EventClock& clock);

}  // namespace corebox::tools::execsnoop
