#pragma once
#include <cstdint>
#include <functional>
#include <map>

#include "base/fd.h"

namespace corebox::runtime {

// The one epoll loop of a host: file descriptors with callbacks (ring buffers, timers),
// SIGINT/SIGTERM through a signalfd, and a periodic callback every kTickMs while anything
// asks for it (ring buffers are drained at least that often, because the BPF side wakes
// the loop only once per quarter ring written: bpf/corebox/event.bpf.h).
class EventLoop {
 public:
  static constexpr int kTickMs = 20;

  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  void watch(int fd, std::function<void()> ready);
  void unwatch(int fd);
  // Called after every wakeup, and every kTickMs while `periodic` (ring buffers).
  void set_tick(std::function<void()> tick) { tick_ = std::move(tick); }
  void set_periodic(bool on) { periodic_ = on; }
  // Runs until stop() or a stop signal; returns the signal number, or 0.
  int run();
  void stop() { stopped_ = true; }

 private:
  Fd epoll_, signal_;
  std::map<int, std::function<void()>> fds_;
  std::function<void()> tick_;
  bool periodic_ = false, stopped_ = false;
};

// A timerfd: periodic (interval) or one-shot (a duration).
class Timer {
 public:
  Timer(double first_s, double period_s);
  int fd() const { return fd_.get(); }
  // Expirations since the last read (0 if none).
  uint64_t read();

 private:
  Fd fd_;
};

// Blocks SIGINT and SIGTERM (so the loop's signalfd gets them) and ignores SIGPIPE
// (a closed stdout shows up as EPIPE). Called once, first thing in main.
void block_signals();

double monotonic_s();

}  // namespace corebox::runtime
