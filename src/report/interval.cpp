#include "report/interval.h"

#include <cstdio>
#include <ctime>

namespace corebox::report {

std::string clock_now() { return clock_text(wall_now()); }

std::string clock_text(double wall) {
  const auto now = static_cast<time_t>(wall);
  tm t{};
  localtime_r(&now, &t);
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%02d:%02d:%02d", t.tm_hour, t.tm_min, t.tm_sec);
  return buf;
}

double wall_now() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

void begin(output::Sink& sink, Heading heading, bool timestamp, double now) {
  if (heading == Heading::Blank) sink.note("\n");
  if (timestamp && heading != Heading::None) {
    const std::string t = clock_text(now);
    if (heading == Heading::Bracketed) sink.note("[" + t + "]\n");
    else sink.note(t + "\n");
  }
  sink.begin_interval(now);
}

}  // namespace corebox::report
