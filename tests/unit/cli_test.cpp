#include <gtest/gtest.h>

#include "cli/spec.h"
#include "base/error.h"

using namespace corebox;

namespace {

struct Options : cli::TaskFilter, cli::Duration {
  bool x = false, t = false;
  std::string flag;
  std::vector<std::string> many;
  unsigned interval = 0;
};

cli::Spec<Options> spec() {
  cli::Spec<Options> s("demo");
  s.summary("a demo tool");
  cli::task_filter(s, cli::kPid | cli::kUid | cli::kName);
  cli::duration(s);
  s.flag('x', "failed", &Options::x, "only failures");
  s.flag('T', "timestamp", &Options::t, "timestamps");
  s.option('f', "flag", &Options::many, "FLAG", "repeatable");
  s.positional("interval", &Options::interval, "seconds between outputs");
  s.example("demo -p 1", "PID 1");
  return s;
}

Options parse(std::vector<std::string_view> args) {
  Options o;
  EXPECT_TRUE(spec().parse(o, args));
  return o;
}

std::string error_of(std::vector<std::string_view> args) {
  Options o;
  try {
    spec().parse(o, args);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Cli, ShortLongAndClusters) {
  Options o = parse({"-xT", "-p181", "--uid=1000", "-n", "bash", "-d", "1.5", "-f", "A", "--flag", "B", "5"});
  EXPECT_TRUE(o.x);
  EXPECT_TRUE(o.t);
  EXPECT_EQ(o.pid, 181u);
  EXPECT_EQ(o.uid, 1000u);
  EXPECT_EQ(o.name, "bash");
  EXPECT_DOUBLE_EQ(o.duration_s, 1.5);
  EXPECT_EQ(o.many, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(o.interval, 5u);
}

TEST(Cli, DurationUnits) {
  EXPECT_DOUBLE_EQ(parse({"-d", "500ms"}).duration_s, 0.5);
  EXPECT_DOUBLE_EQ(parse({"--duration", "2m"}).duration_s, 120);
  EXPECT_DOUBLE_EQ(parse({"-d", "3s"}).duration_s, 3);
}

TEST(Cli, ErrorsNameTheProblem) {
  EXPECT_EQ(error_of({"-z"}), "unknown option '-z'");
  EXPECT_EQ(error_of({"--nope"}), "unknown option '--nope'");
  EXPECT_EQ(error_of({"-p", "abc"}), "invalid PID 'abc' for --pid");
  EXPECT_EQ(error_of({"-p", "0"}), "invalid PID '0' for --pid");
  EXPECT_EQ(error_of({"-p", "99999999"}), "invalid PID '99999999' for --pid");
  EXPECT_EQ(error_of({"-d", "-1"}), "invalid duration '-1' for --duration");
  EXPECT_EQ(error_of({"-d", "0"}), "invalid duration '0' for --duration");
  // Values that would never expire (a disarmed timer) or overflow.
  EXPECT_EQ(error_of({"-d", "1e-10"}), "invalid duration '1e-10' for --duration: must be between 1ms and 365 days");
  EXPECT_EQ(error_of({"-d", "1e308h"}), "invalid duration '1e308h' for --duration: must be between 1ms and 365 days");
  EXPECT_EQ(error_of({"-d", "500us"}), "invalid duration '500us' for --duration: must be between 1ms and 365 days");
  EXPECT_DOUBLE_EQ(parse({"-d", "1ms"}).duration_s, 0.001);
  EXPECT_EQ(error_of({"-u", "x1"}), "invalid UID 'x1' for --uid");
  EXPECT_EQ(error_of({"-p"}), "option '-p' needs a value");
  EXPECT_EQ(error_of({"--failed=1"}), "option '--failed' takes no value");
  EXPECT_EQ(error_of({"1", "2"}), "unexpected argument '2'");
  EXPECT_EQ(error_of({"-n", "a-name-longer-than-15"}),
            "name 'a-name-longer-than-15' for --name is longer than a command name (15 bytes)");
}

TEST(Cli, HelpIsGeneratedFromDeclarations) {
  Options o;
  EXPECT_FALSE(spec().parse(o, {"--help"}));
  const std::string h = spec().core().help();
  EXPECT_NE(h.find("Usage: corebox demo [OPTIONS] [interval]"), std::string::npos) << h;
  EXPECT_NE(h.find("  -p, --pid PID"), std::string::npos) << h;
  EXPECT_NE(h.find("  -f, --flag FLAG"), std::string::npos) << h;
  EXPECT_NE(h.find("Examples:\n  demo -p 1"), std::string::npos) << h;
}
