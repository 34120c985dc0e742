// The tools that trace a fixed set of syscalls, each call of the set caused once: on the
// per-syscall tracepoints they choose here, and on the raw-tracepoint fallback that
// kernels without syscall tracepoints get (forced with COREBOX_AVOID_HOOKS). Each call is
// its own program in the first case, so each is checked.
#include <fcntl.h>
#include <linux/mount.h>
#include <linux/openat2.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <set>

#include "harness.h"

namespace rt {
namespace {

enum class Hooks { SyscallTracepoints, RawFallback };

std::string hooks_name(const ::testing::TestParamInfo<Hooks>& p) {
  return p.param == Hooks::SyscallTracepoints ? "SyscallTracepoints" : "RawFallback";
}

bool have_syscall_tracepoints() {
  struct stat st{};
  return ::stat("/sys/kernel/tracing/events/syscalls/sys_exit_openat", &st) == 0 ||
         ::stat("/sys/kernel/debug/tracing/events/syscalls/sys_exit_openat", &st) == 0;
}

class SyscallHooks : public ::testing::TestWithParam<Hooks> {
 protected:
  void SetUp() override {
    if (GetParam() == Hooks::RawFallback) ::setenv("COREBOX_AVOID_HOOKS", "tracepoint/syscalls/", 1);
  }
  void TearDown() override { ::unsetenv("COREBOX_AVOID_HOOKS"); }

  // Runs `tool --json -v`, then the child `body` named `comm`; expects one event of the
  // child's for each value of `key` in `want`, and the hooks of `group` as chosen.
  void expect_calls(std::vector<std::string> args, const std::string& group, const std::string& key,
                    std::set<std::string> want, const std::function<int()>& body) {
    RT_REQUIRE_BPF();
    if (GetParam() == Hooks::SyscallTracepoints && !have_syscall_tracepoints())
      GTEST_SKIP() << "no syscall tracepoints on this kernel";
    const std::string comm = unique("cbh");
    args.insert(args.end(), {"--json", "-v"});
    Tool t(args);
    Child c(body, comm);
    ASSERT_EQ(WEXITSTATUS(c.wait()), 0) << c.reported();
    std::set<std::string> seen;
    while (seen != want) {
      const std::string line = t.wait_line([&](const std::string& l) { return l.find(comm) != std::string::npos; });
      if (line.empty()) break;
      const Json j = parse_json(line);
      if (j.value("type", "") == "summary" || j["comm"] != comm) continue;
      EXPECT_EQ(j["pid"], c.pid()) << line;
      const std::string v = j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
      if (want.count(v)) seen.insert(v);
    }
    EXPECT_EQ(seen, want);
    EXPECT_EQ(t.stop(), 0);
    const std::string expected = GetParam() == Hooks::RawFallback ? "raw_tp/sys_" : "tracepoint/syscalls/sys_";
    EXPECT_NE(t.err().find(args[0] + ": hook " + group + ": " + expected), std::string::npos) << t.err();
    EXPECT_TRUE(t.nothing_left_loaded());
  }
};

TEST_P(SyscallHooks, Opensnoop) {
  const std::string dir = temp_dir();
  std::set<std::string> want{dir + "/openat", dir + "/openat2"};
#ifdef SYS_open
  want.insert(dir + "/open");
#endif
  expect_calls({"opensnoop"}, "open", "path", want, [dir] {
    int bad = 0;
#ifdef SYS_open
    bad |= syscall(SYS_open, (dir + "/open").c_str(), O_RDONLY) != -1;
#endif
    bad |= ::openat(AT_FDCWD, (dir + "/openat").c_str(), O_RDONLY) != -1;
    open_how how{};
    how.flags = O_RDONLY;
    bad |= syscall(SYS_openat2, AT_FDCWD, (dir + "/openat2").c_str(), &how, sizeof(how)) != -1;
    return bad;  // the files do not exist: every call fails with ENOENT
  });
}

TEST_P(SyscallHooks, Statsnoop) {
  const std::string dir = temp_dir();
  std::set<std::string> want{"newfstatat", "statx", "statfs"};
#ifdef SYS_stat
  want.insert({"stat", "lstat"});
#endif
  expect_calls({"statsnoop"}, "stat", "syscall", want, [dir] {
    struct stat st{};
    struct statx stx{};
    struct statfs sfs{};
    int bad = 0;
#ifdef SYS_stat
    bad |= syscall(SYS_stat, dir.c_str(), &st) != 0;
    bad |= syscall(SYS_lstat, dir.c_str(), &st) != 0;
#endif
    bad |= syscall(SYS_newfstatat, AT_FDCWD, dir.c_str(), &st, 0) != 0;
    bad |= ::statx(AT_FDCWD, dir.c_str(), 0, STATX_BASIC_STATS, &stx) != 0;
    bad |= ::statfs(dir.c_str(), &sfs) != 0;
    return bad;
  });
}

TEST_P(SyscallHooks, Syncsnoop) {
  const std::string path = temp_dir() + "/f";
  expect_calls({"syncsnoop"}, "sync", "syscall",
               {"msync", "fsync", "fdatasync", "sync", "sync_file_range", "syncfs"}, [path] {
                 const int fd = ::open(path.c_str(), O_CREAT | O_RDWR, 0600);
                 if (fd < 0 || ::ftruncate(fd, 4096) != 0) return 1;
                 void* m = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
                 if (m == MAP_FAILED) return 2;
                 int bad = ::msync(m, 4096, MS_SYNC) != 0;
                 bad |= ::fsync(fd) != 0;
                 bad |= ::fdatasync(fd) != 0;
                 ::sync();
                 bad |= ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE) != 0;
                 bad |= ::syncfs(fd) != 0;
                 return bad;
               });
}

TEST_P(SyscallHooks, Mountsnoop) {
  const std::string target = temp_dir() + "/" + unique("mnt-");
  ::mkdir(target.c_str(), 0755);
  expect_calls({"mountsnoop"}, "mount", "call", {"mount", "umount", "fsopen", "fsconfig", "fsmount", "move_mount"},
               [target] {
                 if (unshare(CLONE_NEWNS) != 0) return 10;
                 if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 11;
                 if (mount("cbh", target.c_str(), "tmpfs", 0, "size=1m") != 0) return 12;
                 if (umount2(target.c_str(), 0) != 0) return 13;
                 const int fs = syscall(SYS_fsopen, "tmpfs", 0);
                 if (fs < 0) return 14;
                 if (syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) != 0) return 15;
                 const int mnt = syscall(SYS_fsmount, fs, 0, 0);
                 if (mnt < 0) return 16;
                 if (syscall(SYS_move_mount, mnt, "", AT_FDCWD, target.c_str(), MOVE_MOUNT_F_EMPTY_PATH) != 0) return 17;
                 ::close(mnt);  // its reference would make the mount busy
                 ::close(fs);
                 return umount2(target.c_str(), 0) != 0 ? 18 : 0;
               });
}

