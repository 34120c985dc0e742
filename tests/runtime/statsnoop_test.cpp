#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "harness.h"

namespace rt {
namespace {

Child statter(const std::string& path, const std::string& comm) {
  return Child(
      [path] {
        struct stat st;
        const int r = ::stat(path.c_str(), &st);
        Child::report(std::to_string(r < 0 ? errno : 0));
        return 0;
      },
      comm);
}

TEST(Statsnoop, MissingPathShowsEnoent) {
  RT_REQUIRE_BPF();
  const std::string path = temp_dir() + "/" + unique("nostat-"), comm = unique("cbs");
  Tool t({"statsnoop"});
  EXPECT_EQ(fields(t.lines().at(0)), (std::vector<std::string>{"PID", "COMM", "SYSCALL", "RET", "ERR", "PATH"}));
  Child c = statter(path, comm);
  c.wait();
  EXPECT_EQ(c.reported(), std::to_string(ENOENT));
  const auto f = fields(t.wait_line_containing(path));
  ASSERT_EQ(f.size(), 6u);
  EXPECT_EQ(f[0], std::to_string(c.pid()));
  EXPECT_EQ(f[1], comm);
  EXPECT_EQ(f[3], "-1");
  EXPECT_EQ(f[4], std::to_string(ENOENT));
  EXPECT_EQ(f[5], path);
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Statsnoop, JsonAndFailedOnly) {
  RT_REQUIRE_BPF();
  const std::string missing = temp_dir() + "/" + unique("nostat-"), there = temp_dir();
  Tool t({"statsnoop", "-x", "--json"});
  Child ok = statter(there, unique("cbo"));
  ok.wait();
  Child bad = statter(missing, unique("cbb"));
  bad.wait();
  const Json j = parse_json(t.wait_line_containing(missing));
  EXPECT_EQ(j["pid"], bad.pid());
  EXPECT_EQ(j["ret"], -1);
  EXPECT_EQ(j["err"], ENOENT);
  EXPECT_EQ(j["error"], "ENOENT");
  EXPECT_EQ(j["path"], missing);
  t.stop();
  for (const auto& l : t.lines())
    if (l.find("\"pid\":" + std::to_string(ok.pid()) + ",") != std::string::npos) ADD_FAILURE() << "success with -x: " << l;
}

}  // namespace
}  // namespace rt
