#pragma once
#include <cstdint>
#include <span>
#include <string_view>

#include "output/value.h"
#include "output/writer.h"

namespace corebox::output {

// bcc's log2 histogram layout (libbpf-tools trace_helpers.c print_log2_hist):
//          usecs               : count    distribution
//              0 -> 1          : 3        |*****                                   |
// Slot i holds [2^i, 2^(i+1) - 1], slot 0 holds 0 and 1. Nothing is printed when empty.
void print_log2_hist(Writer& w, std::span<const uint32_t> slots, std::string_view unit);
// bcc's linear layout: one line per non-empty bucket base + i*step, between the first
// and last non-empty ones.
void print_linear_hist(Writer& w, std::span<const uint32_t> slots, uint64_t base, uint64_t step,
                       std::string_view unit);

// One JSON object per histogram:
// {<fields...>,"unit":"usecs","total":N,"buckets":[{"low":0,"high":1,"count":3},...]}
// Buckets run from the first slot to the last non-empty one (log2) or cover the
// non-empty range (linear); `total` is the sum of their counts.
// The object is left open after "buckets":[...] (the sink closes it); the caller has
// written "{" and the fields.
void json_hist_body(Writer& w, std::span<const uint32_t> slots, bool linear, uint64_t base, uint64_t step,
                    std::string_view unit);

// A field's value in JSON (doubles with six decimals).
void put_json_value(Writer& w, const Value& v);

}  // namespace corebox::output
