#include "aggregate_util.h"

namespace rt {
namespace {

TEST(Softirqs, TotalsOverTwoSecondsText) {
  RT_REQUIRE_BPF();
  Tool t({"softirqs", "-T", "2", "1"});
  EXPECT_EQ(t.wait(), 0) << t.err();
  bool header = false, stamp = false;
  int rows = 0;
  for (const auto& l : t.lines()) {
    const auto f = fields(l);
    stamp |= l.size() == 8 && l[2] == ':' && l[5] == ':';
    if (f == std::vector<std::string>{"SOFTIRQ", "TOTAL_usecs"}) header = true;
    else if (header && f.size() == 2) rows++;
  }
  EXPECT_TRUE(header && stamp) << ::testing::PrintToString(t.lines());
  EXPECT_GT(rows, 0);
}

TEST(Softirqs, CountsAndHistogramsInJson) {
  RT_REQUIRE_BPF();
  for (const std::string mode : {"-C", "-d"}) {
    Tool t({"softirqs", "--json", mode, "2", "1"});
    EXPECT_EQ(t.wait(), 0) << t.err();
    ASSERT_FALSE(t.lines().empty()) << mode;
    bool timer = false;
    for (const auto& l : t.lines()) {
      const Json j = parse_json(l);
      timer |= j["softirq"] == "timer" || j["softirq"] == "rcu" || j["softirq"] == "sched";
      if (mode == "-d") EXPECT_TRUE(buckets_sum_to_total(j));
    }
    EXPECT_TRUE(timer) << ::testing::PrintToString(t.lines());
  }
}

TEST(Softirqs, CpuFilter) {
  RT_REQUIRE_BPF();
  const Result r = run({"softirqs", "--json", "-C", "-c", "0", "1", "1"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(r.out.empty());
}

}  // namespace
}  // namespace rt
