#pragma once
#include <memory>
#include <string>
#include <vector>

#include "output/sink.h"
#include "output/writer.h"
#include "runtime/loop.h"
#include "runtime/session.h"
#include "sym/symbolizer.h"

namespace corebox::runtime {

// Runs sessions on one loop: the command line runs one, the agent many. Owns the loop,
// the signals and stdout; sessions end by themselves (duration, last interval), at a
// stop signal, when stdout is closed, or when stopped.
class Host {
 public:
  explicit Host(int out_fd = 1);
  ~Host();

  // A new session whose records go to a sink of this format on the host's stdout.
  Session& open(std::string tool, output::Format format);
  // Runs until no session is left, a stop signal (every session then ends with its
  // final output) or a closed stdout. Returns the signal number, or 0.
  int run();
  // Ends one session now, with its final output, and unloads it.
  void stop(Session& s);

  EventLoop& loop() { return loop_; }
  // One symbolizer for every session: ELF files parsed once, whatever tool asks.
  sym::Symbolizer& symbols() {
    if (!symbols_) symbols_ = std::make_unique<sym::Symbolizer>();
    return *symbols_;
  }
  // Events lost by sessions that could not print their summary (stdout failed).
  void add_unreported_lost(uint64_t n) { unreported_lost_ += n; }
  uint64_t unreported_lost() const { return unreported_lost_; }
  output::Writer& out() { return out_; }
  std::size_t sessions() const { return sessions_.size(); }

 private:
  void tick();
  void reap();

  output::Writer out_;
  EventLoop loop_;
  std::unique_ptr<sym::Symbolizer> symbols_;
  std::vector<std::unique_ptr<Session>> sessions_;
  uint64_t unreported_lost_ = 0;
};

}  // namespace corebox::runtime
