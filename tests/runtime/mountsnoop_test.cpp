#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

namespace rt {
namespace {

// A child in a private mount namespace mounts a tmpfs on `target` and unmounts it.
Child mounter(const std::string& source, const std::string& target, const std::string& comm) {
  return Child(
      [source, target] {
        if (unshare(CLONE_NEWNS) != 0) return 10;
        if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 11;
        if (mount(source.c_str(), target.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=1m") != 0) return 12;
        if (umount2(target.c_str(), 0) != 0) return 13;
        return 0;
      },
      comm);
}

TEST(Mountsnoop, TmpfsMountAndUmount) {
  RT_REQUIRE_BPF();
  const std::string target = temp_dir() + "/" + unique("mnt-"), source = unique("src-"), comm = unique("cbm");
  ::mkdir(target.c_str(), 0755);
  Tool t({"mountsnoop"});
  EXPECT_EQ(fields(t.lines().at(0)), (std::vector<std::string>{"COMM", "PID", "TID", "MNT_NS", "CALL"}));
  Child c = mounter(source, target, comm);
  ASSERT_EQ(WEXITSTATUS(c.wait()), 0);
  const std::string m = t.wait_line_containing(source);
  const std::string u = t.wait_line_containing("umount(\"" + target);
  ASSERT_FALSE(m.empty());
  const auto f = fields(m);
  EXPECT_EQ(f[0], comm);
  EXPECT_EQ(f[1], std::to_string(c.pid()));
  EXPECT_NE(m.find("mount(\"" + source + "\", \"" + target + "\", \"tmpfs\", MS_NOSUID|MS_NODEV, \"size=1m\") = 0"),
            std::string::npos)
      << m;
  EXPECT_NE(u.find("umount(\"" + target + "\", 0) = 0"), std::string::npos) << u;
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Mountsnoop, JsonFields) {
  RT_REQUIRE_BPF();
  const std::string target = temp_dir() + "/" + unique("mnt-"), source = unique("src-"), comm = unique("cbj");
  ::mkdir(target.c_str(), 0755);
  Tool t({"mountsnoop", "--json"});
  Child c = mounter(source, target, comm);
  ASSERT_EQ(WEXITSTATUS(c.wait()), 0);
  const Json j = parse_json(t.wait_line_containing(source));
  EXPECT_EQ(j["call"], "mount");
  EXPECT_EQ(j["pid"], c.pid());
  EXPECT_EQ(j["source"], source);
  EXPECT_EQ(j["target"], target);
  EXPECT_EQ(j["fs_type"], "tmpfs");
  EXPECT_EQ(j["flags"], MS_NOSUID | MS_NODEV);
  EXPECT_EQ(j["flag_names"], "MS_NOSUID|MS_NODEV");
  EXPECT_EQ(j["data"], "size=1m");
  EXPECT_EQ(j["ret"], 0);
  EXPECT_GT(j["mnt_ns"].get<uint64_t>(), 0u);
  const Json u = parse_json(t.wait_line_containing("\"umount\""));
  EXPECT_EQ(u["target"], target);
  EXPECT_EQ(u["pid"], c.pid());
  EXPECT_EQ(u["mnt_ns"], j["mnt_ns"]);
  t.stop();
}

TEST(Mountsnoop, Detailed) {
  RT_REQUIRE_BPF();
  const std::string target = temp_dir() + "/" + unique("mnt-"), source = unique("src-"), comm = unique("cbd");
  ::mkdir(target.c_str(), 0755);
  Tool t({"mountsnoop", "-d", "-p", "1"});  // PID 1 mounts nothing here: only checks it starts
  t.stop();
  Tool d({"mountsnoop", "-d"});
  Child c = mounter(source, target, comm);
  ASSERT_EQ(WEXITSTATUS(c.wait()), 0);
  EXPECT_FALSE(d.wait_line_containing("SOURCE: " + source).empty());
  EXPECT_FALSE(d.wait_line_containing("TARGET: " + target).empty());
  d.stop();
}

}  // namespace
}  // namespace rt
