#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "aggregate_util.h"

namespace rt {
namespace {

// Device interrupts so far, from /proc/interrupts: numbered IRQ line -> count summed
// over CPUs, keyed "IRQ name" for the failure messages.
std::map<std::string, uint64_t> device_interrupts() {
  std::ifstream in("/proc/interrupts");
  std::string line;
  std::map<std::string, uint64_t> m;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string irq;
    f >> irq;
    if (irq.empty() || !std::isdigit(static_cast<unsigned char>(irq[0]))) continue;
    uint64_t n, sum = 0;
    while (f >> n) sum += n;  // stops at the controller name
    const auto fs = fields(line);
    m[irq + " " + fs.back()] = sum;
  }
  return m;
}

std::string changed(const std::map<std::string, uint64_t>& before, const std::map<std::string, uint64_t>& after) {
  std::string out;
  for (const auto& [k, v] : after)
    if (auto it = before.find(k); it == before.end() || it->second != v) out += k + " ";
  return out;
}

// Disk I/O causes interrupts where the disk is a device (virtio here); a minimal VM
// guest may have no device interrupting at all, which /proc/interrupts tells.
void cause_interrupts() {
  if (const std::string d = block_backed_dir(); !d.empty()) {
    const std::string p = d + "/" + unique("irq-");
    direct_io(p, true, 16, 4096);
    unlink(p.c_str());
  }
}

TEST(Hardirqs, TotalsOverTwoSecondsText) {
  RT_REQUIRE_BPF();
  Tool t({"hardirqs", "2", "1"});
  // Counted once attached: a guest's serial console interrupts while the tool loads.
  const auto before = device_interrupts();
  cause_interrupts();
  EXPECT_EQ(t.wait(), 0) << t.err();
  const std::string irqs = changed(before, device_interrupts());
  if (irqs.empty()) GTEST_SKIP() << "no device interrupt in /proc/interrupts during the test";
  bool header = false;
  int rows = 0;
  for (const auto& l : t.lines()) {
    const auto f = fields(l);
    if (f == std::vector<std::string>{"HARDIRQ", "TOTAL_usecs"}) header = true;
    else if (header && f.size() >= 2) rows++;
  }
  EXPECT_TRUE(header) << ::testing::PrintToString(t.lines());
  EXPECT_GT(rows, 0) << ::testing::PrintToString(t.lines()) << "; interrupts seen in /proc/interrupts: " << irqs;
}

TEST(Hardirqs, CountJsonAndDistJson) {
  RT_REQUIRE_BPF();
  for (const std::string mode : {"-C", "-d"}) {
    Tool t({"hardirqs", "--json", mode, "2", "1"});
    const auto before = device_interrupts();
    cause_interrupts();
    EXPECT_EQ(t.wait(), 0) << t.err();
    const std::string irqs = changed(before, device_interrupts());
  if (irqs.empty()) GTEST_SKIP() << "no device interrupt in /proc/interrupts during the test";
    ASSERT_FALSE(t.lines().empty()) << mode;
    for (const auto& l : t.lines()) {
      const Json j = parse_json(l);
      EXPECT_TRUE(j["hardirq"].is_string()) << l;
      if (mode == "-C") {
        EXPECT_EQ(j["unit"], "count");
        EXPECT_GT(j["total"].get<uint64_t>(), 0u);
      } else {
        EXPECT_TRUE(buckets_sum_to_total(j));
      }
    }
  }
}

TEST(Hardirqs, BadArguments) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"hardirqs", "-C", "-d"}, {"hardirqs", "-c", "9999"}, {"hardirqs", "-c", "x"}}) {
    const Result r = run(args);
    EXPECT_EQ(r.code, 2) << args[1];
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
  }
}

}  // namespace
}  // namespace rt
