#include <gtest/gtest.h>

#include "capture.h"
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "output/hist.h"
#include "output/sink.h"

using namespace corebox::output;

namespace {


std::string bar(int stars) { return "|" + std::string(stars, '*') + std::string(40 - stars, ' ') + "|\n"; }

// The layout of bcc's libbpf-tools print_log2_hist(): "%*s%-*s : count    distribution"
// with 5/19, rows "%*lld -> %-*lld : %-8d |" with width 10, 40-star bars.
TEST(Hist, Log2TextMatchesBcc) {
  const std::vector<uint32_t> slots = {1, 0, 3, 10, 0, 0};
  const std::string got = capture([&](Writer& w) { print_log2_hist(w, slots, "usecs"); });
  const std::string want =
      "     usecs               : count    distribution\n"
      "         0 -> 1          : 1        " + bar(4) +
      "         2 -> 3          : 0        " + bar(0) +
      "         4 -> 7          : 3        " + bar(12) +
      "         8 -> 15         : 10       " + bar(40);
  EXPECT_EQ(got, want);
}

TEST(Hist, Log2TextLargeSlotsAndEmpty) {
  std::vector<uint32_t> slots(32, 0);
  slots[20] = 123456789;
  const std::string got = capture([&](Writer& w) { print_log2_hist(w, slots, "nsecs"); });
  EXPECT_NE(got.find("    524288 -> 1048575    : 0        " + bar(0)), std::string::npos) << got;
  EXPECT_NE(got.find("   1048576 -> 2097151    : 123456789 " + bar(40)), std::string::npos) << got;
  EXPECT_EQ(capture([](Writer& w) { print_log2_hist(w, std::vector<uint32_t>(8, 0), "usecs"); }), "");
}

// bcc's print_linear_hist(): "     %-13s : count     distribution", rows
// "        %-10d : %-8d |", only the non-empty buckets.
TEST(Hist, LinearTextMatchesBcc) {
  const std::vector<uint32_t> slots = {0, 2, 0, 4};
  const std::string got = capture([&](Writer& w) { print_linear_hist(w, slots, 0, 1, "queue"); });
  const std::string want =
      "     queue         : count     distribution\n"
      "        1          : 2        " + bar(20) +
      "        3          : 4        " + bar(40);
  EXPECT_EQ(got, want);
}

TEST(Hist, Log2JsonGolden) {
  const std::vector<uint32_t> slots = {1, 0, 3};
  const std::string got = capture([&](Writer& w) {
    const Field labels[] = {{"pid", 42u}, {"comm", "a\"b"}};
    make_sink(Format::Json, w)->hist({.labels = labels, .unit = "usecs", .slots = slots});
  });
  EXPECT_EQ(got,
            "{\"pid\":42,\"comm\":\"a\\\"b\",\"unit\":\"usecs\",\"total\":4,\"buckets\":["
            "{\"low\":0,\"high\":1,\"count\":1},{\"low\":2,\"high\":3,\"count\":0},"
            "{\"low\":4,\"high\":7,\"count\":3}]}\n");
  const auto j = nlohmann::json::parse(got);
  EXPECT_EQ(j["total"], 4);
}

TEST(Hist, EmptyAndLinearJson) {
  const std::vector<uint32_t> zeros(4, 0);
  EXPECT_EQ(capture([&](Writer& w) { make_sink(Format::Json, w)->hist({.unit = "usecs", .slots = zeros}); }),
            "{\"unit\":\"usecs\",\"total\":0,\"buckets\":[]}\n");
  const std::vector<uint32_t> slots = {0, 2, 0, 4};
  const Field cpu[] = {{"cpu", 1}};
  EXPECT_EQ(capture([&](Writer& w) {
              make_sink(Format::Json, w)->hist(
                  {.labels = cpu, .unit = "len", .slots = slots, .linear = true, .base = 10, .step = 5});
            }),
            "{\"cpu\":1,\"unit\":\"len\",\"total\":6,\"buckets\":[{\"low\":15,\"high\":19,\"count\":2},"
            "{\"low\":20,\"high\":24,\"count\":0},{\"low\":25,\"high\":29,\"count\":4}]}\n");
}

}  // namespace
