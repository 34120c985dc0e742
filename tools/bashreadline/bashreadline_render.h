#pragma once
#include "bashreadline.h"
#include "family/render.h"

namespace corebox::tools::bashreadline {

struct Options : cli::TaskFilter, cli::Duration {
  std::string shell = "/bin/bash";
  bool print_uid = false;
};

std::vector<output::Column> columns(const Options& o);
void row(output::Table& out, const bashreadline_event& e, const runtime::EventClock& clock);

}  // namespace corebox::tools::bashreadline
