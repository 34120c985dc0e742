#pragma once
#include "family/render.h"
#include "runqslower.h"

namespace corebox::tools::runqslower {

struct Options : cli::TaskFilter, cli::Duration {
  uint64_t min_us = 10000;
  bool previous = false;
};

std::vector<output::Column> columns(const Options& o);
void row(output::Table& out, const runqslower_event& e, const runtime::EventClock& clock);

}  // namespace corebox::tools::runqslower
