#pragma once
#include "bitesize.h"
#include "family/render.h"

namespace corebox::tools::bitesize {

struct Options : cli::TaskFilter, cli::Interval {
  std::string disk;
};

// The histograms of an interval: report::print_hists(sink, hist_spec(o), entries, now).
report::HistSpec<bitesize_key> hist_spec(const Options& o);

}  // namespace corebox::tools::bitesize
