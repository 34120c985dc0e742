#pragma once
#include "family/render.h"
#include "runqlen.h"

namespace corebox::tools::runqlen {

struct Options : cli::Interval {
  bool per_cpu = false, occupancy = false;
  unsigned freq = 99;
};

// One interval taken at `now`: a histogram (or -O an occupancy line) per entry.
void print(output::Sink& sink, const Options& o, std::vector<std::pair<runqlen_key, cb_hist>> hists, double now);

}  // namespace corebox::tools::runqlen
