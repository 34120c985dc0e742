#include <unistd.h>

#include <csignal>
#include <thread>

#include "harness.h"

namespace rt {
namespace {

// The first line of output so far containing `needle` (wait_line consumes in order).
std::string find_line(const Tool& t, const std::string& needle) {
  for (const auto& l : t.lines())
    if (l.find(needle) != std::string::npos) return l;
  return "";
}

TEST(Exitsnoop, CodeAndSignalWithAge) {
  RT_REQUIRE_BPF();
  const std::string comm_code = unique("cbe"), comm_kill = unique("cbk");
  Tool t({"exitsnoop", "--json"});
  Child coded([] { return 3; }, comm_code);
  Child killed(
      [] {
        raise(SIGKILL);
        return 0;
      },
      comm_kill);
  std::this_thread::sleep_for(300ms);  // the age to see
  coded.release();
  killed.release();
  EXPECT_EQ(WEXITSTATUS(coded.wait()), 3);
  EXPECT_EQ(WTERMSIG(killed.wait()), SIGKILL);
  t.wait_line_containing(comm_code);
  t.wait_line_containing(comm_kill, 3s);
  const Json a = parse_json(find_line(t, comm_code));
  EXPECT_EQ(a["pid"], coded.pid());
  EXPECT_EQ(a["ppid"], getpid());
  EXPECT_EQ(a["tid"], coded.pid());
  EXPECT_EQ(a["exit_code"], 3);
  EXPECT_EQ(a["signal"], 0);
  EXPECT_EQ(a["status"], "code 3");
  EXPECT_GE(a["age_s"].get<double>(), 0.25);
  EXPECT_LT(a["age_s"].get<double>(), 10.0);
  const Json b = parse_json(find_line(t, comm_kill));
  EXPECT_EQ(b["pid"], killed.pid());
  EXPECT_EQ(b["signal"], SIGKILL);
  EXPECT_EQ(b["signal_name"], "KILL");
  EXPECT_EQ(b["status"], "signal 9 (KILL)");
  EXPECT_GE(b["age_s"].get<double>(), 0.25);
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Exitsnoop, TextColumnsAndFailedOnly) {
  RT_REQUIRE_BPF();
  const std::string ok = unique("cbo"), bad = unique("cbb");
  Tool t({"exitsnoop", "-x"});
  EXPECT_EQ(fields(t.lines().at(0)),
            (std::vector<std::string>{"PCOMM", "PID", "PPID", "TID", "AGE(s)", "EXIT_CODE"}));
  Child good([] { return 0; }, ok);
  good.wait();
  Child failed([] { return 7; }, bad);
  failed.wait();
  const auto f = fields(t.wait_line_containing(bad));
  ASSERT_EQ(f.size(), 7u);
  EXPECT_EQ(f[1], std::to_string(failed.pid()));
  EXPECT_EQ(f[5] + " " + f[6], "code 7");
  t.stop();
  for (const auto& l : t.lines()) EXPECT_EQ(l.find(ok), std::string::npos) << "success shown with -x";
}

TEST(Exitsnoop, BadOptionIsOneLine) {
  const Result r = run({"exitsnoop", "-p", "abc"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
}

}  // namespace
}  // namespace rt
