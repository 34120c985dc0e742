// Two tool sessions in one host (what the agent does): each sees its own events, and
// stopping one unloads it while the other keeps reporting. Root, live kernel.
#include <bpf/bpf.h>
#include <dirent.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bpf/features.h"
#include "main/tool.h"
#include "runtime/host.h"

using namespace corebox;

namespace {

// BPF programs this process holds (fds on anon_inode:bpf-prog).
int bpf_prog_fds() {
  int n = 0;
  DIR* d = opendir("/proc/self/fd");
  if (!d) return -1;
  while (dirent* e = readdir(d)) {
    char target[64] = {};
    const std::string link = std::string("/proc/self/fd/") + e->d_name;
    if (readlink(link.c_str(), target, sizeof(target) - 1) > 0 && std::string(target) == "anon_inode:bpf-prog") n++;
  }
  closedir(d);
  return n;
}

std::string read_file(int fd) {
  std::string s;
  char buf[4096];
  lseek(fd, 0, SEEK_SET);
  for (ssize_t n; (n = read(fd, buf, sizeof(buf))) > 0;) s.append(buf, static_cast<std::size_t>(n));
  return s;
}

TEST(Host, TwoSessionsOneLoopStopOneKeepsTheOther) {
  if (geteuid() != 0 || !bpf::has_bpf_privileges()) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") FAIL() << "cannot load BPF programs and CI=true";
    GTEST_SKIP() << "needs root to load BPF programs";
  }
  bpf::ensure_tracefs();
  char path[] = "/tmp/corebox-host-XXXXXX";
  const int out = mkstemp(path);
  ASSERT_GE(out, 0);
  unlink(path);
  const std::string before = "/nonexistent/corebox-host-before-" + std::to_string(getpid());
  const std::string after = "/nonexistent/corebox-host-after-" + std::to_string(getpid());

  int progs_both = 0, progs_one = 0;
  {
    runtime::Host host(out);
    Session& open = host.open("opensnoop", output::Format::Json);
    find_tool("opensnoop")->start(open, {"-p", std::to_string(getpid())}, false);
    Session& lat = host.open("runqlat", output::Format::Json);
    find_tool("runqlat")->start(lat, {"0.1"}, false);
    progs_both = bpf_prog_fds();

    // The choreography runs on the host's own loop: open a path, stop opensnoop, open
    // another, let runqlat report a few more intervals, then stop it.
    int step = 0;
    runtime::Timer timer(0.15, 0.15);
    host.loop().watch(timer.fd(), [&] {
      if (!timer.read()) return;
      switch (step++) {
        case 0: ::open(before.c_str(), O_RDONLY); break;
        case 1:
          host.stop(open);
          progs_one = bpf_prog_fds();
          break;
        case 2: ::open(after.c_str(), O_RDONLY); break;
        case 5: host.stop(lat); break;
        default: break;
      }
    });
    host.run();
    host.loop().unwatch(timer.fd());
    EXPECT_EQ(host.sessions(), 0u);
  }
  EXPECT_EQ(bpf_prog_fds(), 0) << "programs left loaded";
  EXPECT_GT(progs_both, progs_one);
  EXPECT_GT(progs_one, 0);

  const std::string text = read_file(out);
  close(out);
  int opens_before = 0, opens_after = 0, hists = 0, hists_after_stop = 0, summaries = 0;
  bool open_stopped = false;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    const auto j = nlohmann::json::parse(text.substr(start, end - start));
    if (j.contains("path")) {
      if (j["path"] == before) opens_before++;
      if (j["path"] == after) opens_after++;
    } else if (j.contains("buckets")) {
      hists++;
      if (open_stopped) hists_after_stop++;
    } else if (j.value("type", "") == "summary") {
      EXPECT_EQ(j["tool"], "opensnoop");
      summaries++;
      open_stopped = true;
    }
  }
  EXPECT_EQ(opens_before, 1) << text;
  EXPECT_EQ(opens_after, 0) << "opensnoop saw an open after it was stopped";
  EXPECT_EQ(summaries, 1);
  EXPECT_GE(hists_after_stop, 2) << "runqlat stopped reporting when opensnoop stopped";
  EXPECT_GE(hists, 3);
}

}  // namespace
