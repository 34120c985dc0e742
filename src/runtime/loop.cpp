#include "runtime/loop.h"

#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <ctime>

#include "base/error.h"
#include "output/writer.h"

namespace corebox::runtime {
namespace {

sigset_t stop_signals() {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  sigaddset(&s, SIGTERM);
  return s;
}

double now_s() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

itimerspec timer_spec(double first_s, double period_s) {
  const auto to_ts = [](double s) {
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(s);
    ts.tv_nsec = static_cast<long>((s - std::floor(s)) * 1e9);
    return ts;
  };
  return {to_ts(period_s), to_ts(first_s)};
}

}  // namespace

void block_signals() {
  const sigset_t s = stop_signals();
  sigprocmask(SIG_BLOCK, &s, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

EventLoop::EventLoop(output::Writer& out) : out_(out) {
  epoll_ = Fd(epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_) throw Error("epoll_create1", errno);
  const sigset_t s = stop_signals();
  signal_ = Fd(signalfd(-1, &s, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!signal_) throw Error("signalfd", errno);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u32 = 1;
  epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, signal_.get(), &ev);
}

EventLoop::~EventLoop() = default;

int EventLoop::on_sample(void* ctx, void* data, std::size_t size) {
  auto* h = static_cast<RawHandler*>(ctx);
  (*h)(data, size);
  return 0;
}

void EventLoop::add_ring(int map_fd, RawHandler handler) {
  handlers_.push_back(std::make_unique<RawHandler>(
      [this, h = std::move(handler)](const void* data, std::size_t size) {
        if (pending_) return;
        try {
          events_++;
          h(data, size);
        } catch (...) {
          pending_ = std::current_exception();  // rethrown outside libbpf's C frames
        }
      }));
  RawHandler* h = handlers_.back().get();
  if (!rb_) {
    rb_.reset(ring_buffer__new(map_fd, &EventLoop::on_sample, h, nullptr));
    if (!rb_) throw Error("create ring buffer consumer", errno);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = 2;
    epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, ring_buffer__epoll_fd(rb_.get()), &ev);
  } else if (ring_buffer__add(rb_.get(), map_fd, &EventLoop::on_sample, h) != 0) {
    throw Error("add ring buffer", errno);
  }
}

void EventLoop::set_timers(double interval_s, uint64_t count, double duration_s, std::function<void()> tick) {
  interval_s_ = interval_s;
  count_ = count;
  duration_s_ = duration_s;
  tick_ = std::move(tick);
}

void EventLoop::drain() {
  if (rb_) ring_buffer__consume(rb_.get());
  if (pending_) std::rethrow_exception(std::exchange(pending_, nullptr));
  out_.flush();
}

int EventLoop::run() {
  const double start = now_s();
  const double deadline = duration_s_ > 0 ? start + duration_s_ : 0;
  if (interval_s_ > 0 || deadline) {
    timer_ = Fd(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
    if (!timer_) throw Error("timerfd_create", errno);
    const double first = interval_s_ > 0 ? interval_s_ : duration_s_;
    const itimerspec spec = timer_spec(deadline && duration_s_ < first ? duration_s_ : first, interval_s_);
    timerfd_settime(timer_.get(), 0, &spec, nullptr);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = 3;
    epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, timer_.get(), &ev);
  }
  uint64_t ticks = 0;
  epoll_event evs[4];
  for (;;) {
    const int n = epoll_wait(epoll_.get(), evs, 4, rb_ ? kFlushMs : -1);
    if (n < 0 && errno != EINTR) throw Error("epoll_wait", errno);
    drain();
    if (out_.broken()) return 0;
    for (int i = 0; i < n; i++) {
      if (evs[i].data.u32 == 1) {
        signalfd_siginfo si{};
        if (read(signal_.get(), &si, sizeof(si)) == sizeof(si)) {
          drain();
          return static_cast<int>(si.ssi_signo);
        }
      } else if (evs[i].data.u32 == 3) {
        uint64_t expirations = 0;
        if (read(timer_.get(), &expirations, sizeof(expirations)) != sizeof(expirations)) continue;
        if (interval_s_ > 0 && tick_) {
          tick_();
          out_.flush();
          if (count_ && ++ticks >= count_) return 0;
        }
        if (deadline && now_s() >= deadline - 1e-3) {
          drain();
          return 0;
        }
      }
    }
  }
}

}  // namespace corebox::runtime
