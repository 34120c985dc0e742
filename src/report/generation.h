#pragma once
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/error.h"

// The user side of bpf/corebox/hist.bpf.h: reading aggregation maps per interval
// without losing or double counting.
namespace corebox::report {

// The map generation programs write to (cb_gen in the skeleton's .bss).
//   auto& gen = session.generation(skel->maps.bss, &skel->bss->cb_gen, skel->bss);
// skel->bss itself is not the live map after Skeleton::load_and_attach() with libbpf 1.1
// (only bpf_object__load_skeleton() remaps it), so the map is mapped here.
class Generation {
 public:
  Generation(bpf_map* bss, const volatile void* field, const void* base);
  ~Generation();
  Generation(const Generation&) = delete;
  Generation& operator=(const Generation&) = delete;
  // Points the programs at the other generation. Programs that read the old one just
  // before may still be adding to it: wait_for_writers() once (for every generation
  // flipped at that moment) before reading readable().
  void flip();
  // The generation flipped away from: nothing writes it any more after the wait.
  uint32_t readable() const { return readable_; }

 private:
  void* map_ = nullptr;
  std::size_t len_ = 0;
  volatile uint32_t* gen_ = nullptr;
  uint32_t readable_ = 1;
};

// Tracing programs run for microseconds: a short pause covers those that read a
// generation just before it was flipped.
void wait_for_writers();

// Removes and returns the entries of generation `gen` from a hash map whose key starts
// with `uint32_t gen`.
template <class K, class V>
std::vector<std::pair<K, V>> take(bpf_map* map, uint32_t gen) {
  static_assert(std::is_same_v<decltype(K::gen), uint32_t> && offsetof(K, gen) == 0);
  const int fd = bpf_map__fd(map);
  std::vector<K> keys;
  K key{}, next{};
  const K* prev = nullptr;
  while (bpf_map_get_next_key(fd, prev, &next) == 0) {
    if (next.gen == gen) keys.push_back(next);
    key = next;
    prev = &key;
  }
  std::vector<std::pair<K, V>> out;
  out.reserve(keys.size());
  for (const K& k : keys) {
    V v{};
    if (bpf_map_lookup_and_delete_elem(fd, &k, &v) == 0) out.emplace_back(k, v);
  }
  return out;
}

}  // namespace corebox::report
