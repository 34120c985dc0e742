#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <filesystem>

#include "harness.h"

namespace rt {
namespace {

// A uniquely named link to corebox-rt, which exits with the code in its arguments.
std::string unique_command() {
  const std::string path = temp_dir() + "/" + unique("cbx");
  std::filesystem::create_symlink("/proc/self/exe", path);
  // The link must point at the binary itself, not at whoever execs it.
  std::filesystem::remove(path);
  std::filesystem::create_symlink(std::filesystem::read_symlink("/proc/self/exe"), path);
  return path;
}

Child execer(const std::string& path, std::vector<std::string> args) {
  return Child([path, args] {
    std::vector<char*> argv{const_cast<char*>(path.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(path.c_str(), argv.data());
    return 99;
  });
}

TEST(Execsnoop, SeesCommandWithArgsPpidAndResult) {
  RT_REQUIRE_BPF();
  const std::string cmd = unique_command(), marker = unique("arg-");
  Tool t({"execsnoop"});
  EXPECT_EQ(fields(t.lines().at(0)), (std::vector<std::string>{"PCOMM", "PID", "PPID", "RET", "ARGS"}));
  Child c = execer(cmd, {"--rt-exit", "0", marker, "two words"});
  EXPECT_EQ(WEXITSTATUS(c.wait()), 0);
  const std::string line = t.wait_line_containing(marker);
  ASSERT_FALSE(line.empty());
  const auto f = fields(line);
  ASSERT_GE(f.size(), 8u) << line;
  EXPECT_EQ(f[0], comm_of(cmd));
  EXPECT_EQ(f[1], std::to_string(c.pid()));
  EXPECT_EQ(f[2], std::to_string(getpid()));
  EXPECT_EQ(f[3], "0");
  EXPECT_NE(line.find(cmd + " --rt-exit 0 " + marker + " two words"), std::string::npos) << line;
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Execsnoop, FailedExecWithX) {
  RT_REQUIRE_BPF();
  const std::string good = unique_command(), good_marker = unique("ok-");
  const std::string missing = temp_dir() + "/" + unique("nocmd-");
  Tool t({"execsnoop", "-x"});
  Child ok = execer(good, {"--rt-exit", "0", good_marker});
  ok.wait();
  Child bad = execer(missing, {"x"});
  EXPECT_EQ(WEXITSTATUS(bad.wait()), 99);
  const auto f = fields(t.wait_line_containing(missing));
  ASSERT_GE(f.size(), 5u);
  EXPECT_EQ(f[1], std::to_string(bad.pid()));
  EXPECT_EQ(f[3], std::to_string(-ENOENT));
  t.stop();
  for (const auto& l : t.lines()) EXPECT_EQ(l.find(good_marker), std::string::npos) << "success shown with -x";
}

TEST(Execsnoop, QuoteAndTruncation) {
  RT_REQUIRE_BPF();
  const std::string cmd = unique_command(), marker = unique("q-");
  Tool t({"execsnoop", "-q", "--max-args", "3"});
  Child c = execer(cmd, {"--rt-exit", marker, "a\"b", "dropped"});
  c.wait();
  const std::string line = t.wait_line_containing(marker);
  t.stop();
  EXPECT_NE(line.find("\"" + cmd + "\" \"--rt-exit\" \"" + marker + "\" ..."), std::string::npos) << line;
}

TEST(Execsnoop, JsonCarriesTheSameValues) {
  RT_REQUIRE_BPF();
  const std::string cmd = unique_command(), marker = unique("js-");
  Tool t({"execsnoop", "--json", "-U"});
  Child c = execer(cmd, {"--rt-exit", "3", marker});
  EXPECT_EQ(WEXITSTATUS(c.wait()), 3);
  const std::string line = t.wait_line_containing(marker);
  ASSERT_FALSE(line.empty());
  const Json j = parse_json(line);
  EXPECT_EQ(j["pcomm"], comm_of(cmd));
  EXPECT_EQ(j["pid"], c.pid());
  EXPECT_EQ(j["ppid"], getpid());
  EXPECT_EQ(j["ret"], 0);
  EXPECT_EQ(j["uid"], 0);
  EXPECT_EQ(j["args"], cmd + " --rt-exit 3 " + marker);
  EXPECT_EQ(j["truncated"], false);
  EXPECT_EQ(t.stop(), 0);
  const Json summary = parse_json(t.lines().back());
  EXPECT_EQ(summary["type"], "summary");
  EXPECT_EQ(summary["lost_events"], 0);
}

TEST(Execsnoop, NameFilterMatchesNewCommand) {
  RT_REQUIRE_BPF();
  const std::string cmd = unique_command(), other = unique_command(), marker = unique("n-");
  Tool t({"execsnoop", "-n", comm_of(cmd).substr(3)});
  Child skipped = execer(other, {"--rt-exit", "0", marker + "skip"});
  skipped.wait();
  Child c = execer(cmd, {"--rt-exit", "0", marker});
  c.wait();
  ASSERT_FALSE(t.wait_line_containing(marker).empty());
  t.stop();
  for (const auto& l : t.lines()) EXPECT_EQ(l.find(marker + "skip"), std::string::npos);
}

// The documented upper bound loads on every kernel (it hit the verifier's instruction
// limit, and took 100+ ms to verify, with the per-argument copy inline in the loop).
TEST(Execsnoop, SixtyArgumentsLoadAndShow) {
  RT_REQUIRE_BPF();
  const std::string cmd = unique_command(), marker = unique("max-");
  Tool t({"execsnoop", "--max-args", "60", "--json"});
  std::vector<std::string> args = {"--rt-exit", "0", marker};
  for (int i = 3; i < 70; i++) args.push_back("a" + std::to_string(i));
  Child c = execer(cmd, args);
  c.wait();
  const std::string line = t.wait_line_containing(marker);
  ASSERT_FALSE(line.empty());
  const Json j = parse_json(line);
  const std::string shown = j["args"];
  // argv[0] and 59 arguments: up to a58, not a59, and marked as cut.
  EXPECT_TRUE(shown.ends_with(" a57 a58 ...")) << shown;
  EXPECT_EQ(j["truncated"], true);
  t.stop();
}

TEST(Execsnoop, DurationExitsByItself) {
  RT_REQUIRE_BPF();
  const Result r = run({"execsnoop", "-d", "1"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("execsnoop: "), std::string::npos);
}

}  // namespace
}  // namespace rt
