#include <fcntl.h>
#include <unistd.h>

#include <thread>

#include "harness.h"

namespace rt {
namespace {

// Creates `path` (relative to dirfd), waits `life`, deletes it.
int create_then_delete(int dirfd, const std::string &path,
                       std::chrono::milliseconds life) {
  const int fd = ::openat(dirfd, path.c_str(),
                          O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return 1;
  ::close(fd);
  std::this_thread::sleep_for(life);
  return ::unlinkat(dirfd, path.c_str(), 0) == 0 ? 0 : 2;
}

TEST(Filelife, ShortLivedFileWithAge) {
  RT_REQUIRE_BPF();
  const std::string name = unique("fl-"), path = temp_dir() + "/" + name,
                    comm = unique("cbf");
  Tool t({"filelife", "--json"});
  Child c([path] { return create_then_delete(AT_FDCWD, path, 500ms); }, comm);
  EXPECT_EQ(WEXITSTATUS(c.wait()), 0);
  const std::string line = t.wait_line_containing("\"" + name + "\"");
  ASSERT_FALSE(line.empty()) << t.err();
  const Json j = parse_json(line);
  EXPECT_EQ(j["pid"], c.pid());
  EXPECT_EQ(j["comm"], comm);
  EXPECT_EQ(j["file"], name);
  EXPECT_GE(j["age_s"].get<double>(), 0.4);
  EXPECT_LE(j["age_s"].get<double>(), 1.5);
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Filelife, TextColumnsAndRelativeNames) {
  RT_REQUIRE_BPF();
  const std::string dir = temp_dir(), a = unique("fla-"), b = unique("flb-");
  Tool t({"filelife"});
  EXPECT_EQ(
      fields(t.lines().at(0)),
      (std::vector<std::string>{"TIME", "PID", "COMM", "AGE(s)", "FILE"}));
  // A name relative to the cwd, then one relative to a directory descriptor.
  Child c([dir, a, b] {
    if (::chdir(dir.c_str()) != 0)
      return 3;
    if (int r = create_then_delete(AT_FDCWD, a, 200ms))
      return r;
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return create_then_delete(dfd, b, 200ms);
  });
  EXPECT_EQ(WEXITSTATUS(c.wait()), 0);
  for (const std::string &n : {a, b}) {
    const auto f = fields(t.wait_line_containing(n));
    ASSERT_EQ(f.size(), 5u) << n << "\n" << t.err();
    EXPECT_EQ(f[1], std::to_string(c.pid()));
    EXPECT_EQ(f[4], n);
    const double age = std::stod(f[3]);
    EXPECT_GE(age, 0.15);
    EXPECT_LE(age, 1.5);
  }
  t.stop();
}

TEST(Filelife, FileCreatedBeforeTracingIsNotReported) {
  RT_REQUIRE_BPF();
  const std::string dir = temp_dir(), old = dir + "/" + unique("flo-"),
                    fresh = unique("fln-");
  const int fd = ::open(old.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0);
  ::close(fd);
  Tool t({"filelife", "--json"});
  Child c([old, dir, fresh] {
    if (::unlink(old.c_str()) != 0)
      return 4;
    return create_then_delete(AT_FDCWD, dir + "/" + fresh, 50ms);
  });
  EXPECT_EQ(WEXITSTATUS(c.wait()), 0);
  ASSERT_FALSE(t.wait_line_containing(fresh).empty())
      << t.err(); // the old one's deletion came first
  t.stop();
  for (const auto &l : t.lines())
    if (l.find(old.substr(old.rfind('/') + 1)) != std::string::npos)
      ADD_FAILURE() << "reported: " << l;
}

} // namespace
} // namespace rt
