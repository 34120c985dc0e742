#include <gtest/gtest.h>

#include <cerrno>

#include "sym/syscall.h"

using namespace corebox::sym;

TEST(Syscall, NamesFromTheBuiltInTable) {
  EXPECT_EQ(syscall_name(0), "read");
  EXPECT_EQ(syscall_name(59), "execve");
  EXPECT_EQ(syscall_name(110), "getppid");
  EXPECT_EQ(syscall_name(257), "openat");
  EXPECT_EQ(syscall_name(435), "clone3");
  EXPECT_EQ(syscall_name(462), "mseal");
  EXPECT_EQ(syscall_name(9999), "[9999]");
}

TEST(Syscall, NumbersFromNames) {
  EXPECT_EQ(syscall_number("getppid"), 110u);
  EXPECT_EQ(syscall_number("sys_openat"), 257u);
  EXPECT_FALSE(syscall_number("no_such_call").has_value());
  EXPECT_GT(syscall_count(), 350u);
  for (std::size_t i = 1; i < syscall_count(); i++) EXPECT_LT(syscall_at(i - 1).nr, syscall_at(i).nr);
}

TEST(Syscall, ErrnoNames) {
  EXPECT_EQ(errno_name(ENOENT), "ENOENT");
  EXPECT_EQ(errno_number("ENOENT"), ENOENT);
  EXPECT_EQ(errno_number("enoent"), ENOENT);
  EXPECT_EQ(errno_number("13"), 13);
  EXPECT_FALSE(errno_number("EBOGUS").has_value());
  EXPECT_FALSE(errno_number("0").has_value());
}
