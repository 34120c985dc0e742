#pragma once
#include <bpf/libbpf.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <vector>

#include "base/fd.h"

namespace corebox::output {
class Writer;
}

namespace corebox::runtime {

// The one event loop: ring buffers, SIGINT/SIGTERM (signalfd) and a timer (timerfd) for
// intervals and the duration, on one epoll set. Ring buffers are drained on wakeups and
// at least every kFlushMs, because the BPF side wakes the loop only once per quarter ring
// written (bpf/corebox/event.bpf.h).
class EventLoop {
 public:
  static constexpr int kFlushMs = 20;
  using RawHandler = std::function<void(const void* data, std::size_t size)>;

  explicit EventLoop(output::Writer& out);
  ~EventLoop();

  // Handlers return nothing: an event can never stop consumption by accident.
  void add_ring(int map_fd, RawHandler handler);
  // Calls tick every interval_s (may be 0: no ticks) and stops after duration_s (0: never)
  // or after `count` ticks (0: unlimited).
  void set_timers(double interval_s, uint64_t count, double duration_s, std::function<void()> tick = {});
  // Runs until a signal, the duration, the tick count, or a closed stdout. Returns the
  // signal number that stopped it, or 0.
  int run();
  uint64_t events() const { return events_; }

 private:
  static int on_sample(void* ctx, void* data, std::size_t size);
  void drain();

  output::Writer& out_;
  Fd epoll_, signal_, timer_;
  RingBuffer rb_;
  std::vector<std::unique_ptr<RawHandler>> handlers_;
  std::exception_ptr pending_;
  uint64_t events_ = 0;
  double interval_s_ = 0, duration_s_ = 0;
  uint64_t count_ = 0;
  std::function<void()> tick_;
};

// Blocks SIGINT and SIGTERM (so the loop's signalfd gets them) and ignores SIGPIPE
// (a closed stdout shows up as EPIPE). Called once, first thing in main.
void block_signals();

}  // namespace corebox::runtime
