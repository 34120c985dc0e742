// Runtime test harness: runs the real corebox binary against the live kernel.
// The same static binary (corebox-rt) runs on the host and inside the VM guests.
#pragma once
#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace rt {

using namespace std::chrono_literals;
using Json = nlohmann::json;

// Path of the corebox binary under test: $COREBOX, else "corebox" next to corebox-rt.
std::string corebox();
// The path of a helper program built next to corebox-rt, or "" if it is not there (the
// busybox guests have none).
std::string helper(const std::string& name);
// A fresh directory for this test, removed at exit.
std::string temp_dir();
// A name no other test or run uses (prefix + pid + counter), at most 15 bytes if short.
std::string unique(const std::string& prefix);

// Fails the test (or skips it outside CI) unless we may load BPF programs.
bool can_load_bpf();
#define RT_REQUIRE_BPF()                                                                     \
  do {                                                                                       \
    if (!::rt::can_load_bpf()) {                                                             \
      if (::rt::in_ci()) FAIL() << "cannot load BPF programs (not root?) and CI=true";      \
      GTEST_SKIP() << "needs root to load BPF programs";                                    \
    }                                                                                        \
  } while (0)
bool in_ci();

// A child process that runs `body` once released; its exit code is body's return value.
class Child {
 public:
  explicit Child(std::function<int()> body, std::string comm = {});
  ~Child();
  pid_t pid() const { return pid_; }
  void release();  // lets the body run
  int wait();      // exit status as from waitpid; -1 on timeout (then killed)
  // Bytes the body wrote with Child::report() (read after wait()).
  std::string reported() const { return reported_; }
  static void report(const std::string& s);  // from inside the body

 private:
  pid_t pid_ = -1;
  int go_ = -1, back_ = -1;
  std::string reported_;
  bool waited_ = false;
};

// A running corebox process with its stdout and stderr captured.
class Tool {
 public:
  struct Options {
    uid_t uid = 0;          // != 0: drop to this uid (and all capabilities) before exec
    bool wait_attached = true;
    std::string stdout_path;  // != "": stdout goes to this file (e.g. /dev/full), not a pipe
  };
  explicit Tool(std::vector<std::string> args) : Tool(std::move(args), Options{}) {}
  Tool(std::vector<std::string> args, Options opts);
  ~Tool();

  // True once the process holds BPF links (it is attached); false if it exited first.
  bool wait_attached(std::chrono::milliseconds timeout = 10s);
  // Reads stdout until a line satisfies pred; returns it, or "" on timeout/exit.
  std::string wait_line(const std::function<bool(const std::string&)>& pred,
                        std::chrono::milliseconds timeout = 10s);
  std::string wait_line_containing(const std::string& needle, std::chrono::milliseconds timeout = 10s) {
    return wait_line([&](const std::string& l) { return l.find(needle) != std::string::npos; }, timeout);
  }
  void signal(int sig);
  // Waits for exit (killing it after the timeout); returns the exit code, or 128+signal.
  int wait(std::chrono::milliseconds timeout = 15s);
  int stop(int sig = SIGINT) {
    signal(sig);
    return wait();
  }

  const std::vector<std::string>& lines() const { return lines_; }  // stdout, so far
  const std::string& err() const { return err_; }
  pid_t pid() const { return pid_; }
  // After exit: none of the BPF programs, links and maps this process had is still
  // in the kernel (bounded wait for the kernel's deferred frees).
  ::testing::AssertionResult nothing_left_loaded();

 private:
  void pump(std::chrono::milliseconds timeout);  // reads what is available
  void scan_bpf_fds();

  pid_t pid_ = -1;
  int out_ = -1, errfd_ = -1;
  std::string out_buf_, err_;
  std::vector<std::string> lines_;
  std::size_t consumed_ = 0;  // lines already returned by wait_line
  bool exited_ = false;
  int status_ = 0;
  std::vector<uint32_t> prog_ids_, link_ids_, map_ids_;
};

// Runs corebox to completion with the given args; returns {exit code, stdout, stderr}.
struct Result {
  int code;
  std::string out, err;
};
Result run(std::vector<std::string> args, Tool::Options opts = {}, std::chrono::milliseconds timeout = 20s);

// Splits on whitespace (text columns).
std::vector<std::string> fields(const std::string& line);
// Parses one JSON line; fails the test on invalid JSON.
Json parse_json(const std::string& line);
// Number of lines in s (stderr checks: "one line").
int count_lines(const std::string& s);

// A PID that no process has: a child's, after it was reaped.
pid_t missing_pid();

// The command name (comm) a process gets when it execs `path`: basename, 15 bytes.
std::string comm_of(const std::string& path);

}  // namespace rt
