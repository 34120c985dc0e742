#pragma once
#include <cstddef>

namespace corebox::bpf {

// The BPF object of a tool's skeleton, which the build stores compressed with zlib
// (cmake/bpf_embed.cpp). Unpacked when the skeleton is opened and kept for the life of
// the process: libbpf reads it until the object is loaded. nullptr if it does not unpack
// to `size` bytes (libbpf then fails to open the object).
const void* unpack_bpf_object(const unsigned char* z, std::size_t z_size, std::size_t size, std::size_t* out_size);

}  // namespace corebox::bpf
