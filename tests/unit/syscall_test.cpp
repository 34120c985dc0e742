#include <gtest/gtest.h>
#include <sys/syscall.h>

#include <cerrno>
#include <corebox/syscall_nr.h>

#include "sym/syscall.h"

using namespace corebox::sym;

// Known numbers and names of one architecture, and the fallback for an unknown number.
void expect_names(Arch arch, std::initializer_list<SyscallEntry> known) {
  for (const auto& e : known) EXPECT_EQ(syscall_name(e.nr, arch), e.name);
  EXPECT_EQ(syscall_name(9999, arch), "[9999]");
}

TEST(Syscall, NamesFromTheBuiltInTable) {
  expect_names(Arch::X86_64, {{0, "read"}, {59, "execve"}, {110, "getppid"}, {257, "openat"}, {435, "clone3"},
                              {462, "mseal"}});
}

TEST(Syscall, Arm64Table) {
  expect_names(Arch::Arm64, {{0, "io_setup"}, {56, "openat"}, {79, "newfstatat"}, {173, "getppid"},
                             {221, "execve"}, {435, "clone3"}});
  // The legacy calls arm64 never had.
  for (const char* legacy : {"open", "stat", "lstat", "creat", "unlink", "fork", "time"})
    EXPECT_FALSE(syscall_number(legacy, Arch::Arm64).has_value()) << legacy;
  EXPECT_EQ(syscall_number("sys_openat", Arch::Arm64), 56u);
}

TEST(Syscall, NumbersFromNames) {
  EXPECT_EQ(syscall_number("getppid", Arch::X86_64), 110u);
  EXPECT_EQ(syscall_number("sys_openat", Arch::X86_64), 257u);
  EXPECT_FALSE(syscall_number("no_such_call").has_value());
  EXPECT_GT(syscall_count(Arch::X86_64), 350u);
  EXPECT_GT(syscall_count(Arch::Arm64), 300u);
}

// Every entry both ways, on both architectures: numbers in order, no name twice.
TEST(Syscall, TablesRoundTrip) {
  for (const Arch arch : {Arch::X86_64, Arch::Arm64}) {
    for (std::size_t i = 0; i < syscall_count(arch); i++) {
      const auto& e = syscall_at(i, arch);
      if (i > 0) {
        EXPECT_LT(syscall_at(i - 1, arch).nr, e.nr);
      }
      EXPECT_EQ(syscall_name(e.nr, arch), e.name);
      EXPECT_EQ(syscall_number(e.name, arch), e.nr) << e.name;
    }
  }
}

// The numbers BPF filters on and the front ends name (corebox/syscall_nr.h) agree with
// the table and with libc's for the architecture built.
TEST(Syscall, SharedNumbersMatchTableAndLibc) {
#define CHECK_NR(call)                                  \
  EXPECT_EQ(syscall_name(CB_NR_##call), #call);         \
  EXPECT_EQ(CB_NR_##call, __NR_##call) << #call;
#ifdef CB_NR_open
  CHECK_NR(open)
  CHECK_NR(creat)
  CHECK_NR(unlink)
  CHECK_NR(stat)
  CHECK_NR(lstat)
#endif
  CHECK_NR(openat)
  CHECK_NR(openat2)
  CHECK_NR(unlinkat)
  CHECK_NR(execve)
  CHECK_NR(execveat)
  CHECK_NR(kill)
  CHECK_NR(tkill)
  CHECK_NR(tgkill)
  CHECK_NR(mount)
  CHECK_NR(umount2)
  CHECK_NR(fsopen)
  CHECK_NR(fsconfig)
  CHECK_NR(fsmount)
  CHECK_NR(move_mount)
  CHECK_NR(sync)
  CHECK_NR(fsync)
  CHECK_NR(fdatasync)
  CHECK_NR(msync)
  CHECK_NR(sync_file_range)
  CHECK_NR(syncfs)
  CHECK_NR(statfs)
  CHECK_NR(newfstatat)
  CHECK_NR(statx)
  CHECK_NR(getppid)
#undef CHECK_NR
}

TEST(Syscall, ErrnoNames) {
  EXPECT_EQ(errno_name(ENOENT), "ENOENT");
  EXPECT_EQ(errno_name(EPERM), "EPERM");
  EXPECT_EQ(errno_name(ESRCH), "ESRCH");
  EXPECT_FALSE(errno_name(100000).has_value());
  EXPECT_EQ(errno_number("ENOENT"), ENOENT);
  EXPECT_EQ(errno_number("enoent"), ENOENT);
  EXPECT_EQ(errno_number("13"), 13);
  EXPECT_FALSE(errno_number("EBOGUS").has_value());
  EXPECT_FALSE(errno_number("0").has_value());
  // Both ways for every errno libc names.
  for (int e = 1; e < 134; e++) {
    if (const auto n = errno_name(e)) {
      EXPECT_EQ(errno_number(*n), e) << *n;
    }
  }
}
