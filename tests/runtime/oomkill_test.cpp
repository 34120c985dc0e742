#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "harness.h"

namespace rt {
namespace {

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path);
  f << text;
  f.flush();
  return static_cast<bool>(f);
}

// A memory cgroup with a small limit, v2 where the memory controller is there, else v1;
// removed on destruction.
struct MemCgroup {
  std::string dir, procs;
  explicit MemCgroup(const std::string& name) {
    namespace fs = std::filesystem;
    std::ifstream ctl("/sys/fs/cgroup/cgroup.controllers");
    std::string controllers;
    std::getline(ctl, controllers);
    if (controllers.find("memory") != std::string::npos) {
      write_file("/sys/fs/cgroup/cgroup.subtree_control", "+memory");
      dir = "/sys/fs/cgroup/" + name;
      if (::mkdir(dir.c_str(), 0755) != 0) {
        dir.clear();
        return;
      }
      write_file(dir + "/memory.max", "33554432");
      write_file(dir + "/memory.swap.max", "0");
    } else if (fs::exists("/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
      dir = "/sys/fs/cgroup/memory/" + name;
      if (::mkdir(dir.c_str(), 0755) != 0) {
        dir.clear();
        return;
      }
      write_file(dir + "/memory.limit_in_bytes", "33554432");
      write_file(dir + "/memory.swappiness", "0");
    }
    procs = dir + "/cgroup.procs";
  }
  ~MemCgroup() {
    if (dir.empty()) return;
    for (int i = 0; i < 50 && ::rmdir(dir.c_str()) != 0; i++) std::this_thread::sleep_for(100ms);
  }
};

TEST(Oomkill, KillInSmallCgroupReported) {
  RT_REQUIRE_BPF();
  MemCgroup cg(unique("cbx-oom-"));
  if (cg.dir.empty()) GTEST_SKIP() << "no memory cgroup controller (v1 or v2) here";
  const std::string comm = unique("cbm");
  Tool t({"oomkill", "--json"});
  const std::string procs = cg.procs;
  Child c(
      [procs] {
        if (!write_file(procs, std::to_string(getpid()))) return 10;
        for (int i = 0; i < 1024; i++) {  // up to 1 GiB, far past the 32 MiB limit
          char* p = static_cast<char*>(malloc(1 << 20));
          if (!p) return 11;
          std::memset(p, i, 1 << 20);
        }
        return 12;
      },
      comm);
  const int status = c.wait();
  ASSERT_TRUE(WIFSIGNALED(status)) << "status " << status;
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  const std::string line = t.wait_line_containing("\"tpid\":" + std::to_string(c.pid()) + ",");
  ASSERT_FALSE(line.empty());
  const Json j = parse_json(line);
  EXPECT_EQ(j["tpid"], c.pid());
  EXPECT_EQ(j["tcomm"], comm);
  EXPECT_EQ(j["fpid"], c.pid());  // it triggered its own kill
  EXPECT_GT(j["pages"].get<uint64_t>(), 0u);
  EXPECT_EQ(fields(j["loadavg"].get<std::string>()).size(), 3u);
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Oomkill, TextHeader) {
  RT_REQUIRE_BPF();
  Tool t({"oomkill"});
  EXPECT_EQ(fields(t.lines().at(0)), (std::vector<std::string>{"TIME", "TRIGGERED_BY", "KILLED", "PAGES", "LOADAVG"}));
  EXPECT_EQ(t.stop(), 0);
}

}  // namespace
}  // namespace rt
