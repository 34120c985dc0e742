#include "report/intervals.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>

namespace corebox::report {
namespace {

double now_s() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

}  // namespace

Generation::Generation(bpf_map* bss, const volatile void* field, const void* base) {
  const std::size_t offset = static_cast<std::size_t>(static_cast<const volatile char*>(field) -
                                                      static_cast<const volatile char*>(base));
  const long page = sysconf(_SC_PAGESIZE);
  len_ = (bpf_map__value_size(bss) + page - 1) / page * page;
  map_ = mmap(nullptr, len_, PROT_READ | PROT_WRITE, MAP_SHARED, bpf_map__fd(bss), 0);
  if (map_ == MAP_FAILED) {
    map_ = nullptr;
    throw Error(std::string("map '") + bpf_map__name(bss) + "'", errno);
  }
  gen_ = reinterpret_cast<volatile uint32_t*>(static_cast<char*>(map_) + offset);
}

Generation::~Generation() {
  if (map_) munmap(map_, len_);
}

uint32_t Generation::flip() {
  const uint32_t old = *gen_ & 1;
  *gen_ = old ^ 1;
  // A program that read the old generation just before the flip may still be adding to
  // it: tracing programs run for microseconds, so a short pause covers them.
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  return old;
}

int run_intervals(Context& ctx, const cli::Interval& iv, double duration_s, std::string_view banner,
                  const std::function<void()>& print, bpf_map* drops) {
  if (!ctx.json() && !banner.empty()) {
    ctx.out().put(banner);
    ctx.out().put('\n');
    ctx.out().flush();
  }
  uint64_t printed = 0;
  double last = 0;
  ctx.loop().set_timers(iv.interval_s, iv.count, duration_s, [&] {
    print();
    printed++;
    last = now_s();
  });
  const int sig = ctx.loop().run();
  const bool all_done = iv.count && printed >= iv.count;
  // The duration's end can coincide with an interval's: that interval is already out.
  const bool just_printed = sig == 0 && printed && now_s() - last < 0.05;
  if (!all_done && !just_printed && !ctx.out().broken()) print();
  (void)sig;  // SIGINT/SIGTERM are the normal way to stop
  ctx.out().flush();
  if (const uint64_t n = drops ? sum_percpu_counter(drops) : 0)
    std::fprintf(stderr, "%s: %llu updates dropped: a map was full\n", ctx.tool().c_str(),
                 static_cast<unsigned long long>(n));
  return 0;
}

}  // namespace corebox::report
