#include "runtime/session.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "runtime/host.h"

namespace corebox::runtime {

Session::Session(Host& host, std::string tool, std::unique_ptr<output::Sink> sink)
    : bpf::Env(std::move(tool)), host_(host), sink_(std::move(sink)) {
  timespec mono{}, wall{};
  clock_gettime(CLOCK_MONOTONIC, &mono);
  clock_gettime(CLOCK_REALTIME, &wall);
  clock_.start_mono_ns = static_cast<double>(mono.tv_sec) * 1e9 + static_cast<double>(mono.tv_nsec);
  clock_.mono_to_wall_s = (static_cast<double>(wall.tv_sec) + wall.tv_nsec / 1e9) -
                         (static_cast<double>(mono.tv_sec) + mono.tv_nsec / 1e9);
}

Session::~Session() { release(); }

sym::Symbolizer& Session::symbols() { return host_.symbols(); }

void Session::set_format(output::Format f) { sink_ = output::make_sink(f, host_.out()); }

int Session::map_fd(bpf_map* map) {
  const int fd = bpf_map__fd(map);
  if (fd < 0) throw Error(std::string("map '") + bpf_map__name(map) + "' is not loaded", -fd);
  return fd;
}

int Session::on_sample(void* ctx, void* data, std::size_t size) {
  (*static_cast<RawHandler*>(ctx))(data, size);
  return 0;
}

void Session::add_ring(int map_fd, RawHandler handler) {
  handlers_.push_back(std::make_unique<RawHandler>([this, h = std::move(handler)](const void* data, std::size_t size) {
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
    rb_.reset(ring_buffer__new(map_fd, &Session::on_sample, h, nullptr));
    if (!rb_) throw Error("create ring buffer consumer", errno);
    host_.loop().watch(ring_buffer__epoll_fd(rb_.get()), [this] { drain(); });
    host_.loop().set_periodic(true);
  } else if (ring_buffer__add(rb_.get(), map_fd, &Session::on_sample, h) != 0) {
    throw Error("add ring buffer", errno);
  }
}

void Session::drain() {
  if (rb_) ring_buffer__consume(rb_.get());
  if (pending_) std::rethrow_exception(std::exchange(pending_, nullptr));
}

void Session::stop_after(double duration_s) {
  if (duration_s <= 0) return;
  deadline_ = std::make_unique<Timer>(duration_s, 0);
  host_.loop().watch(deadline_->fd(), [this] {
    if (deadline_->read()) finish(false);
  });
}

void Session::every(double interval_s, uint64_t count, std::function<void()> print, bpf_map* drops) {
  print_ = std::move(print);
  count_ = count;
  drops_ = drops;
  if (interval_s <= 0) return;
  interval_ = std::make_unique<Timer>(interval_s, interval_s);
  host_.loop().watch(interval_->fd(), [this] {
    if (interval_->read()) interval_due_ = true;
  });
}

bool Session::waits() const { return rb_ || deadline_ || interval_ || (print_ && !done_); }

void Session::flip_generations() {
  for (auto* g : generations_) g->flip();
}

void Session::print_now() {
  print_();
  printed_++;
  last_print_ = monotonic_s();
  sink_->flush();
}

void Session::print_interval() {
  interval_due_ = false;
  print_now();
  if (count_ && printed_ >= count_) finish(false);
}

void Session::finish(bool by_signal) {
  if (finished_) return;
  finished_ = done_ = true;
  drain();
  if (print_) {
    const bool all_done = count_ && printed_ >= count_;
    // The duration's end can coincide with an interval's: that interval is already out.
    const bool just_printed = !by_signal && printed_ && monotonic_s() - last_print_ < 0.05;
    if (!all_done && !just_printed && !host_.out().broken()) {
      flip_generations();
      if (!generations_.empty()) report::wait_for_writers();
      print_now();
    }
    sink_->flush();
    if (const uint64_t n = drops_ ? sum_percpu_counter(drops_) : 0)
      std::fprintf(stderr, "%s: %llu updates dropped: a map was full\n", tool().c_str(), static_cast<unsigned long long>(n));
  }
  if (summary_) {
    sink_->flush();
    // Events that could not be written are lost too. When writing failed, the host's
    // error line says how many (the summary could not be written anyway in JSON).
    const uint64_t unwritten = std::min(host_.out().dropped_lines(), events_ - malformed_);
    const uint64_t lost = (lost_map_ ? sum_percpu_counter(lost_map_) : 0) + malformed_ + unwritten;
    if (host_.out().error()) host_.add_unreported_lost(lost);
    else sink_->summary({tool(), events_ - malformed_ - unwritten, lost});
  }
  sink_->flush();
}

void Session::release() {
  done_ = true;
  if (rb_) host_.loop().unwatch(ring_buffer__epoll_fd(rb_.get()));
  rb_.reset();
  handlers_.clear();
  if (deadline_) host_.loop().unwatch(deadline_->fd());
  if (interval_) host_.loop().unwatch(interval_->fd());
  deadline_.reset();
  interval_.reset();
  generations_.clear();
  print_ = nullptr;
  while (!kept_.empty()) {
    const Kept k = kept_.back();
    kept_.pop_back();
    k.destroy(k.p);
  }
}

}  // namespace corebox::runtime
