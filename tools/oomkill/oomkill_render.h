#pragma once
#include "family/render.h"
#include "oomkill.h"

namespace corebox::tools::oomkill {

struct Options : cli::Duration {};

std::vector<output::Column> columns();
// tcomm: the victim's name (the event's, or /proc's when the event has none);
// loadavg: /proc/loadavg's three averages.
void row(output::Table& out, const oomkill_event& e, const runtime::EventClock& clock, std::string_view tcomm,
         std::string_view loadavg);

}  // namespace corebox::tools::oomkill
