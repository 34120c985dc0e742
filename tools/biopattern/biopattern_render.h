#pragma once
#include "biopattern.h"
#include "family/render.h"
#include "sym/disks.h"

namespace corebox::tools::biopattern {

struct Options : cli::Interval {
  std::string disk;
};

std::vector<output::Column> columns(const Options& o);
// One interval taken at `now` (the TIME column): a row per disk in a table of
// columns(o) bound to `sink`.
void print(output::Sink& sink, output::Table& table, const sym::Disks& disks,
           std::vector<std::pair<biopattern_key, biopattern_counter>> rows, double now);

}  // namespace corebox::tools::biopattern
