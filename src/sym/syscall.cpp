#include "sym/syscall.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <span>
#include <string>

namespace corebox::sym {
namespace {

constexpr SyscallEntry kX86_64[] = {
#include "sym/syscall_x86_64.inc"
};
constexpr SyscallEntry kArm64[] = {
#include "sym/syscall_arm64.inc"
};

template <std::size_t N>
constexpr bool sorted_by_number(const SyscallEntry (&t)[N]) {
  for (std::size_t i = 1; i < N; i++)
    if (t[i - 1].nr >= t[i].nr) return false;
  return true;
}
static_assert(sorted_by_number(kX86_64) && sorted_by_number(kArm64), "syscall tables must be in number order");

std::span<const SyscallEntry> table(Arch arch) {
  if (arch == Arch::Arm64) return kArm64;
  return kX86_64;
}

}  // namespace

std::size_t syscall_count(Arch arch) { return table(arch).size(); }
const SyscallEntry& syscall_at(std::size_t i, Arch arch) { return table(arch)[i]; }

std::string syscall_name(uint32_t nr, Arch arch) {
  const auto t = table(arch);
  const auto it = std::lower_bound(t.begin(), t.end(), nr, [](const SyscallEntry& e, uint32_t n) { return e.nr < n; });
  if (it != t.end() && it->nr == nr) return it->name;
  return "[" + std::to_string(nr) + "]";
}

std::optional<uint32_t> syscall_number(std::string_view name, Arch arch) {
  if (name.rfind("sys_", 0) == 0) name.remove_prefix(4);
  for (const auto& e : table(arch))
    if (name == e.name) return e.nr;
  return std::nullopt;
}

std::optional<std::string> errno_name(int err) {
  const char* n = strerrorname_np(err);
  if (!n) return std::nullopt;
  return std::string(n);
}

std::optional<int> errno_number(std::string_view text) {
  int v = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc() && p == text.data() + text.size()) {
    if (v > 0 && v < 4096) return v;
    return std::nullopt;
  }
  std::string up(text);
  std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return std::toupper(c); });
  for (int e = 1; e < 4096; e++) {
    const char* n = strerrorname_np(e);
    if (n && up == n) return e;
  }
  return std::nullopt;
}

}  // namespace corebox::sym
