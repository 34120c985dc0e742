#pragma once
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <utility>

#include "output/table.h"
#include "output/writer.h"

namespace corebox::output {

// A key field of a histogram or a counter row in JSON: {"pid":42,"comm":"x",...}.
using Field = std::pair<std::string_view, Value>;

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
void json_log2_hist(Writer& w, std::initializer_list<Field> fields, std::span<const uint32_t> slots,
                    std::string_view unit);
void json_linear_hist(Writer& w, std::initializer_list<Field> fields, std::span<const uint32_t> slots,
                      uint64_t base, uint64_t step, std::string_view unit);

// A flat JSON object from fields, one line: {"syscall":"read","count":3}.
void json_object(Writer& w, std::initializer_list<Field> fields);
void put_json_value(Writer& w, const Value& v);

// "HH:MM:SS" local time now (the -T timestamp line of the interval tools).
std::string clock_now();
// Seconds since the epoch, now (the "ts" of interval outputs in JSON).
double wall_now();

}  // namespace corebox::output
