#include "harness.h"

#include <bpf/bpf.h>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace rt {
namespace {

int child_report_fd = -1;

using Clock = std::chrono::steady_clock;

std::string self_dir() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return ".";
  buf[n] = 0;
  return std::filesystem::path(buf).parent_path();
}

void write_all(int fd, const char* p, std::size_t n) {
  while (n) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

std::string read_all(int fd) {
  std::string s;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    s.append(buf, static_cast<std::size_t>(n));
  }
  return s;
}

// Which syscall a process is blocked in (/proc/PID/syscall), or -1.
long blocked_syscall(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/syscall");
  std::string first;
  if (!(f >> first) || first == "running") return -1;
  try {
    return std::stol(first);
  } catch (...) {
    return -1;
  }
}

}  // namespace

std::string corebox() {
  if (const char* env = std::getenv("COREBOX"); env && *env) return env;
  return self_dir() + "/corebox";
}

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

std::string helper(const std::string& name) {
  const std::string p = self_dir() + "/" + name;
  return access(p.c_str(), X_OK) == 0 ? p : "";
}

bool can_load_bpf() { return geteuid() == 0; }

std::string temp_dir() {
  static std::string dir = [] {
    std::string base = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
    std::string tmpl = base + "/corebox-rt-XXXXXX";
    if (!mkdtemp(tmpl.data())) return base;
    const std::string made = tmpl;
    std::atexit([] {});
    return made;
  }();
  return dir;
}

std::string unique(const std::string& prefix) {
  static unsigned counter = 0;
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s%x%x", prefix.c_str(), static_cast<unsigned>(getpid()) & 0xfffff, counter++);
  return buf;
}

std::string comm_of(const std::string& path) {
  std::string base = std::filesystem::path(path).filename();
  return base.substr(0, 15);
}

// ---- Child ----------------------------------------------------------------------------

Child::Child(std::function<int()> body, std::string comm) {
  int go[2], back[2];
  if (pipe2(go, O_CLOEXEC) != 0 || pipe2(back, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  pid_ = fork();
  if (pid_ == 0) {
    // Close every other descriptor (other Children's release pipes included), so that no
    // child holds the write end of another child's release pipe open.
    for (int fd = 3; fd < 1024; fd++)
      if (fd != go[0] && fd != back[1]) ::close(fd);
    child_report_fd = back[1];
    if (!comm.empty()) prctl(PR_SET_NAME, comm.c_str());
    char c;
    while (::read(go[0], &c, 1) < 0 && errno == EINTR) {
    }
    _exit(body());
  }
  ::close(go[0]);
  ::close(back[1]);
  go_ = go[1];
  back_ = back[0];
}

pid_t missing_pid() {
  Child c([] { return 0; });
  c.wait();
  return c.pid();
}

Child::~Child() {
  if (!waited_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (go_ >= 0) ::close(go_);
  if (back_ >= 0) ::close(back_);
}

void Child::release() {
  if (go_ >= 0) {
    ::close(go_);  // EOF releases the child
    go_ = -1;
  }
}

int Child::wait() {
  release();
  const auto deadline = Clock::now() + 10s;
  int status = 0;
  for (;;) {
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) break;
    if (Clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      waited_ = true;
      return -1;
    }
    std::this_thread::sleep_for(2ms);
  }
  waited_ = true;
  reported_ = read_all(back_);
  return status;
}

void Child::report(const std::string& s) { write_all(child_report_fd, s.data(), s.size()); }

// ---- Tool -----------------------------------------------------------------------------

Tool::Tool(std::vector<std::string> args, Options opts) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  const std::string bin = corebox();
  pid_ = fork();
  if (pid_ == 0) {
    if (!opts.stdout_path.empty()) {
      const int fd = ::open(opts.stdout_path.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0 || dup2(fd, 1) < 0) _exit(125);
    } else {
      dup2(out[1], 1);
    }
    dup2(err[1], 2);
    if (opts.uid) {
      // From root to another uid: the kernel clears all capabilities.
      setgroups(0, nullptr);
      if (setresgid(65534, 65534, 65534) != 0 || setresuid(opts.uid, opts.uid, opts.uid) != 0) _exit(126);
    }
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>("corebox"));
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  out_ = out[0];
  errfd_ = err[0];
  fcntl(out_, F_SETFL, O_NONBLOCK);
  fcntl(errfd_, F_SETFL, O_NONBLOCK);
  if (opts.wait_attached) wait_attached();
}

Tool::~Tool() {
  if (!exited_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_ >= 0) ::close(out_);
  if (errfd_ >= 0) ::close(errfd_);
}

void Tool::pump(std::chrono::milliseconds timeout) {
  pollfd p[2] = {{out_, POLLIN, 0}, {errfd_, POLLIN, 0}};
  if (::poll(p, 2, static_cast<int>(timeout.count())) <= 0) return;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(out_, buf, sizeof(buf));
    if (n <= 0) break;
    out_buf_.append(buf, static_cast<std::size_t>(n));
  }
  for (;;) {
    const ssize_t n = ::read(errfd_, buf, sizeof(buf));
    if (n <= 0) break;
    err_.append(buf, static_cast<std::size_t>(n));
  }
  std::size_t nl;
  while ((nl = out_buf_.find('\n')) != std::string::npos) {
    lines_.push_back(out_buf_.substr(0, nl));
    out_buf_.erase(0, nl + 1);
  }
}

