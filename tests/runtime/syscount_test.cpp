#include <sys/stat.h>
#include <sys/syscall.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "aggregate_util.h"

namespace rt {
namespace {

constexpr int kCalls = 1000;

int getppid_loop() {
  for (int i = 0; i < kCalls; i++) syscall(SYS_getppid);
  return 0;
}

int stat_missing() {
  struct stat st {};
  const std::string base = "/nonexistent-corebox-" + std::to_string(getpid()) + "-";
  for (int i = 0; i < 200; i++) stat((base + std::to_string(i)).c_str(), &st);
  return 0;
}

// syscall name -> count from JSON rows.
std::map<std::string, uint64_t> counts_by_syscall(const std::vector<std::string>& lines) {
  std::map<std::string, uint64_t> m;
  for (const auto& l : lines)
    if (!l.empty() && l[0] == '{') {
      const Json j = parse_json(l);
      if (j.contains("syscall")) m[j["syscall"]] += j["count"].get<uint64_t>();
    }
  return m;
}

// BPF programs a process holds.
int bpf_programs(pid_t pid) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
    std::error_code ec;
    if (std::filesystem::read_symlink(e.path(), ec).string() == "anon_inode:bpf-prog") n++;
  }
  return n;
}

// Without -L nothing is done at syscall entry: no program runs there, on any syscall.
TEST(Syscount, EntryProgramOnlyForLatency) {
  RT_REQUIRE_BPF();
  Tool counts({"syscount"});
  EXPECT_EQ(bpf_programs(counts.pid()), 1);
  counts.stop();
  Tool latency({"syscount", "-L"});
  EXPECT_EQ(bpf_programs(latency.pid()), 2);
  latency.stop();
}

TEST(Syscount, CountsGetppidOfOneProcess) {
  RT_REQUIRE_BPF();
  Child c(getppid_loop);
  Tool t({"syscount", "--json", "-p", std::to_string(c.pid())});
  c.wait();
  EXPECT_EQ(t.stop(), 0) << t.err();
  const auto m = counts_by_syscall(t.lines());
  ASSERT_TRUE(m.count("getppid")) << ::testing::PrintToString(t.lines());
  EXPECT_GE(m.at("getppid"), static_cast<uint64_t>(kCalls));
  EXPECT_LE(m.at("getppid"), static_cast<uint64_t>(kCalls) + 5);
  EXPECT_TRUE(t.nothing_left_loaded());
}

TEST(Syscount, TextTableWithLatency) {
  RT_REQUIRE_BPF();
  Child c(getppid_loop);
  Tool t({"syscount", "-L", "-p", std::to_string(c.pid())});
  c.wait();
  EXPECT_EQ(t.stop(), 0) << t.err();
  bool header = false, row = false;
  for (const auto& l : t.lines()) {
    const auto f = fields(l);
    header |= f == std::vector<std::string>{"SYSCALL", "COUNT", "TIME", "(us)"};
    if (f.size() == 3 && f[0] == "getppid") {
      row = std::stoul(f[1]) >= static_cast<unsigned long>(kCalls);
      EXPECT_NE(f[2].find('.'), std::string::npos) << l;
    }
  }
  EXPECT_TRUE(header && row) << ::testing::PrintToString(t.lines());
}

TEST(Syscount, ErrnoFilterCountsFailedStats) {
  RT_REQUIRE_BPF();
  for (const std::vector<std::string>& filter : {std::vector<std::string>{"-e", "ENOENT"}, {"-x"}}) {
    Child c(stat_missing);
    std::vector<std::string> args{"syscount", "--json", "-p", std::to_string(c.pid())};
    args.insert(args.end(), filter.begin(), filter.end());
    Tool t(args);
    c.wait();
    EXPECT_EQ(t.stop(), 0) << t.err();
    const auto m = counts_by_syscall(t.lines());
    uint64_t stats = 0;
    for (const auto& [name, n] : m)
      if (name.find("stat") != std::string::npos) stats += n;
    EXPECT_GE(stats, 200u) << filter[0] << ": " << ::testing::PrintToString(t.lines());
    EXPECT_EQ(m.count("getpid"), 0u) << "successful calls counted with " << filter[0];
  }
}

TEST(Syscount, PerProcess) {
  RT_REQUIRE_BPF();
  const std::string comm = unique("scp");
  Child c(getppid_loop, comm);
  Tool t({"syscount", "-P", "--json", "-p", std::to_string(c.pid())});
  c.wait();
  EXPECT_EQ(t.stop(), 0);
  ASSERT_FALSE(t.lines().empty());
  const Json j = parse_json(t.lines().at(0));
  EXPECT_EQ(j["pid"], c.pid());
  EXPECT_EQ(j["comm"], comm);
  EXPECT_GE(j["count"].get<uint64_t>(), static_cast<uint64_t>(kCalls));
}

// Two intervals: the calls made in the first are not reported again in the second.
TEST(Syscount, IntervalsDoNotCarryOver) {
  RT_REQUIRE_BPF();
  Child c([] {
    getppid_loop();
    sleep(3);
    return 0;
  });
  Tool t({"syscount", "--json", "-i", "1", "-d", "2.5", "-p", std::to_string(c.pid())});
  c.release();
  EXPECT_EQ(t.wait(), 0) << t.err();
  std::map<double, uint64_t> by_interval;
  for (const auto& l : t.lines()) {
    const Json j = parse_json(l);
    by_interval[j["ts"].get<double>()] += j["syscall"] == "getppid" ? j["count"].get<uint64_t>() : 0;
  }
  uint64_t total = 0;
  int with_calls = 0;
  for (const auto& [ts, n] : by_interval) {
    total += n;
    with_calls += n > 0;
  }
  EXPECT_GE(total, static_cast<uint64_t>(kCalls));
  EXPECT_LE(total, static_cast<uint64_t>(kCalls) + 5) << "counted twice";
  EXPECT_EQ(with_calls, 1);
}

TEST(Syscount, TwoTextIntervalsPrintTwoTables) {
  RT_REQUIRE_BPF();
  const Result r = run({"syscount", "-i", "1", "-d", "2.5"});
  EXPECT_EQ(r.code, 0) << r.err;
  int tables = 0, stamps = 0;
  std::istringstream in(r.out);
  std::string l;
  while (std::getline(in, l)) {
    tables += l.rfind("SYSCALL ", 0) == 0;
    stamps += l.size() == 10 && l[0] == '[' && l[9] == ']';
  }
  EXPECT_EQ(tables, 3) << r.out;  // two intervals and the last half second
  EXPECT_EQ(stamps, 3);
}

TEST(Syscount, ListAndBadArguments) {
  const Result l = run({"syscount", "-l"});
  EXPECT_EQ(l.code, 0);
  EXPECT_NE(l.out.find("\ngetppid\n"), std::string::npos);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"syscount", "-e", "EBOGUS"}, {"syscount", "-T", "0"}, {"syscount", "-i", "x"}}) {
    const Result r = run(args);
    EXPECT_EQ(r.code, 2) << args[1];
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
  }
}

}  // namespace
}  // namespace rt
