#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "cli/spec.h"
#include "base/error.h"
#include "bpf/features.h"
#include "runtime/loop.h"
#include "output/table.h"
#include "output/writer.h"
#include "sym/symbolizer.h"

struct bpf_map;

namespace corebox {

// Everything a tool's run() gets: the options every tool has (-v, --json, --btf), the
// kernel's features, stdout, the event loop, the clocks, and the host's symbolizer.
class Context {
 public:
  // `symbols` is the host's, shared by every session it runs, and outlives the context.
  Context(std::string tool, sym::Symbolizer& symbols);

  const std::string& tool() const { return tool_; }
  bool verbose() const { return verbose_; }
  bool json() const { return json_; }
  const std::string& btf_path() const { return btf_path_; }
  bpf::Features& features() { return *features_; }
  output::Writer& out() { return out_; }
  runtime::EventLoop& loop() { return loop_; }
  sym::Symbolizer& symbols() { return symbols_; }

  // -v, --json, --btf: added to every tool's options.
  void add_common_options(cli::SpecCore& spec);

  // A table whose header is printed now (text mode).
  output::Table table(std::vector<output::Column> columns) {
    output::Table t(out_, json_, std::move(columns));
    t.header();
    out_.flush();
    return t;
  }

  // Typed events from a ring buffer map; events shorter than min_size are dropped and
  // counted (they would mean a BPF/C++ ABI mismatch).
  template <class T, class F>
  void on_event(bpf_map* map, F&& handler, std::size_t min_size = sizeof(T)) {
    loop_.add_ring(map_fd(map), [this, h = std::forward<F>(handler), min_size](const void* data, std::size_t size) {
      if (size < min_size) {
        malformed_++;
        return;
      }
      // The ring only guarantees 8-byte alignment, which every event struct has.
      const T& e = *static_cast<const T*>(data);
      if constexpr (std::is_invocable_v<F, const T&, std::size_t>) h(e, size);
      else h(e);
    });
  }

  // Runs the event loop until Ctrl-C, SIGTERM or -d, then prints the summary line with
  // the events lost in the kernel (read from `lost_map`, the per-CPU cb_lost).
  template <class O>
  int run(const O& o, bpf_map* lost_map) {
    double d = 0;
    if constexpr (std::is_base_of_v<cli::Duration, O>) d = o.duration_s;
    return run_events(d, lost_map);
  }

  // Seconds since the epoch for a bpf_ktime_get_ns() timestamp.
  double wall_time(uint64_t mono_ns) const { return static_cast<double>(mono_ns) / 1e9 + mono_to_wall_s_; }
  // Seconds since the tool started, for a bpf_ktime_get_ns() timestamp.
  double since_start(uint64_t mono_ns) const { return (static_cast<double>(mono_ns) - start_mono_ns_) / 1e9; }

 private:
  int run_events(double duration_s, bpf_map* lost_map);
  static int map_fd(bpf_map* map);

  std::string tool_;
  bool verbose_ = false, json_ = false;
  std::string btf_path_;
  std::unique_ptr<bpf::Features> features_;
  output::Writer out_;
  runtime::EventLoop loop_;
  sym::Symbolizer& symbols_;
  uint64_t malformed_ = 0;
  double mono_to_wall_s_ = 0, start_mono_ns_ = 0;
};

// The sum of a per-CPU u64 counter at index 0 (cb_lost).
uint64_t sum_percpu_counter(bpf_map* map);

}  // namespace corebox
