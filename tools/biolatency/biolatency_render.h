#pragma once
#include "biolatency.h"
#include "family/render.h"
#include "sym/disks.h"

namespace corebox::tools::biolatency {

struct Options : cli::TaskFilter, cli::Interval {
  bool queued = false, per_disk = false, per_flag = false, ms = false;
  std::string disk;
};

// The histograms of an interval: report::print_hists(sink, hist_spec(o, disks), entries,
// now). Keeps references to o and disks.
report::HistSpec<biolatency_key> hist_spec(const Options& o, const sym::Disks& disks);

}  // namespace corebox::tools::biolatency