TEST_P(SyscallHooks, Killsnoop) {
  expect_calls({"killsnoop"}, "kill", "syscall", {"kill", "tkill", "tgkill"}, [] {
    // Signal 0 checks the target and sends nothing.
    const pid_t pid = ::getpid(), tid = ::gettid();
    int bad = ::kill(pid, 0) != 0;
    bad |= syscall(SYS_tkill, tid, 0) != 0;
    bad |= syscall(SYS_tgkill, pid, tid, 0) != 0;
    return bad;
  });
}

TEST_P(SyscallHooks, Filelife) {
  const std::string dir = temp_dir();
  std::set<std::string> want{"openat", "openat2"};
#ifdef SYS_open
  want.insert({"open", "creat"});
#endif
  expect_calls({"filelife"}, "create", "file", want, [dir] {
    auto made = [&](const std::string& name, int fd) {
      if (fd < 0) return 1;
      ::close(fd);
      // unlink() for some, unlinkat() for the others: both are traced.
      return name.size() % 2 ? ::unlink((dir + "/" + name).c_str()) : ::unlinkat(AT_FDCWD, (dir + "/" + name).c_str(), 0);
    };
    int bad = 0;
#ifdef SYS_open
    bad |= made("open", syscall(SYS_open, (dir + "/open").c_str(), O_CREAT | O_WRONLY, 0600));
    bad |= made("creat", syscall(SYS_creat, (dir + "/creat").c_str(), 0600));
#endif
    bad |= made("openat", ::openat(AT_FDCWD, (dir + "/openat").c_str(), O_CREAT | O_WRONLY, 0600));
    open_how how{};
    how.flags = O_CREAT | O_WRONLY;
    how.mode = 0600;
    bad |= made("openat2", syscall(SYS_openat2, AT_FDCWD, (dir + "/openat2").c_str(), &how, sizeof(how)));
    return bad;
  });
}

INSTANTIATE_TEST_SUITE_P(Both, SyscallHooks, ::testing::Values(Hooks::SyscallTracepoints, Hooks::RawFallback),
                         hooks_name);

}  // namespace
}  // namespace rt
