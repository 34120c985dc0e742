#include <fcntl.h>
#include <unistd.h>

#include "harness.h"

namespace rt {
namespace {

TEST(Syncsnoop, FsyncAndFdatasync) {
  RT_REQUIRE_BPF();
  const std::string path = temp_dir() + "/" + unique("sync-"), comm = unique("cby");
  Tool t({"syncsnoop"});
  EXPECT_EQ(fields(t.lines().at(0)), (std::vector<std::string>{"TIME(s)", "PID", "COMM", "SYSCALL", "RET"}));
  Child c(
      [path] {
        const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY, 0600);
        if (fd < 0 || ::write(fd, "x", 1) != 1) return 1;
        Child::report(std::to_string(fd));
        const int a = ::fsync(fd), b = ::fdatasync(fd);
        return a == 0 && b == 0 ? 0 : 2;
      },
      comm);
  EXPECT_EQ(WEXITSTATUS(c.wait()), 0);
  const auto f1 = fields(t.wait_line_containing(comm));
  const auto f2 = fields(t.wait_line_containing(comm));
  ASSERT_EQ(f1.size(), 5u);
  ASSERT_EQ(f2.size(), 5u);
  EXPECT_EQ(f1[1], std::to_string(c.pid()));
  EXPECT_EQ(f1[3], "fsync");
  EXPECT_EQ(f1[4], "0");
  EXPECT_EQ(f2[3], "fdatasync");
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Syncsnoop, JsonCarriesFd) {
  RT_REQUIRE_BPF();
  const std::string path = temp_dir() + "/" + unique("sync-"), comm = unique("cbj");
  Tool t({"syncsnoop", "--json"});
  Child c(
      [path] {
        const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY, 0600);
        Child::report(std::to_string(fd));
        return ::fsync(fd) == 0 ? 0 : 2;
      },
      comm);
  EXPECT_EQ(WEXITSTATUS(c.wait()), 0);
  const Json j = parse_json(t.wait_line_containing(comm));
  EXPECT_EQ(j["pid"], c.pid());
  EXPECT_EQ(j["comm"], comm);
  EXPECT_EQ(j["syscall"], "fsync");
  EXPECT_EQ(std::to_string(j["fd"].get<int>()), c.reported());
  EXPECT_EQ(j["ret"], 0);
  t.stop();
}

}  // namespace
}  // namespace rt
