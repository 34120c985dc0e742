#pragma once
#include "family/render.h"
#include "syscount.h"

namespace corebox::tools::syscount {

struct Options : cli::TaskFilter, cli::Interval, cli::Duration {
  bool latency = false, ms = false, per_process = false, failed_only = false, list = false;
  std::string errno_text;
  unsigned top = 10;
};

std::vector<output::Column> columns(const Options& o);
// One interval taken at `now`: the top entries (as report::take returns them) in a
// table of columns(o) bound to `sink`.
void print(output::Sink& sink, output::Table& table, const Options& o,
           std::vector<std::pair<syscount_key, syscount_value>> rows, double now);

}  // namespace corebox::tools::syscount
