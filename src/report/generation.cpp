#include "report/generation.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>

namespace corebox::report {
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

void Generation::flip() {
  readable_ = *gen_ & 1;
  *gen_ = readable_ ^ 1;
}

void wait_for_writers() { std::this_thread::sleep_for(std::chrono::milliseconds(2)); }

}  // namespace corebox::report
