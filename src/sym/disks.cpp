#include "sym/disks.h"

#include <fstream>
#include <sstream>
#include <utility>

namespace corebox::sym {

Disks::Disks() {
  std::ifstream in("/proc/partitions");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    uint32_t major = 0, minor = 0;
    uint64_t blocks = 0;
    std::string name;
    if (f >> major >> minor >> blocks >> name) names_[kernel_dev(major, minor)] = name;
  }
}

std::string Disks::name(uint32_t dev) const {
  if (auto it = names_.find(dev); it != names_.end()) return it->second;
  return std::to_string(dev >> 20) + ":" + std::to_string(dev & ((1u << 20) - 1));
}

std::optional<uint32_t> Disks::find(std::string_view name) const {
  if (name.rfind("/dev/", 0) == 0) name.remove_prefix(5);
  for (const auto& [dev, n] : names_)
    if (n == name) return dev;
  return std::nullopt;
}

std::string request_flags_name(uint32_t flags) {
  static constexpr std::pair<uint32_t, const char*> kFlags[] = {
      {1u << 15, "NoWait-"},   {1u << 14, "Background-"}, {1u << 13, "ReadAhead-"}, {1u << 12, "PreFlush-"},
      {1u << 11, "FUA-"},      {1u << 10, "Priority-"},   {1u << 9, "Metadata-"},  {1u << 8, "Sync-"},
  };
  std::string s;
  for (const auto& [bit, name] : kFlags)
    if (flags & bit) s += name;
  switch (flags & 0xff) {
    case 0: s += "Read"; break;
    case 1: s += "Write"; break;
    case 2: s += "Flush"; break;
    case 3: s += "Discard"; break;
    case 5: s += "SecureErase"; break;
    case 9: s += "WriteZeroes"; break;
    case 10: s += "ZoneOpen"; break;
    case 11: s += "ZoneClose"; break;
    case 12: s += "ZoneFinish"; break;
    case 13: s += "ZoneAppend"; break;
    case 15: s += "ZoneReset"; break;
    case 17: s += "ZoneResetAll"; break;
    case 34: s += "DrvIn"; break;
    case 35: s += "DrvOut"; break;
    default: s += "Unknown"; break;
  }
  return s;
}

}  // namespace corebox::sym
