#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

// Block devices by dev_t, from /proc/partitions. Devices are encoded as the kernel's
// MKDEV (major << 20 | minor), which is what the BPF programs read from a gendisk.
namespace corebox::sym {

constexpr uint32_t kernel_dev(uint32_t major, uint32_t minor) { return major << 20 | minor; }

class Disks {
 public:
  Disks();  // reads /proc/partitions (empty if unreadable)
  explicit Disks(std::map<uint32_t, std::string> names) : names_(std::move(names)) {}
  // "vda", or "MAJ:MIN" for a device not listed.
  std::string name(uint32_t dev) const;
  std::optional<uint32_t> find(std::string_view name) const;

 private:
  std::map<uint32_t, std::string> names_;
};

// Request flags as normalized by bpf/corebox/block.bpf.h, named as bcc's biolatency -F
// does: "Sync-Write", "ReadAhead-Read".
std::string request_flags_name(uint32_t flags);

}  // namespace corebox::sym
