#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <thread>

#include "harness.h"

namespace rt {
namespace {

// A child that waits for SIGUSR1 (blocked, taken with sigwait) and exits 0 on it.
Child usr1_waiter() {
  Child c([] {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, nullptr);
    Child::report("ready");
    int sig = 0;
    sigwait(&set, &sig);
    return sig == SIGUSR1 ? 0 : 1;
  });
  c.release();
  std::this_thread::sleep_for(200ms);  // it blocks SIGUSR1 before the sender sends
  return c;
}

// A child named `comm` that sends `sig` to `target` and reports kill()'s errno.
Child sender(pid_t target, int sig, const std::string& comm) {
  return Child(
      [target, sig] {
        const int r = ::kill(target, sig);
        Child::report(std::to_string(r < 0 ? errno : 0));
        return 0;
      },
      comm);
}

void expect_usr1(const std::string& tool_name, const std::vector<std::string>& extra) {
  const std::string comm = unique("cbs");
  std::vector<std::string> args{tool_name};
  args.insert(args.end(), extra.begin(), extra.end());
  Tool t(args);
  EXPECT_EQ(fields(t.lines().at(0)), (std::vector<std::string>{"TIME", "PID", "COMM", "SIG", "TPID", "RESULT"}));
  Child target = usr1_waiter();
  Child s = sender(target.pid(), SIGUSR1, comm);
  s.wait();
  EXPECT_EQ(s.reported(), "0");
  EXPECT_EQ(WEXITSTATUS(target.wait()), 0);
  const auto f = fields(t.wait_line_containing(comm));
  ASSERT_EQ(f.size(), 6u);
  EXPECT_EQ(f[1], std::to_string(s.pid()));
  EXPECT_EQ(f[2], comm);
  EXPECT_EQ(f[3], std::to_string(SIGUSR1));
  EXPECT_EQ(f[4], std::to_string(target.pid()));
  EXPECT_EQ(f[5], "0");
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Sigsnoop, KillReportedWithBothPidsAndSignal) {
  RT_REQUIRE_BPF();
  expect_usr1("sigsnoop", {});
}

TEST(Sigsnoop, KillsnoopAliasSeesKill) {
  RT_REQUIRE_BPF();
  expect_usr1("killsnoop", {});
}

TEST(Sigsnoop, FailedKillShowsEsrch) {
  RT_REQUIRE_BPF();
  for (const std::string tool_name : {"sigsnoop", "killsnoop"}) {
    const std::string comm = unique("cbf"), ok = unique("cbk");
    const pid_t gone = missing_pid();
    Tool t({tool_name, "-x", "--json"});
    Child target = usr1_waiter();
    Child good = sender(target.pid(), SIGUSR1, ok);
    good.wait();
    target.wait();
    Child bad = sender(gone, SIGUSR1, comm);
    bad.wait();
    EXPECT_EQ(bad.reported(), std::to_string(ESRCH));
    const std::string line = t.wait_line_containing(comm);
    ASSERT_FALSE(line.empty()) << tool_name;
    const Json j = parse_json(line);
    EXPECT_EQ(j["pid"], bad.pid());
    EXPECT_EQ(j["tpid"], gone);
    EXPECT_EQ(j["sig"], SIGUSR1);
    EXPECT_EQ(j["sig_name"], "SIGUSR1");
    EXPECT_EQ(j["ret"], -ESRCH);
    EXPECT_EQ(j["error"], "ESRCH");
    EXPECT_EQ(j["syscall"], "kill");
    EXPECT_EQ(t.stop(), 0);
    for (const auto& l : t.lines()) EXPECT_EQ(l.find(ok), std::string::npos) << "success shown with -x";
  }
}

// Syscall tracepoints slow down every syscall of every process: as bcc's sigsnoop, the
// default hooks only signal_generate; -x adds the kill syscalls (their failures generate
// no signal), -k uses only them.
TEST(Sigsnoop, SyscallHooksOnlyWhereNeeded) {
  RT_REQUIRE_BPF();
  const auto hooks = [](std::vector<std::string> args) {
    args.push_back("-v");
    Tool t(args);
    t.stop();
    return t.err();
  };
  EXPECT_EQ(hooks({"sigsnoop"}).find("hook kill:"), std::string::npos);
  EXPECT_NE(hooks({"sigsnoop", "-x"}).find("hook kill:"), std::string::npos);
  EXPECT_NE(hooks({"sigsnoop", "-k"}).find("hook kill:"), std::string::npos);
}

TEST(Sigsnoop, SignalFilterAndNames) {
  RT_REQUIRE_BPF();
  const std::string comm = unique("cbn"), other = unique("cbo");
  Tool t({"sigsnoop", "-n", "-s", "usr1"});
  Child quiet([] {
    ::kill(getpid(), SIGCHLD);  // ignored by default, still generated
    return 0;
  }, other);
  quiet.wait();
  Child target = usr1_waiter();
  Child s = sender(target.pid(), SIGUSR1, comm);
  s.wait();
  target.wait();
  const auto f = fields(t.wait_line_containing(comm));
  ASSERT_EQ(f.size(), 6u);
  EXPECT_EQ(f[3], "SIGUSR1");
  t.stop();
  for (const auto& l : t.lines()) EXPECT_EQ(l.find(other), std::string::npos) << "other signal shown with -s";
}

TEST(Sigsnoop, BadSignalIsOneLine) {
  const Result r = run({"sigsnoop", "-s", "SIGNOPE"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("SIGNOPE"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rt
