#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace corebox::bpf {

// The common task filter of bpf/corebox/filter.bpf.h, as set before load
// (Skeleton::apply). The command line fills it from -p -t -u -n --cgroup.
struct TaskFilter {
  uint32_t pid = 0;  // thread group
  uint32_t tid = 0;
  std::optional<uint32_t> uid;
  std::string name;    // substring of the command name
  std::string cgroup;  // cgroup v2 directory
};

}  // namespace corebox::bpf
