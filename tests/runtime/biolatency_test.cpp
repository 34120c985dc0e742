#include <sys/stat.h>

#include <fstream>

#include "aggregate_util.h"

namespace rt {
namespace {

TEST(Biolatency, CountsDirectIoAndJsonAddsUp) {
  RT_REQUIRE_BPF();
  with_block_io({"biolatency", "--json"}, 32, 4096, 0, [](Tool& t, const BlockTarget&, bool) {
    const auto hists = hist_objects(t.lines());
    if (total_of(hists) < 64) return false;
    for (const auto& j : hists) EXPECT_TRUE(buckets_sum_to_total(j));
    EXPECT_EQ(hists.size(), 1u);
    EXPECT_EQ(hists.at(0)["unit"], "usecs");
    return true;
  });
}

TEST(Biolatency, PerDiskAndPerFlag) {
  RT_REQUIRE_BPF();
  with_block_io({"biolatency", "--json", "-D", "-F"}, 16, 8192, 0, [](Tool& t, const BlockTarget&, bool) {
    const auto hists = hist_objects(t.lines());
    if (total_of(hists) < 32) return false;
    bool read = false, write = false;
    for (const auto& j : hists) {
      EXPECT_TRUE(j.contains("disk") && j.contains("flags")) << j.dump();
      EXPECT_EQ(j["disk"].get<std::string>().find(':'), std::string::npos) << "disk name not resolved: " << j.dump();
      const std::string f = j["flags"];
      read |= f.size() >= 4 && f.compare(f.size() - 4, 4, "Read") == 0;
      write |= f.size() >= 5 && f.compare(f.size() - 5, 5, "Write") == 0;
    }
    EXPECT_TRUE(read && write) << ::testing::PrintToString(t.lines());
    return true;
  });
}

TEST(Biolatency, TextLayoutAndDiskFilter) {
  RT_REQUIRE_BPF();
  std::ifstream parts("/proc/partitions");
  std::string line, first_disk;
  while (std::getline(parts, line))
    if (auto f = fields(line); f.size() == 4 && f[0] != "major" && first_disk.empty()) first_disk = f[3];
  if (first_disk.empty()) GTEST_SKIP() << "no disks";
  const Result bad = run({"biolatency", "-d", "no-such-disk"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(count_lines(bad.err), 1) << bad.err;
  with_block_io({"biolatency", "-Q", "-m"}, 16, 4096, 0, [](Tool& t, const BlockTarget&, bool) {
    bool header = false;
    for (const auto& l : t.lines()) header |= l == "     msecs               : count    distribution";
    return header;
  });
}

}  // namespace
}  // namespace rt
