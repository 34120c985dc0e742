#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Syscall names and numbers per architecture (tables built into the binary), and errno
// names. The numbers the tools filter on are in <corebox/syscall_nr.h>, shared with BPF.
namespace corebox::sym {

enum class Arch { X86_64, Arm64 };
#if defined(__x86_64__)
inline constexpr Arch kNativeArch = Arch::X86_64;
#elif defined(__aarch64__)
inline constexpr Arch kNativeArch = Arch::Arm64;
#else
#error "corebox: no syscall table for this architecture (x86_64 and arm64 only)"
#endif

// "read" for 0 on x86_64; "[999]" when unknown, as bcc prints it.
std::string syscall_name(uint32_t nr, Arch arch = kNativeArch);
// Exact name ("openat", also "sys_openat") to number.
std::optional<uint32_t> syscall_number(std::string_view name, Arch arch = kNativeArch);
// Every known syscall, in number order, for `syscount -l`.
struct SyscallEntry {
  uint32_t nr;
  const char* name;
};
std::size_t syscall_count(Arch arch = kNativeArch);
const SyscallEntry& syscall_at(std::size_t i, Arch arch = kNativeArch);

// "ENOENT" for 2 (glibc's strerrorname_np); std::nullopt when unknown. x86_64 and arm64
// share the errno numbers (asm-generic/errno.h), so libc's table serves both.
std::optional<std::string> errno_name(int err);
// "ENOENT" or "2" to the number; std::nullopt when neither.
std::optional<int> errno_number(std::string_view text);

}  // namespace corebox::sym
