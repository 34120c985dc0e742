#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fstream>

#include "harness.h"

namespace rt {
namespace {

// A child named `comm` that opens `path` once released and reports the fd it got.
Child opener(const std::string& path, const std::string& comm, int flags = O_RDONLY) {
  return Child(
      [path, flags] {
        const int fd = ::open(path.c_str(), flags, 0644);
        Child::report(std::to_string(fd));
        return 0;
      },
      comm);
}

std::string make_file() {
  const std::string path = temp_dir() + "/" + unique("open-");
  std::ofstream(path) << "x";
  return path;
}

TEST(Opensnoop, SeesOpenWithPidCommFd) {
  RT_REQUIRE_BPF();
  const std::string path = make_file(), comm = unique("cbo");
  Tool t({"opensnoop"});
  ASSERT_FALSE(t.lines().empty()) << "the header comes before the tool is attached";
  EXPECT_EQ(fields(t.lines()[0]), (std::vector<std::string>{"PID", "COMM", "FD", "ERR", "PATH"}));
  Child c = opener(path, comm);
  c.wait();
  const std::string line = t.wait_line_containing(path);
  ASSERT_FALSE(line.empty()) << "no event for " << path;
  const auto f = fields(line);
  ASSERT_EQ(f.size(), 5u) << line;
  EXPECT_EQ(f[0], std::to_string(c.pid()));
  EXPECT_EQ(f[1], comm);
  EXPECT_EQ(f[2], c.reported());
  EXPECT_EQ(f[3], "0");
  EXPECT_EQ(f[4], path);
  EXPECT_EQ(t.stop(), 0);
  EXPECT_NE(t.err().find("opensnoop: "), std::string::npos);
  EXPECT_NE(t.err().find(" lost"), std::string::npos) << t.err();
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Opensnoop, FailedOpenShowsEnoent) {
  RT_REQUIRE_BPF();
  const std::string path = temp_dir() + "/" + unique("missing-");
  Tool t({"opensnoop"});
  Child c = opener(path, unique("cbo"));
  c.wait();
  const auto f = fields(t.wait_line_containing(path));
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[0], std::to_string(c.pid()));
  EXPECT_EQ(f[2], "-1");
  EXPECT_EQ(f[3], std::to_string(ENOENT));
  t.stop();
}

TEST(Opensnoop, PidFilterExcludesOtherProcesses) {
  RT_REQUIRE_BPF();
  const std::string mine = make_file(), other = make_file();
  Child traced = opener(mine, unique("cbo")), untraced = opener(other, unique("cbo"));
  Tool t({"opensnoop", "-p", std::to_string(traced.pid())});
  untraced.wait();  // first, so its event would come before ours
  traced.wait();
  ASSERT_FALSE(t.wait_line_containing(mine).empty());
  t.stop();
  for (const auto& l : t.lines()) {
    EXPECT_EQ(l.find(other), std::string::npos) << l;
    if (l.find("PID") != 0) {
      EXPECT_EQ(fields(l)[0], std::to_string(traced.pid())) << l;
    }
  }
}

TEST(Opensnoop, FailedOnlyWithX) {
  RT_REQUIRE_BPF();
  const std::string ok = make_file(), missing = temp_dir() + "/" + unique("missing-");
  Tool t({"opensnoop", "-x"});
  Child c([&] {
    ::close(::open(ok.c_str(), O_RDONLY));
    ::open(missing.c_str(), O_RDONLY);
    return 0;
  });
  c.wait();
  ASSERT_FALSE(t.wait_line_containing(missing).empty());
  t.stop();
  for (const auto& l : t.lines()) EXPECT_EQ(l.find(ok), std::string::npos) << "success shown with -x: " << l;
}

TEST(Opensnoop, ExtendedTimestampUidColumns) {
  RT_REQUIRE_BPF();
  const std::string path = make_file();
  Tool t({"opensnoop", "-e", "-T", "-U", "-f", "O_WRONLY"});
  EXPECT_EQ(fields(t.lines().at(0)),
            (std::vector<std::string>{"TIME", "UID", "PID", "COMM", "FD", "ERR", "FLAGS", "PATH"}));
  Child reader = opener(path, unique("cbo"), O_RDONLY);
  reader.wait();
  Child writer = opener(path, unique("cbo"), O_WRONLY | O_APPEND);
  writer.wait();
  const auto f = fields(t.wait_line_containing(path));
  t.stop();
  ASSERT_EQ(f.size(), 8u);
  EXPECT_EQ(f[0].size(), 8u) << "HH:MM:SS";
  EXPECT_EQ(f[1], "0");
  EXPECT_EQ(f[2], std::to_string(writer.pid())) << "the O_RDONLY open must be filtered out";
  EXPECT_EQ(std::stoul(f[6], nullptr, 8) & (O_ACCMODE | O_APPEND), static_cast<unsigned>(O_WRONLY | O_APPEND));
}

TEST(Opensnoop, JsonCarriesTheSameValues) {
  RT_REQUIRE_BPF();
  // Quotes, a backslash, a newline and an invalid UTF-8 byte: all must stay valid JSON.
  const std::string path = temp_dir() + "/" + unique("j\"q\\b\nn\xff-");
  const std::string comm = unique("cbj");
  Tool t({"opensnoop", "--json"});
  for (const auto& l : t.lines()) EXPECT_EQ(l.front(), '{') << "no header in JSON mode";
  Child c = opener(path, comm, O_CREAT | O_WRONLY);
  c.wait();
  const std::string line = t.wait_line_containing(comm);
  ASSERT_FALSE(line.empty());
  const Json j = parse_json(line);
  EXPECT_EQ(j["pid"], c.pid());
  EXPECT_EQ(j["tid"], c.pid());
  EXPECT_EQ(j["comm"], comm);
  EXPECT_EQ(j["fd"], std::stoi(c.reported()));
  EXPECT_EQ(j["err"], 0);
  EXPECT_EQ(j["uid"], 0);
  EXPECT_EQ(j["truncated"], false);
  EXPECT_TRUE(j["ts"].is_number_float());
  std::string expected = path;
  expected.replace(expected.find('\xff'), 1, "\xef\xbf\xbd");  // U+FFFD
  EXPECT_EQ(j["path"], expected);
  EXPECT_EQ(t.stop(SIGTERM), 0);
  const Json summary = parse_json(t.lines().back());
  EXPECT_EQ(summary["type"], "summary");
  EXPECT_EQ(summary["lost_events"], 0);
  EXPECT_GE(summary["events"].get<int>(), 1);
  for (const auto& l : t.lines()) parse_json(l);
}

// A consumer that cannot keep up: the tool is stopped (SIGSTOP) while a child opens one
// path 20,000 times, about 2 MB of events for a 512 KiB ring. Every one of those opens
// must be either printed or counted as lost, and some must be lost.
TEST(Opensnoop, LostEventsAreCounted) {
  RT_REQUIRE_BPF();
  constexpr int kOpens = 20000;
  const std::string path = make_file(), comm = unique("cbl");
  Tool t({"opensnoop", "--json", "-n", comm});
  t.signal(SIGSTOP);
  Child c(
      [path] {
        for (int i = 0; i < kOpens; i++) {
          const int fd = ::open(path.c_str(), O_RDONLY);
          if (fd < 0) return 1;
          ::close(fd);
        }
        return 0;
      },
      comm);
  c.release();
  ASSERT_EQ(c.wait(), 0);
  t.signal(SIGCONT);
  EXPECT_EQ(t.stop(), 0);
  int printed = 0;
  for (const auto& l : t.lines())
    if (l.find(path) != std::string::npos) printed++;
  ASSERT_FALSE(t.lines().empty());
  const Json summary = parse_json(t.lines().back());
  ASSERT_EQ(summary["type"], "summary");
  const int lost = summary["lost_events"].get<int>();
  EXPECT_GT(lost, 0) << "a stopped consumer and 2 MB of events, but nothing lost";
  EXPECT_GT(printed, 0);
  EXPECT_EQ(summary["events"].get<int>(), printed);
  EXPECT_EQ(printed + lost, kOpens);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Opensnoop, DurationExitsByItself) {
  RT_REQUIRE_BPF();
  const auto start = std::chrono::steady_clock::now();
  const Result r = run({"opensnoop", "-d", "1"});
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_GE(took, 1s);
  EXPECT_LT(took, 10s);
  EXPECT_NE(r.err.find(" lost"), std::string::npos);
}

TEST(Opensnoop, BadArguments) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"opensnoop", "-p", "abc"}, {"opensnoop", "-d", "-1"}, {"opensnoop", "-p", "0"}, {"opensnoop", "-f", "O_BOGUS"}}) {
    const Result r = run(args);
    EXPECT_EQ(r.code, 2) << args[1] << " " << args[2];
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(args[2]), std::string::npos) << r.err;
  }
  const std::string gone = std::to_string(missing_pid());
  const Result r = run({"opensnoop", "-p", gone});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("no process with PID " + gone), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rt
