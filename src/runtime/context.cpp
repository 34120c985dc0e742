#include "runtime/context.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <ctime>

#include "bpf/libbpf_log.h"

namespace corebox {

Context::Context(std::string tool, sym::Symbolizer& symbols)
    : tool_(std::move(tool)), features_(std::make_unique<bpf::Features>()), out_(1), loop_(out_), symbols_(symbols) {
  timespec mono{}, wall{};
  clock_gettime(CLOCK_MONOTONIC, &mono);
  clock_gettime(CLOCK_REALTIME, &wall);
  start_mono_ns_ = static_cast<double>(mono.tv_sec) * 1e9 + static_cast<double>(mono.tv_nsec);
  mono_to_wall_s_ = (static_cast<double>(wall.tv_sec) + wall.tv_nsec / 1e9) -
                    (static_cast<double>(mono.tv_sec) + mono.tv_nsec / 1e9);
}

void Context::add_common_options(cli::SpecCore& spec) {
  spec.add({'v', "verbose", {}, "show libbpf's log (verifier messages)", [this](void*, std::string_view) {
              verbose_ = true;
              bpf::set_libbpf_verbose(true);
            }});
  spec.add({0, "json", {}, "one JSON object per line", [this](void*, std::string_view) { json_ = true; }});
  spec.add({0, "btf", "PATH", "kernel BTF file to use instead of /sys/kernel/btf/vmlinux",
            [this](void*, std::string_view a) {
              btf_path_ = a;
              features_ = std::make_unique<bpf::Features>(btf_path_);
            }});
}

int Context::map_fd(bpf_map* map) {
  const int fd = bpf_map__fd(map);
  if (fd < 0) throw Error(std::string("map '") + bpf_map__name(map) + "' is not loaded", -fd);
  return fd;
}

uint64_t sum_percpu_counter(bpf_map* map) {
  const int ncpu = libbpf_num_possible_cpus();
  if (ncpu <= 0) return 0;
  std::vector<uint64_t> values(static_cast<std::size_t>(ncpu));
  uint32_t zero = 0;
  if (bpf_map_lookup_elem(bpf_map__fd(map), &zero, values.data()) != 0) return 0;
  uint64_t sum = 0;
  for (uint64_t v : values) sum += v;
  return sum;
}

int Context::run_events(double duration_s, bpf_map* lost_map) {
  loop_.set_timers(0, 0, duration_s);
  const int sig = loop_.run();
  const uint64_t lost = lost_map ? sum_percpu_counter(lost_map) : 0;
  output::summary(out_, json_, tool_, loop_.events() - malformed_, lost + malformed_);
  (void)sig;  // SIGINT/SIGTERM are the normal way to stop: exit 0
  return 0;
}

}  // namespace corebox
