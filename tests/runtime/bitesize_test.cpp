#include "aggregate_util.h"

namespace rt {
namespace {

// 64 KiB requests land in the 64 -> 127 Kbytes bucket, 4 KiB ones in 4 -> 7. Not
// filtered by PID: a request may be issued from a kworker rather than from the process
// that submitted it (seen with null_blk on 6.1); other I/O can only add counts.
TEST(Bitesize, SizesLandInTheirBuckets) {
  RT_REQUIRE_BPF();
  for (const size_t kib : {4, 64}) {
    with_block_io({"bitesize", "--json"}, 16, kib * 1024, 0, [&](Tool& t, const BlockTarget&, bool) {
      const auto hists = hist_objects(t.lines());
      uint64_t in_bucket = 0;
      for (const auto& j : hists) {
        EXPECT_TRUE(buckets_sum_to_total(j));
        EXPECT_EQ(j["unit"], "Kbytes");
        EXPECT_TRUE(j["comm"].is_string());
        for (const auto& b : j["buckets"])
          if (b["low"].get<uint64_t>() <= kib && kib <= b["high"].get<uint64_t>()) in_bucket += b["count"].get<uint64_t>();
      }
      return in_bucket >= 32;  // 16 writes and 16 reads
    });
  }
}

TEST(Bitesize, PidFilter) {
  RT_REQUIRE_BPF();
  // A process that does no I/O (a child never released): nothing may be reported for it.
  Child c([] { return 0; });
  Tool t({"bitesize", "--json", "-p", std::to_string(c.pid())});
  if (const std::string d = block_backed_dir(); !d.empty()) {
    const std::string p = d + "/" + unique("bsz-");
    direct_io(p, true, 8, 4096);
    unlink(p.c_str());
  }
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(hist_objects(t.lines()).empty()) << ::testing::PrintToString(t.lines());
}

TEST(Bitesize, TextHasProcessName) {
  RT_REQUIRE_BPF();
  with_block_io({"bitesize", "-p", std::to_string(getpid())}, 8, 8192, 0, [](Tool& t, const BlockTarget&, bool) {
    bool name = false, header = false;
    for (const auto& l : t.lines()) {
      name |= l.rfind("Process Name = ", 0) == 0;
      header |= l == "     Kbytes              : count    distribution";
    }
    return name && header;
  });
}

}  // namespace
}  // namespace rt
