#include <unistd.h>

#include <fstream>

#include "harness.h"

namespace rt {
namespace {

// getent is a dynamically linked glibc program whose `ahosts` calls getaddrinfo(). The
// busybox guests have neither it nor libc.so.6.
std::string getent() {
  for (const char* p : {"/usr/bin/getent", "/bin/getent"}) {
    std::ifstream f(p, std::ios::binary);
    if (!f) continue;
    std::string head(4096, '\0');
    f.read(head.data(), head.size());
    if (head.find("ld-linux") != std::string::npos) return p;  // has an interpreter: dynamic
  }
  return "";
}

TEST(Gethostlatency, GetaddrinfoLocalhostReported) {
  RT_REQUIRE_BPF();
  const std::string bin = getent();
  if (bin.empty() || access("/lib/x86_64-linux-gnu/libc.so.6", R_OK) != 0)
    GTEST_SKIP() << "no dynamically linked getent or no libc.so.6 here";
  Tool t({"gethostlatency", "--json"});
  Child c([bin] {
    execl(bin.c_str(), "getent", "ahosts", "localhost", static_cast<char*>(nullptr));
    return 99;
  });
  EXPECT_EQ(WEXITSTATUS(c.wait()), 0);
  const std::string line = t.wait_line_containing("\"pid\":" + std::to_string(c.pid()) + ",");
  ASSERT_FALSE(line.empty()) << t.err();
  const Json j = parse_json(line);
  EXPECT_EQ(j["host"], "localhost");
  EXPECT_EQ(j["comm"], "getent");
  EXPECT_GT(j["latency_ms"].get<double>(), 0.0);
  EXPECT_LT(j["latency_ms"].get<double>(), 5000.0);
  EXPECT_EQ(t.stop(), 0);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Gethostlatency, TextColumns) {
  RT_REQUIRE_BPF();
  const std::string bin = getent();
  if (bin.empty()) GTEST_SKIP() << "no dynamically linked getent here";
  Tool t({"gethostlatency"});
  EXPECT_EQ(fields(t.lines().at(0)), (std::vector<std::string>{"TIME", "PID", "COMM", "LATms", "HOST"}));
  Child c([bin] {
    execl(bin.c_str(), "getent", "ahosts", "localhost", static_cast<char*>(nullptr));
    return 99;
  });
  c.wait();
  const auto f = fields(t.wait_line([&](const std::string& l) {
    return l.find(" " + std::to_string(c.pid()) + " ") != std::string::npos;
  }));
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[2], "getent");
  EXPECT_EQ(f[4], "localhost");
  t.stop();
}

TEST(Gethostlatency, MissingLibcIsOneLine) {
  RT_REQUIRE_BPF();
  const Result r = run({"gethostlatency", "--libc", "/nonexistent/libc.so.6"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
}

}  // namespace
}  // namespace rt
