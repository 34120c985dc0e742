#include <unistd.h>

#include "harness.h"

namespace rt {
namespace {

bool have_libc() {
  return access("/lib/x86_64-linux-gnu/libc.so.6", R_OK) == 0 ||
         access("/lib64/libc.so.6", R_OK) == 0 ||
         access("/usr/lib64/libc.so.6", R_OK) == 0;
}

Child run_helper(const std::string &bin) {
  return Child([bin] {
    execl(bin.c_str(), "corebox-rt-thread", "1500",
          static_cast<char *>(nullptr));
    return 99;
  });
}

TEST(Threadsnoop, StartRoutineSymbolized) {
  RT_REQUIRE_BPF();
  const std::string bin = helper("corebox-rt-thread");
  if (bin.empty())
    GTEST_SKIP() << "no corebox-rt-thread helper next to corebox-rt";
  if (!have_libc())
    GTEST_SKIP() << "no libc.so.6 here";
  Tool t({"threadsnoop", "--json"});
  Child c = run_helper(bin);
  c.release();
  const std::string line =
      t.wait_line_containing("\"pid\":" + std::to_string(c.pid()) + ",");
  ASSERT_FALSE(line.empty()) << t.err();
  const Json j = parse_json(line);
  EXPECT_EQ(j["func"], "corebox_rt_thread_start");
  EXPECT_EQ(j["comm"], "corebox-rt-thre");
  EXPECT_EQ(j["tid"], c.pid()); // the main thread creates it
  EXPECT_GT(j["addr"].get<uint64_t>(), 0u);
  EXPECT_EQ(WEXITSTATUS(c.wait()), 0);
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Threadsnoop, TextColumns) {
  RT_REQUIRE_BPF();
  const std::string bin = helper("corebox-rt-thread");
  if (bin.empty())
    GTEST_SKIP() << "no corebox-rt-thread helper next to corebox-rt";
  if (!have_libc())
    GTEST_SKIP() << "no libc.so.6 here";
  Tool t({"threadsnoop"});
  EXPECT_EQ(
      fields(t.lines().at(0)),
      (std::vector<std::string>{"TIME(ms)", "PID", "TID", "COMM", "FUNC"}));
  Child c = run_helper(bin);
  c.release();
  const auto f = fields(t.wait_line([&](const std::string &l) {
    return l.find(" " + std::to_string(c.pid()) + " ") != std::string::npos;
  }));
  ASSERT_EQ(f.size(), 5u) << t.err();
  EXPECT_EQ(f[3], "corebox-rt-thre");
  EXPECT_EQ(f[4], "corebox_rt_thread_start");
  c.wait();
  t.stop();
}

TEST(Threadsnoop, MissingLibcIsOneLine) {
  RT_REQUIRE_BPF();
  const Result r = run({"threadsnoop", "--libc", "/nonexistent/libc.so.6"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
}

} // namespace
} // namespace rt
