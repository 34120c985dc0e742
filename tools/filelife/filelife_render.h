#pragma once
#include "family/render.h"
#include "filelife.h"

namespace corebox::tools::filelife {

struct Options : cli::TaskFilter, cli::Duration {};

std::vector<output::Column> columns();
void row(output::Table& out, const filelife_event& e, const runtime::EventClock& clock);

}  // namespace corebox::tools::filelife
