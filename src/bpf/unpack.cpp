#include "bpf/unpack.h"

#include <zlib.h>

#include <memory>
#include <vector>

namespace corebox::bpf {

const void* unpack_bpf_object(const unsigned char* z, std::size_t z_size, std::size_t size, std::size_t* out_size) {
  // Kept until exit: a tool opens its skeleton once, the unit tests open each tool's.
  static std::vector<std::unique_ptr<char[]>> kept;
  auto buf = std::make_unique_for_overwrite<char[]>(size);
  uLongf n = size;
  *out_size = 0;
  if (uncompress(reinterpret_cast<Bytef*>(buf.get()), &n, z, z_size) != Z_OK || n != size) return nullptr;
  *out_size = size;
  return kept.emplace_back(std::move(buf)).get();
}

}  // namespace corebox::bpf