void Tool::scan_bpf_fds() {
  const std::string dir = "/proc/" + std::to_string(pid_) + "/fd";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::error_code lec;
    const std::string target = std::filesystem::read_symlink(entry.path(), lec);
    std::vector<uint32_t>* ids = nullptr;
    const char* key = nullptr;
    if (target == "anon_inode:bpf-prog") ids = &prog_ids_, key = "prog_id:";
    else if (target == "anon_inode:bpf_link") ids = &link_ids_, key = "link_id:";
    else if (target == "anon_inode:bpf-map") ids = &map_ids_, key = "map_id:";
    if (!ids) continue;
    std::ifstream info("/proc/" + std::to_string(pid_) + "/fdinfo/" + entry.path().filename().string());
    std::string k;
    while (info >> k) {
      if (k == key) {
        uint32_t id;
        if (info >> id) ids->push_back(id);
        break;
      }
    }
  }
}

bool Tool::wait_attached(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    pump(0ms);
    int status;
    if (!exited_ && waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      status_ = status;
    }
    if (exited_) return false;
    // The event loop starts (epoll_wait, 232; epoll_pwait, 281) only after every
    // program is attached and the header printed.
    const long nr = blocked_syscall(pid_);
    if (nr == 232 || nr == 281) {
      scan_bpf_fds();
      pump(0ms);  // the header was written before the loop started: take it in now
      return true;
    }
    std::this_thread::sleep_for(2ms);
  }
  return false;
}

std::string Tool::wait_line(const std::function<bool(const std::string&)>& pred, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    for (; consumed_ < lines_.size(); consumed_++)
      if (pred(lines_[consumed_])) return lines_[consumed_++];
    if (Clock::now() >= deadline) return "";
    if (exited_) {
      pump(0ms);
      if (consumed_ >= lines_.size()) return "";
      continue;
    }
    pump(20ms);
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      status_ = status;
    }
  }
}

void Tool::signal(int sig) {
  if (!exited_) kill(pid_, sig);
}

int Tool::wait(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!exited_) {
    pump(10ms);
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      status_ = status;
    } else if (Clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status_, 0);
      exited_ = true;
      ADD_FAILURE() << "corebox did not exit in time; killed";
    }
  }
  // Drain what is left in the pipes.
  for (int i = 0; i < 100; i++) {
    const std::size_t before = out_buf_.size() + err_.size() + lines_.size();
    pump(0ms);
    if (out_buf_.size() + err_.size() + lines_.size() == before) break;
  }
  if (!out_buf_.empty()) lines_.push_back(std::exchange(out_buf_, ""));
  if (WIFEXITED(status_)) return WEXITSTATUS(status_);
  return 128 + WTERMSIG(status_);
}

::testing::AssertionResult Tool::nothing_left_loaded() {
  if (!exited_) return ::testing::AssertionFailure() << "still running";
  if (prog_ids_.empty()) return ::testing::AssertionFailure() << "no BPF program was seen while it ran";
  const auto deadline = Clock::now() + 5s;
  std::string left;
  do {
    left.clear();
    const auto check = [&](const std::vector<uint32_t>& ids, int (*get)(__u32), const char* what) {
      for (uint32_t id : ids) {
        const int fd = get(id);
        if (fd >= 0) {
          ::close(fd);
          left += std::string(" ") + what + " " + std::to_string(id);
        }
      }
    };
    check(prog_ids_, bpf_prog_get_fd_by_id, "prog");
    check(link_ids_, bpf_link_get_fd_by_id, "link");
    check(map_ids_, bpf_map_get_fd_by_id, "map");
    if (left.empty()) return ::testing::AssertionSuccess();
    std::this_thread::sleep_for(20ms);
  } while (Clock::now() < deadline);
  return ::testing::AssertionFailure() << "still loaded after exit:" << left;
}

Result run(std::vector<std::string> args, Tool::Options opts, std::chrono::milliseconds timeout) {
  opts.wait_attached = false;
  Tool t(std::move(args), opts);
  Result r;
  r.code = t.wait(timeout);
  for (const auto& l : t.lines()) r.out += l + "\n";
  r.err = t.err();
  return r;
}

std::vector<std::string> fields(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> f;
  std::string w;
  while (in >> w) f.push_back(w);
  return f;
}

Json parse_json(const std::string& line) {
  try {
    return Json::parse(line);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "invalid JSON: " << e.what() << "\n  line: " << line;
    return Json();
  }
}

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  if (!s.empty() && s.back() != '\n') n++;
  return n;
}

}  // namespace rt
