#include "aggregate_util.h"

namespace rt {
namespace {

TEST(Runqlat, JsonIntervalsUnderContention) {
  RT_REQUIRE_BPF();
  Child load([] { return contend(3); });
  Tool t({"runqlat", "--json", "1", "2"});
  load.release();
  EXPECT_EQ(t.wait(), 0) << t.err();
  const auto hists = hist_objects(t.lines());
  ASSERT_EQ(hists.size(), 2u) << "one object per interval";
  for (const auto& j : hists) {
    EXPECT_TRUE(buckets_sum_to_total(j));
    EXPECT_EQ(j["unit"], "usecs");
    EXPECT_TRUE(j["ts"].is_number());
  }
  EXPECT_GT(total_of(hists), 0u);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Runqlat, TextHistogramInBccLayout) {
  RT_REQUIRE_BPF();
  Child load([] { return contend(2); });
  Tool t({"runqlat", "-m", "1", "1"});
  load.release();
  EXPECT_EQ(t.wait(), 0) << t.err();
  bool header = false, rows = false;
  for (const auto& l : t.lines()) {
    header |= l == "     msecs               : count    distribution";
    rows |= l.rfind("         0 -> 1          : ", 0) == 0 && l.back() == '|';
  }
  EXPECT_TRUE(header && rows) << ::testing::PrintToString(t.lines());
}

TEST(Runqlat, PidFilterAndPerProcess) {
  RT_REQUIRE_BPF();
  // Released before `load` is forked: a child holding the other's release pipe would
  // delay it (the harness's pipes are not closed in later children).
  Child other([] { return contend(3); });
  other.release();
  Child load([] { return contend(2.5); }, unique("rql"));
  Tool t({"runqlat", "--json", "-P", "-p", std::to_string(load.pid()), "2", "1"});
  load.release();
  EXPECT_EQ(t.wait(), 0) << t.err();
  const auto hists = hist_objects(t.lines());
  ASSERT_FALSE(hists.empty()) << "no histogram for the contending process";
  for (const auto& j : hists) {
    EXPECT_EQ(j["pid"], load.pid()) << j.dump();
    EXPECT_TRUE(buckets_sum_to_total(j));
  }
}

TEST(Runqlat, PerThreadKeysAreThreads) {
  RT_REQUIRE_BPF();
  Child load([] { return contend(2); });
  Tool t({"runqlat", "--json", "-L", "-p", std::to_string(load.pid()), "1", "1"});
  load.release();
  EXPECT_EQ(t.wait(), 0) << t.err();
  const auto hists = hist_objects(t.lines());
  EXPECT_GT(hists.size(), 1u) << "one histogram per contending thread";
  for (const auto& j : hists) EXPECT_TRUE(j.contains("tid") && j.contains("comm")) << j.dump();
}

TEST(Runqlat, TwoTextIntervalsWithTimestamps) {
  RT_REQUIRE_BPF();
  Child load([] { return contend(2.5); });
  Tool t({"runqlat", "-T", "1", "2"});
  load.release();
  EXPECT_EQ(t.wait(), 0) << t.err();
  int headers = 0, stamps = 0;
  for (const auto& l : t.lines()) {
    headers += l == "     usecs               : count    distribution";
    stamps += l.size() == 8 && l[2] == ':' && l[5] == ':';
  }
  EXPECT_EQ(headers, 2) << ::testing::PrintToString(t.lines());
  EXPECT_EQ(stamps, 2);
}

TEST(Runqlat, BadArguments) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"runqlat", "-P", "-L"}, {"runqlat", "abc"}, {"runqlat", "1", "0"}, {"runqlat", "1", "2", "3"}}) {
    const Result r = run(args);
    EXPECT_EQ(r.code, 2) << args[1];
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
  }
}

}  // namespace
}  // namespace rt
