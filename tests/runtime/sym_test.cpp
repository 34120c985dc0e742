// The host's symbolizer, end to end through threadsnoop's start routine column: files
// told apart by what is mapped, not by the path the process sees.
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "harness.h"

namespace rt {
namespace {

std::string func_of(Tool& t, pid_t pid) {
  const std::string line = t.wait_line_containing("\"pid\":" + std::to_string(pid) + ",");
  if (line.empty()) return "(no event) " + t.err();
  return parse_json(line)["func"].get<std::string>();
}

// Two processes, each in its own mount namespace with another program bind-mounted on
// one path (two containers' /usr/bin/x): each start routine is named from its own file.
TEST(Symbolizer, SamePathInTwoMountNamespaces) {
  RT_REQUIRE_BPF();
  const std::string a = helper("corebox-rt-thread"), b = helper("corebox-rt-thread-b");
  if (a.empty() || b.empty()) GTEST_SKIP() << "no corebox-rt-thread helpers next to corebox-rt";
  const std::string path = temp_dir() + "/" + unique("ns-");
  std::ofstream(path).put('\n');  // the mount point
  auto in_namespace = [&path](const std::string& bin) {
    return Child([bin, path] {
      if (unshare(CLONE_NEWNS) != 0) return 97;
      if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 96;
      if (mount(bin.c_str(), path.c_str(), nullptr, MS_BIND, nullptr) != 0) return 95;
      execl(path.c_str(), "sym-ns", "3000", static_cast<char*>(nullptr));
      return 99;
    });
  };
  Tool t({"threadsnoop", "--json"});
  Child ca = in_namespace(a);
  ca.release();
  EXPECT_EQ(func_of(t, ca.pid()), "corebox_rt_thread_start");
  Child cb = in_namespace(b);  // while the first one, and its cached file, are alive
  cb.release();
  EXPECT_EQ(func_of(t, cb.pid()), "corebox_rt_thread_other");
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

// The program is deleted after it started and before it creates its thread: the file is
// still read, through /proc/PID/map_files.
TEST(Symbolizer, DeletedBinary) {
  RT_REQUIRE_BPF();
  const std::string a = helper("corebox-rt-thread");
  if (a.empty()) GTEST_SKIP() << "no corebox-rt-thread helper next to corebox-rt";
  const std::string copy = temp_dir() + "/" + unique("del-"), fifo = copy + ".fifo";
  std::filesystem::copy_file(a, copy);
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  Tool t({"threadsnoop", "--json"});
  Child c([copy, fifo] {
    execl(copy.c_str(), "sym-del", "1000", fifo.c_str(), static_cast<char*>(nullptr));
    return 99;
  });
  c.release();
  // Opening the FIFO's write end succeeds once the program has it open for reading.
  int fd = -1;
  for (int i = 0; i < 1000 && fd < 0; i++) {
    fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) std::this_thread::sleep_for(10ms);
  }
  ASSERT_GE(fd, 0) << "the helper never opened its FIFO";
  ASSERT_EQ(unlink(copy.c_str()), 0);
  ::close(fd);  // EOF: it creates its thread now
  EXPECT_EQ(func_of(t, c.pid()), "corebox_rt_thread_start");
  EXPECT_EQ(WEXITSTATUS(c.wait()), 0);
  EXPECT_EQ(t.stop(), 0);
}

}  // namespace
}  // namespace rt
