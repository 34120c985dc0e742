// Checks every tool in `corebox --list` gets: bad input, help, privileges, signals,
// and nothing left loaded after exit.
#include <csignal>
#include <sstream>

#include "harness.h"

namespace rt {
namespace {

std::vector<std::string> all_tools() {
  std::vector<std::string> tools;
  const Result r = run({"--list"});
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) tools.push_back(fields(line).front());
  return tools;
}

class AnyTool : public ::testing::TestWithParam<std::string> {};

TEST_P(AnyTool, UnknownOptionIsOneLineAndExit2) {
  const Result r = run({GetParam(), "--no-such-option"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("unknown option '--no-such-option'"), std::string::npos) << r.err;
}

TEST_P(AnyTool, HelpListsOptions) {
  const Result r = run({GetParam(), "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("Usage: corebox " + GetParam()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--json"), std::string::npos);
}

TEST_P(AnyTool, MissingBtfFileIsOneLine) {
  const Result r = run({GetParam(), "--btf", "/nonexistent/vmlinux"});
  EXPECT_NE(r.code, 0);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("/nonexistent/vmlinux"), std::string::npos) << r.err;
}

TEST_P(AnyTool, UnprivilegedSaysWhatIsMissing) {
  RT_REQUIRE_BPF();  // dropping to nobody needs root
  const Result r = run({GetParam()}, {.uid = 65534});
  EXPECT_NE(r.code, 0);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("privileges"), std::string::npos) << r.err;
}

TEST_P(AnyTool, SigintAndSigtermExitCleanly) {
  RT_REQUIRE_BPF();
  for (int sig : {SIGINT, SIGTERM}) {
    Tool t({GetParam()});
    const int code = t.stop(sig);
    EXPECT_EQ(code, 0) << "signal " << sig << ": " << t.err();
    EXPECT_TRUE(t.nothing_left_loaded()) << "signal " << sig;
  }
}

// A full disk (or a dead terminal) is not a quiet success: one line naming the error,
// exit 1. (EPIPE, a reader that went away, stays a quiet stop.)
TEST_P(AnyTool, WriteErrorIsOneLineAndExit1) {
  RT_REQUIRE_BPF();
  // Text: the header or banner cannot be written; the tool stops by itself.
  Tool t({GetParam()}, {.wait_attached = false, .stdout_path = "/dev/full"});
  EXPECT_EQ(t.wait(10s), 1) << t.err();
  EXPECT_NE(t.err().find("write to stdout: No space left on device"), std::string::npos) << t.err();
  EXPECT_EQ(t.err().find('\n'), t.err().size() - 1) << "one line: " << t.err();
  // JSON: an event tool writes nothing before its first event (the machine's own, which
  // stop it at once) or its summary (at Ctrl-C): either way, the same line and exit 1.
  if (!GetParam().ends_with("snoop") && GetParam() != "oomkill" && GetParam() != "filelife") return;
  Tool j({GetParam(), "--json"}, {.wait_attached = false, .stdout_path = "/dev/full"});
  const int code = j.wait_attached() ? j.stop(SIGINT) : j.wait();
  EXPECT_EQ(code, 1) << j.err();
  EXPECT_NE(j.err().find("write to stdout: No space left on device"), std::string::npos) << j.err();
}

INSTANTIATE_TEST_SUITE_P(Common, AnyTool, ::testing::ValuesIn(all_tools()),
                         [](const auto& info) { return info.param; });

TEST(Dispatcher, UnknownToolIsOneLine) {
  const Result r = run({"no-such-tool"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(count_lines(r.err), 1);
  EXPECT_NE(r.err.find("unknown tool 'no-such-tool'"), std::string::npos) << r.err;
}

TEST(Dispatcher, VersionAndFeatures) {
  EXPECT_EQ(run({"--version"}).out.rfind("corebox ", 0), 0u);
  const Result f = run({"features", "--json"});
  EXPECT_EQ(f.code, 0);
  const Json j = parse_json(f.out);
  EXPECT_TRUE(j.contains("ringbuf"));
  EXPECT_TRUE(j.contains("fentry"));
  EXPECT_TRUE(j.contains("kprobes"));
}

}  // namespace
}  // namespace rt
