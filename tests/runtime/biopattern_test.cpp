#include "aggregate_util.h"

namespace rt {
namespace {

struct Pattern {
  uint64_t random = 0, sequential = 0;
};

Pattern pattern_of(const Tool& t) {
  Pattern p;
  for (const auto& l : t.lines()) {
    const Json j = parse_json(l);
    EXPECT_EQ(j["count"].get<uint64_t>(), j["random"].get<uint64_t>() + j["sequential"].get<uint64_t>());
    p.random += j["random"].get<uint64_t>();
    p.sequential += j["sequential"].get<uint64_t>();
  }
  return p;
}

// 64 back-to-back 4 KiB reads and writes are sequential; 64 scattered ones are random.
// Other I/O on the same disk (builds, journal) adds noise, hence the majorities.
TEST(Biopattern, SequentialAndRandomRecognised) {
  RT_REQUIRE_BPF();
  with_block_io({"biopattern", "--json"}, 64, 4096, 0, [](Tool& t, const BlockTarget&, bool) {
    const Pattern p = pattern_of(t);
    if (p.random + p.sequential < 100) return false;
    EXPECT_GT(p.sequential, p.random) << ::testing::PrintToString(t.lines());
    return true;
  });
  with_block_io({"biopattern", "--json"}, 64, 4096, 64 * 1024, [](Tool& t, const BlockTarget&, bool) {
    const Pattern p = pattern_of(t);
    if (p.random + p.sequential < 100) return false;
    EXPECT_GT(p.random, p.sequential) << ::testing::PrintToString(t.lines());
    return true;
  });
}

TEST(Biopattern, TextColumns) {
  RT_REQUIRE_BPF();
  with_block_io({"biopattern", "-T"}, 16, 4096, 0, [](Tool& t, const BlockTarget&, bool) {
    bool header = false, row = false;
    for (const auto& l : t.lines()) {
      const auto f = fields(l);
      header |= f == std::vector<std::string>{"TIME", "DISK", "%RND", "%SEQ", "COUNT", "KBYTES"};
      row |= f.size() == 6 && f[0].size() == 8 && f[0][2] == ':';
    }
    return header && row;
  });
  const Result bad = run({"biopattern", "-d", "no-such-disk"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(count_lines(bad.err), 1);
}

}  // namespace
}  // namespace rt
