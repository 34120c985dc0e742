#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Syscall names (x86_64, a table built into the binary) and errno names.
namespace corebox::sym {

// "read" for 0; "[unknown: 999]"-style fallback as bcc prints it ("[999]").
std::string syscall_name(uint32_t nr);
// Exact name ("openat", also "sys_openat") to number.
std::optional<uint32_t> syscall_number(std::string_view name);
// Every known syscall, in number order, for `syscount -l`.
struct SyscallEntry {
  uint32_t nr;
  const char* name;
};
std::size_t syscall_count();
const SyscallEntry& syscall_at(std::size_t i);

// "ENOENT" for 2 (glibc's strerrorname_np); std::nullopt when unknown.
std::optional<std::string> errno_name(int err);
// "ENOENT" or "2" to the number; std::nullopt when neither.
std::optional<int> errno_number(std::string_view text);

}  // namespace corebox::sym
