#include "aggregate_util.h"

namespace rt {
namespace {

TEST(Runqslower, ReportsContendingThreads) {
  RT_REQUIRE_BPF();
  const std::string comm = unique("rqs");
  Child load([] { return contend(2); }, comm);
  Tool t({"runqslower", "--json", "-P", "-p", std::to_string(load.pid()), "100"});
  load.release();
  const std::string line = t.wait_line_containing(comm, 5s);
  ASSERT_FALSE(line.empty()) << "no slow wakeup for the contending threads";
  const Json j = parse_json(line);
  EXPECT_EQ(j["pid"], load.pid());
  EXPECT_GE(j["lat_us"].get<uint64_t>(), 100u);
  EXPECT_TRUE(j.contains("prev_comm") && j.contains("prev_tid"));
  EXPECT_EQ(t.stop(), 0);
  for (const auto& l : t.lines()) {
    const Json e = parse_json(l);
    if (e.contains("type")) continue;
    EXPECT_EQ(e["pid"], load.pid()) << l;
  }
}

TEST(Runqslower, TextColumns) {
  RT_REQUIRE_BPF();
  Child load([] { return contend(1.5); });
  Tool t({"runqslower", "-p", std::to_string(load.pid()), "50"});
  EXPECT_EQ(fields(t.lines().at(0)), (std::vector<std::string>{"TIME", "COMM", "TID", "LAT(us)"}));
  load.release();
  const auto f = fields(t.wait_line([](const std::string& l) { return l.find(':') == 2; }, 5s));
  ASSERT_EQ(f.size(), 4u);
  EXPECT_GE(std::stoul(f[3]), 50u);
  t.stop();
}

TEST(Runqslower, BadThreshold) {
  const Result r = run({"runqslower", "abc"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
}

}  // namespace
}  // namespace rt
