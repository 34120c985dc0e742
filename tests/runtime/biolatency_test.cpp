#include <sys/stat.h>

#include <fstream>

#include "aggregate_util.h"

namespace rt {
namespace {

// Where O_DIRECT I/O fires block request tracepoints: a file on a block-backed file
// system, else /dev/nullb0 (null_blk, in the VM guests).
struct BlockTarget {
  std::string path;
  bool device = false;
};

// Runs `io` on the target; the tool's output must show at least `min_ios` requests. The
// file system is tried first; /dev/nullb0 when that showed nothing.
template <class Check>
void with_block_io(const std::vector<std::string>& args, int blocks, size_t size, size_t stride, Check check) {
  std::vector<BlockTarget> targets;
  if (const std::string d = block_backed_dir(); !d.empty()) targets.push_back({d + "/" + unique("bio-"), false});
  if (access("/dev/nullb0", W_OK) == 0) targets.push_back({"/dev/nullb0", true});
  if (targets.empty()) GTEST_SKIP() << "no block-backed file system and no /dev/nullb0";
  for (const auto& tgt : targets) {
    // The file exists (and is allocated) before tracing, so the traced I/O is ours.
    if (!tgt.device) ASSERT_TRUE(direct_io(tgt.path, true, blocks, size, stride)) << tgt.path;
    Tool t(args);
    const bool ok = direct_io(tgt.path, true, blocks, size, stride, false) &&
                    direct_io(tgt.path, false, blocks, size, stride, false);
    if (!tgt.device) unlink(tgt.path.c_str());
    if (!ok) continue;  // O_DIRECT refused here: try the next target
    EXPECT_EQ(t.stop(), 0) << t.err();
    if (check(t, tgt, false)) return;
  }
  GTEST_SKIP() << "no block requests seen for O_DIRECT I/O on any target";
}

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
