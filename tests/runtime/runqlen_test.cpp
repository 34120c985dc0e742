#include <sstream>

#include "aggregate_util.h"

namespace rt {
namespace {

TEST(Runqlen, SampledHistogramOverTwoSeconds) {
  RT_REQUIRE_BPF();
  Child load([] { return contend(2.5); });
  Tool t({"runqlen", "--json", "2", "1"});
  load.release();
  EXPECT_EQ(t.wait(), 0) << t.err();
  const auto hists = hist_objects(t.lines());
  ASSERT_EQ(hists.size(), 1u) << ::testing::PrintToString(t.lines());
  EXPECT_TRUE(buckets_sum_to_total(hists[0]));
  // 99 Hz on every CPU for 2 s.
  EXPECT_GT(hists[0]["total"].get<uint64_t>(), 100u);
  bool queued = false;
  for (const auto& b : hists[0]["buckets"]) queued |= b["low"].get<uint64_t>() > 0 && b["count"].get<uint64_t>() > 0;
  EXPECT_TRUE(queued) << "contention must show a non-empty run queue: " << hists[0].dump();
}

TEST(Runqlen, PerCpuTextAndOccupancy) {
  RT_REQUIRE_BPF();
  Child load([] { return contend(3); });
  load.release();
  const Result text = run({"runqlen", "-C", "1", "1"});
  EXPECT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("cpu = 0\n     runqlen       : count     distribution\n"), std::string::npos) << text.out;
  const Result occ = run({"runqlen", "-O", "-C", "--json", "1", "1"});
  EXPECT_EQ(occ.code, 0) << occ.err;
  std::istringstream in(occ.out);
  std::string l;
  int cpus = 0;
  while (std::getline(in, l)) {
    const Json j = parse_json(l);
    EXPECT_GE(j["runqocc_pct"].get<double>(), 0.0);
    EXPECT_LE(j["runqocc_pct"].get<double>(), 100.0);
    cpus++;
  }
  EXPECT_GE(cpus, 1);
}

}  // namespace
}  // namespace rt
