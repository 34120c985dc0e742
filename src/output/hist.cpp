#include "output/hist.h"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <string>

namespace corebox::output {
namespace {

void put_padded_left(Writer& w, std::string_view s, std::size_t width) {  // %-*s
  w.put(s);
  if (s.size() < width) w.pad(width - s.size());
}
void put_padded_right(Writer& w, std::string_view s, std::size_t width) {  // %*s
  if (s.size() < width) w.pad(width - s.size());
  w.put(s);
}

void stars(Writer& w, uint64_t val, uint64_t max, int width) {
  const uint64_t n = (val < max ? val : max) * static_cast<uint64_t>(width) / max;
  for (uint64_t i = 0; i < n; i++) w.put('*');
  w.pad(static_cast<std::size_t>(width) - n);
  if (val > max) w.put('+');
}

struct Range {
  int first = -1, last = -1;
  uint64_t max = 0, total = 0;
};
Range range_of(std::span<const uint32_t> slots) {
  Range r;
  for (std::size_t i = 0; i < slots.size(); i++) {
    if (slots[i]) {
      if (r.first < 0) r.first = static_cast<int>(i);
      r.last = static_cast<int>(i);
    }
    if (slots[i] > r.max) r.max = slots[i];
    r.total += slots[i];
  }
  return r;
}

void log2_bounds(int i, uint64_t& low, uint64_t& high) {
  low = (1ULL << (i + 1)) >> 1;
  high = (1ULL << (i + 1)) - 1;
  if (low == high) low -= 1;
}

void json_bucket(Writer& w, bool first, uint64_t low, uint64_t high, uint64_t count) {
  if (!first) w.put(',');
  w.put("{\"low\":");
  w.put_uint(low);
  w.put(",\"high\":");
  w.put_uint(high);
  w.put(",\"count\":");
  w.put_uint(count);
  w.put('}');
}

}  // namespace

void print_log2_hist(Writer& w, std::span<const uint32_t> slots, std::string_view unit) {
  const Range r = range_of(slots);
  if (r.last < 0) return;
  const bool narrow = r.last <= 32;
  w.pad(narrow ? 5 : 15);
  put_padded_left(w, unit, narrow ? 19 : 29);
  w.put(" : count    distribution\n");
  const std::size_t width = narrow ? 10 : 20;
  for (int i = 0; i <= r.last; i++) {
    uint64_t low, high;
    log2_bounds(i, low, high);
    put_padded_right(w, std::to_string(low), width);
    w.put(" -> ");
    put_padded_left(w, std::to_string(high), width);
    w.put(" : ");
    put_padded_left(w, std::to_string(slots[i]), 8);
    w.put(" |");
    stars(w, slots[i], r.max, narrow ? 40 : 20);
    w.put("|\n");
  }
}

void print_linear_hist(Writer& w, std::span<const uint32_t> slots, uint64_t base, uint64_t step,
                       std::string_view unit) {
  const Range r = range_of(slots);
  if (r.last < 0) return;
  w.put("     ");
  put_padded_left(w, unit, 13);
  w.put(" : count     distribution\n");
  for (int i = r.first; i <= r.last; i++) {
    if (!slots[i]) continue;
    w.pad(8);
    put_padded_left(w, std::to_string(base + static_cast<uint64_t>(i) * step), 10);
    w.put(" : ");
    put_padded_left(w, std::to_string(slots[i]), 8);
    w.put(" |");
    stars(w, slots[i], r.max, 40);
    w.put("|\n");
  }
}

void json_hist_body(Writer& w, std::span<const uint32_t> slots, bool linear, uint64_t base, uint64_t step,
                    std::string_view unit) {
  const Range r = range_of(slots);
  w.put("\"unit\":");
  put_json_string(w, unit);
  w.put(",\"total\":");
  w.put_uint(r.total);
  w.put(",\"buckets\":[");
  if (linear) {
    bool first = true;
    for (int i = r.first; r.first >= 0 && i <= r.last; i++) {
      const uint64_t low = base + static_cast<uint64_t>(i) * step;
      json_bucket(w, first, low, low + step - 1, slots[i]);
      first = false;
    }
  } else {
    for (int i = 0; i <= r.last; i++) {
      uint64_t low, high;
      log2_bounds(i, low, high);
      json_bucket(w, i == 0, low, high, slots[i]);
    }
  }
  w.put(']');
}

void put_json_value(Writer& w, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Int: w.put_int(v.i); break;
    case Value::Kind::Uint: w.put_uint(v.u); break;
    case Value::Kind::Double:
      if (std::isfinite(v.d)) {
        char buf[32];
        std::snprintf(buf, sizeof(buf), "%.6f", v.d);
        w.put(buf);
      } else {
        w.put("null");
      }
      break;
    case Value::Kind::Str: put_json_string(w, v.s); break;
    case Value::Kind::Bool: w.put(v.b ? "true" : "false"); break;
  }
}

}  // namespace corebox::output

