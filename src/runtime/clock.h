#pragma once
#include <cstdint>

namespace corebox::runtime {

// Times of events: BPF stamps them with bpf_ktime_get_ns() (CLOCK_MONOTONIC); rows show
// wall-clock time or seconds since the tool started. A value, so that a tool's rendering
// can be checked with fixed times.
struct EventClock {
  double mono_to_wall_s = 0;  // wall-clock seconds minus monotonic seconds
  double start_mono_ns = 0;   // when the session started

  // Seconds since the epoch.
  double wall(uint64_t mono_ns) const { return static_cast<double>(mono_ns) / 1e9 + mono_to_wall_s; }
  // Seconds since the tool started.
  double since_start(uint64_t mono_ns) const { return (static_cast<double>(mono_ns) - start_mono_ns) / 1e9; }
};

}  // namespace corebox::runtime
