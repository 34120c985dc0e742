#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "cli/spec.h"
#include "base/error.h"

namespace corebox::cli {

// `[interval [count]]` as in bcc's histogram tools, and -T for a time line per output.
struct Interval {
  double interval_s = 0;  // 0: one output, at the end
  uint64_t count = 0;     // 0: until stopped
  bool timestamp = false;
};

inline void parse_output_count(const std::string& opt, std::string_view text, uint64_t& out) {
  parse_value<uint64_t>(opt, text, out);
  if (out == 0) throw UsageError("invalid " + opt + " '" + std::string(text) + "': must be at least 1");
}

// Positionals `interval` and `count` (bcc's form) unless `option_i`, where bcc's tool has
// -i INTERVAL instead (syscount); -T/--timestamp unless the tool uses -T for something else.
template <class O>
void interval(Spec<O>& s, bool positional = true, bool timestamp_flag = true) {
  if (positional) {
    s.positional("interval", &Interval::interval_s, "output interval in seconds (also 500ms, 2m)", false,
                 &parse_duration);
    s.positional("count", &Interval::count, "number of outputs", false, &parse_output_count);
  } else {
    s.option('i', "interval", &Interval::interval_s, "SECONDS", "print a summary every SECONDS", &parse_duration);
  }
  if (timestamp_flag) s.flag('T', "timestamp", &Interval::timestamp, "include a timestamp on each output");
}

}  // namespace corebox::cli
