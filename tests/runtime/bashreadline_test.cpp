#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "harness.h"

namespace rt {
namespace {

// Runs an interactive bash on a pty and types `line`, then exit. Returns bash's pid.
pid_t type_into_bash(const std::string& line) {
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid == 0) {
    execl("/bin/bash", "bash", "--norc", "--noprofile", "-i", static_cast<char*>(nullptr));
    _exit(127);
  }
  if (pid < 0) return -1;
  auto drain = [master](std::chrono::milliseconds d) {
    const auto end = std::chrono::steady_clock::now() + d;
    char buf[4096];
    fcntl(master, F_SETFL, O_NONBLOCK);
    while (std::chrono::steady_clock::now() < end) {
      if (::read(master, buf, sizeof(buf)) <= 0) std::this_thread::sleep_for(20ms);
    }
  };
  drain(500ms);  // the prompt
  const std::string typed = line + "\n";
  (void)!::write(master, typed.data(), typed.size());
  drain(300ms);
  (void)!::write(master, "exit\n", 5);
  drain(200ms);
  int status;
  for (int i = 0; i < 50 && waitpid(pid, &status, WNOHANG) == 0; i++) std::this_thread::sleep_for(50ms);
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  ::close(master);
  return pid;
}

TEST(Bashreadline, TypedCommandReported) {
  RT_REQUIRE_BPF();
  if (access("/bin/bash", X_OK) != 0) GTEST_SKIP() << "no /bin/bash here";
  const std::string marker = "echo " + unique("typed-");
  Tool t({"bashreadline"});
  EXPECT_EQ(fields(t.lines().at(0)), (std::vector<std::string>{"TIME", "PID", "COMMAND"}));
  const pid_t bash = type_into_bash(marker);
  const std::string line = t.wait_line_containing(marker);
  ASSERT_FALSE(line.empty()) << t.err();
  const auto f = fields(line);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[1], std::to_string(bash));
  EXPECT_EQ(f[2] + " " + f[3], marker);
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Bashreadline, JsonCarriesTheCommand) {
  RT_REQUIRE_BPF();
  if (access("/bin/bash", X_OK) != 0) GTEST_SKIP() << "no /bin/bash here";
  const std::string marker = "echo " + unique("json-");
  Tool t({"bashreadline", "--json"});
  const pid_t bash = type_into_bash(marker);
  const Json j = parse_json(t.wait_line_containing(marker));
  EXPECT_EQ(j["command"], marker);
  EXPECT_EQ(j["pid"], bash);
  EXPECT_EQ(j["comm"], "bash");
  t.stop();
}

TEST(Bashreadline, MissingShellIsOneLine) {
  RT_REQUIRE_BPF();
  const Result r = run({"bashreadline", "-s", "/nonexistent/bash"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("/nonexistent/bash"), std::string::npos) << r.err;
}

TEST(Bashreadline, StrippedShellIsOneLine) {
  RT_REQUIRE_BPF();
  // An ELF without symbols: corebox itself is built with -s.
  const Result r = run({"bashreadline", "-s", corebox()});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("readline"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rt
