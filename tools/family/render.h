// What a tool's rendering header (tools/<name>/<name>_render.h) includes: options, the
// table its rows go to, the event clock, the interval reporter. Those headers declare
// the tool's pure functions (columns for its options, an event's row, an interval's
// records) so that unit tests check them on synthetic events, without a kernel.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/interval.h"
#include "cli/spec.h"
#include "output/table.h"
#include "report/interval.h"
#include "runtime/clock.h"
