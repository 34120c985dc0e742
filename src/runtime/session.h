#pragma once
#include <bpf/libbpf.h>

#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "base/error.h"
#include "base/fd.h"
#include "bpf/env.h"
#include "bpf/object.h"
#include "output/sink.h"
#include "output/table.h"
#include "report/generation.h"
#include "runtime/clock.h"
#include "runtime/loop.h"

namespace corebox::runtime {

class Host;
}  // namespace corebox::runtime
namespace corebox::sym {
class Symbolizer;
}
namespace corebox::runtime {

// A running tool: what it loaded, the rings and timers it listens to, and the sink its
// records go to. A tool's setup function fills a session and returns; the host runs the
// loop, and stops the session at a signal, at its duration, after its last interval, or
// when asked (the agent stopping one collector).
class Session : public bpf::Env {
 public:
  Session(Host& host, std::string tool, std::unique_ptr<output::Sink> sink);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  output::Sink& out() { return *sink_; }
  // Before setup: render this session's records in another format.
  void set_format(output::Format f);
  // The host's symbolizer, shared by its sessions.
  sym::Symbolizer& symbols();

  // Keeps an object (a skeleton, a symbolizer, the tool's state) until the session
  // ends; objects are destroyed in the reverse order of creation.
  template <class T, class... A>
  T& keep(A&&... args) {
    // A plain pointer and a deleter function: nothing more per kept type (every tool
    // keeps its own skeleton type; shared_ptr would add a control block class each).
    kept_.reserve(kept_.size() + 1);  // so that the push below cannot throw and leak p
    T* p = new T(std::forward<A>(args)...);
    kept_.push_back({p, [](void* x) { delete static_cast<T*>(x); }});
    return *p;
  }

  // A table whose header is written now.
  output::Table& table(std::vector<output::Column> columns, std::string_view metric = {},
                       output::Layout layout = output::Layout::Columns) {
    auto& t = keep<output::Table>(*sink_, std::move(columns), metric, layout);
    t.header();
    sink_->flush();
    return t;
  }

  // An event tool's ring: typed events from the object's event ring (cb_events), with
  // the events it could not reserve (cb_lost) in the summary the session ends with.
  // Events shorter than min_size are dropped and counted as lost (they would mean a
  // BPF/C++ ABI mismatch).
  template <class T, class F>
  void events(bpf::Object& obj, F&& handler, std::size_t min_size = sizeof(T)) {
    add_ring(map_fd(obj.events()), [this, h = std::forward<F>(handler), min_size](const void* data,
                                                                                std::size_t size) mutable {
      if (size < min_size) {
        malformed_++;
        return;
      }
      // The ring only guarantees 8-byte alignment, which every event struct has.
      const T& e = *static_cast<const T*>(data);
      if constexpr (std::is_invocable_v<F, const T&, std::size_t>) h(e, size);
      else h(e);
    });
    lost_map_ = obj.lost();
    summary_ = true;
  }
  // Stops the session after this long (0: never).
  void stop_after(double duration_s);

  // The generation counter of a skeleton's aggregation maps (report/generation.h):
  // flipped by the host before every interval's print, all sessions at once.
  report::Generation& generation(bpf_map* bss, const volatile void* field, const void* base) {
    auto& g = keep<report::Generation>(bss, field, base);
    generations_.push_back(&g);
    return g;
  }
  // Calls print every interval_s seconds (0: only at the end), at most `count` times
  // (0: unlimited), and once more at the end unless the last interval just printed.
  // `drops` is the skeleton's cb_hist_drops: map updates lost to a full map.
  void every(double interval_s, uint64_t count, std::function<void()> print, bpf_map* drops = nullptr);

  // Wall-clock time and time since the start for bpf_ktime_get_ns() timestamps.
  const EventClock& clock() const { return clock_; }
  double wall_time(uint64_t mono_ns) const { return clock_.wall(mono_ns); }
  double since_start(uint64_t mono_ns) const { return clock_.since_start(mono_ns); }

  // For the host.
  bool done() const { return done_; }
  // Has anything to wait for (rings, timers, a final print at a signal).
  bool waits() const;
  void finish(bool by_signal);  // final print or summary; idempotent
  void drain();                 // consume the rings
  void release();               // unload: stop listening, destroy what was kept
  void flip_generations();      // before print_interval(), for every due session at once
  bool interval_due() const { return interval_due_; }
  void print_interval();

 private:
  using RawHandler = std::function<void(const void* data, std::size_t size)>;
  static int map_fd(bpf_map* map);
  static int on_sample(void* ctx, void* data, std::size_t size);
  void add_ring(int map_fd, RawHandler handler);
  void print_now();

  Host& host_;
  std::unique_ptr<output::Sink> sink_;
  struct Kept {
    void* p;
    void (*destroy)(void*);
  };
  std::vector<Kept> kept_;
  RingBuffer rb_;
  std::vector<std::unique_ptr<RawHandler>> handlers_;
  std::exception_ptr pending_;
  uint64_t events_ = 0, malformed_ = 0;
  bpf_map* lost_map_ = nullptr;
  bool summary_ = false;

  std::unique_ptr<Timer> deadline_, interval_;
  std::vector<report::Generation*> generations_;
  std::function<void()> print_;
  bpf_map* drops_ = nullptr;
  uint64_t count_ = 0, printed_ = 0;
  double last_print_ = 0;
  bool interval_due_ = false, done_ = false, finished_ = false;
  EventClock clock_;
};

using bpf::sum_percpu_counter;

}  // namespace corebox::runtime
