#pragma once
#include "cpudist.h"
#include "family/render.h"

namespace corebox::tools::cpudist {

struct Options : cli::TaskFilter, cli::Interval {
  bool offcpu = false, ms = false, per_process = false, per_thread = false;
};

// The histograms of an interval: report::print_hists(sink, hist_spec(o), entries, now).
report::HistSpec<cpudist_key> hist_spec(const Options& o);

}  // namespace corebox::tools::cpudist
