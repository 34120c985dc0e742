#include "aggregate_util.h"

namespace rt {
namespace {

TEST(Cpudist, OnCpuHistogramUnderContention) {
  RT_REQUIRE_BPF();
  Child load([] { return contend(2.5); });
  Tool t({"cpudist", "--json", "1", "2"});
  load.release();
  EXPECT_EQ(t.wait(), 0) << t.err();
  const auto hists = hist_objects(t.lines());
  ASSERT_EQ(hists.size(), 2u);
  for (const auto& j : hists) {
    EXPECT_TRUE(buckets_sum_to_total(j));
    EXPECT_EQ(j["offcpu"], false);
  }
  EXPECT_GT(total_of(hists), 0u);
}

TEST(Cpudist, OffCpuPerThreadOfOneProcess) {
  RT_REQUIRE_BPF();
  Child load([] { return contend(2); });
  Tool t({"cpudist", "--json", "-O", "-L", "-p", std::to_string(load.pid()), "1", "1"});
  load.release();
  EXPECT_EQ(t.wait(), 0) << t.err();
  const auto hists = hist_objects(t.lines());
  ASSERT_GT(hists.size(), 1u) << "one histogram per contending thread";
  for (const auto& j : hists) {
    EXPECT_EQ(j["offcpu"], true);
    EXPECT_TRUE(buckets_sum_to_total(j));
    EXPECT_TRUE(j.contains("tid"));
  }
}

TEST(Cpudist, PidFilterAndText) {
  RT_REQUIRE_BPF();
  Child load([] { return contend(2); });
  Tool t({"cpudist", "-P", "-p", std::to_string(load.pid()), "1", "1"});
  load.release();
  EXPECT_EQ(t.wait(), 0) << t.err();
  int keys = 0;
  bool header = false;
  for (const auto& l : t.lines()) {
    if (l.rfind("pid = ", 0) == 0) {
      keys++;
      EXPECT_EQ(fields(l).at(2), std::to_string(load.pid())) << l;
    }
    header |= l == "     usecs               : count    distribution";
  }
  EXPECT_EQ(keys, 1) << ::testing::PrintToString(t.lines());
  EXPECT_TRUE(header);
}

}  // namespace
}  // namespace rt
