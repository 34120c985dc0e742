#pragma once
#include "family/render.h"
#include "runqlat.h"

namespace corebox::tools::runqlat {

struct Options : cli::TaskFilter, cli::Interval {
  bool ms = false, per_process = false, per_thread = false, per_pidns = false;
};

enum runqlat_key_by key_by(const Options& o);
// The histograms of an interval: report::print_hists(sink, hist_spec(o), entries, now).
report::HistSpec<runqlat_key> hist_spec(const Options& o);

}  // namespace corebox::tools::runqlat
