#include "runtime/loop.h"

#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <ctime>
#include <vector>

#include "base/error.h"

namespace corebox::runtime {
namespace {

sigset_t stop_signals() {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  sigaddset(&s, SIGTERM);
  return s;
}

timespec to_ts(double s) {
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(s);
  ts.tv_nsec = static_cast<long>((s - std::floor(s)) * 1e9);
  return ts;
}

}  // namespace

double monotonic_s() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

void block_signals() {
  const sigset_t s = stop_signals();
  sigprocmask(SIG_BLOCK, &s, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

EventLoop::EventLoop() {
  epoll_ = Fd(epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_) throw Error("epoll_create1", errno);
  const sigset_t s = stop_signals();
  signal_ = Fd(signalfd(-1, &s, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!signal_) throw Error("signalfd", errno);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = signal_.get();
  if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, signal_.get(), &ev) != 0) throw Error("epoll_ctl", errno);
}

EventLoop::~EventLoop() = default;

void EventLoop::watch(int fd, std::function<void()> ready) {
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = fd;
  if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &ev) != 0) throw Error("epoll_ctl", errno);
  fds_[fd] = std::move(ready);
}

void EventLoop::unwatch(int fd) {
  epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
  fds_.erase(fd);
}

int EventLoop::run() {
  stopped_ = false;
  epoll_event evs[8];
  while (!stopped_) {
    const int n = epoll_wait(epoll_.get(), evs, 8, periodic_ ? kTickMs : -1);
    if (n < 0 && errno != EINTR) throw Error("epoll_wait", errno);
    int sig = 0;
    for (int i = 0; i < n; i++) {
      const int fd = evs[i].data.fd;
      if (fd == signal_.get()) {
        signalfd_siginfo si{};
        if (read(signal_.get(), &si, sizeof(si)) == sizeof(si)) sig = static_cast<int>(si.ssi_signo);
        continue;
      }
      // A callback may unwatch fds (a session ending): look each one up again.
      if (auto it = fds_.find(fd); it != fds_.end()) {
        auto cb = it->second;
        cb();
      }
    }
    if (sig) return sig;
    if (tick_) tick_();
  }
  return 0;
}

Timer::Timer(double first_s, double period_s) {
  fd_ = Fd(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
  if (!fd_) throw Error("timerfd_create", errno);
  const itimerspec spec{to_ts(period_s), to_ts(first_s)};
  if (timerfd_settime(fd_.get(), 0, &spec, nullptr) != 0) throw Error("timerfd_settime", errno);
}

uint64_t Timer::read() {
  uint64_t n = 0;
  return ::read(fd_.get(), &n, sizeof(n)) == sizeof(n) ? n : 0;
}

}  // namespace corebox::runtime
