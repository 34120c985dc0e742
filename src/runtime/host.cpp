#include "runtime/host.h"

#include <algorithm>

#include "report/generation.h"

namespace corebox::runtime {

Host::Host(int out_fd) : out_(out_fd) {
  loop_.set_tick([this] { tick(); });
}

Host::~Host() {
  for (auto& s : sessions_) s->release();
}

Session& Host::open(std::string tool, output::Format format) {
  sessions_.push_back(std::make_unique<Session>(*this, std::move(tool), output::make_sink(format, out_)));
  return *sessions_.back();
}

void Host::tick() {
  // Interval reads: flip the generation of every session that is due, wait once for the
  // programs still writing the old ones, then read them all. One session's interval
  // never waits for another's.
  bool due = false;
  for (auto& s : sessions_)
    if (!s->done() && s->interval_due()) {
      s->flip_generations();
      due = true;
    }
  if (due) {
    report::wait_for_writers();
    for (auto& s : sessions_)
      if (!s->done() && s->interval_due()) s->print_interval();
  }
  for (auto& s : sessions_)
    if (!s->done()) s->drain();
  out_.flush();
  if (out_.broken()) {
    // Nobody reads any more (EPIPE): stop quietly. A failed write (a full disk) ends
    // every session with its summary; the caller reports the error.
    for (auto& s : sessions_)
      if (out_.error()) s->finish(false);
    for (auto& s : sessions_) s->release();
    sessions_.clear();
  }
  reap();
  if (sessions_.empty()) loop_.stop();
}

void Host::reap() {
  for (auto& s : sessions_)
    if (s->done()) s->release();
  std::erase_if(sessions_, [](const auto& s) { return s->done(); });
}

int Host::run() {
  // A session that set nothing up to wait for (syscount -l) is over already.
  for (auto& s : sessions_)
    if (!s->waits()) s->finish(false);
  reap();
  tick();  // what setup wrote (headers, banners) may have failed already
  if (sessions_.empty()) return 0;
  const int sig = loop_.run();
  if (sig) {
    for (auto& s : sessions_) s->finish(true);
    out_.flush();
    reap();
  }
  return sig;
}

void Host::stop(Session& s) {
  s.finish(false);
  out_.flush();
  reap();
}

}  // namespace corebox::runtime
