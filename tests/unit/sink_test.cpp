// The sinks on synthetic records: bcc's text layouts, NDJSON with the interval's "ts",
// and Prometheus exposition checked by promtool.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "capture.h"
#include "output/sink.h"
#include "output/table.h"
#include "report/interval.h"

using namespace corebox::output;

namespace {

const std::vector<uint32_t> kSlots = {1, 0, 3};

std::string render(Format f, const std::function<void(Sink&)>& fn) {
  return capture([&](Writer& w) {
    auto sink = make_sink(f, w);
    fn(*sink);
  });
}

TEST(TextSink, HistogramLabelsAsBccPrintsThem) {
  // runqlat -P: a blank line, "pid = 42 bash", the histogram; JSON-only labels unseen.
  const Field pid[] = {{"offcpu", false}, {"pid", 42u, "pid"}, {"comm", "bash", {}, true}};
  const std::string t = render(Format::Text, [&](Sink& s) { s.hist({.labels = pid, .unit = "usecs", .slots = kSlots}); });
  EXPECT_EQ(t.substr(0, 17), "\npid = 42 bash\n  ");
  // biolatency -D -F: each label on its own line after a blank one.
  const Field two[] = {{"disk", "vda", "disk"}, {"flags", "Write", "flags"}};
  const std::string b = render(Format::Text, [&](Sink& s) { s.hist({.labels = two, .unit = "usecs", .slots = kSlots}); });
  EXPECT_EQ(b.substr(0, 27), "\ndisk = vda\n\nflags = Write\n");
  // hardirqs -d: the label right away, a blank line after.
  const Field irq[] = {{"hardirq", "virtio0", "hardirq"}};
  const std::string h = render(Format::Text, [&](Sink& s) {
    s.hist({.labels = irq, .unit = "usecs", .slots = kSlots, .text = HistText::Trailing});
  });
  EXPECT_EQ(h.substr(0, 18), "hardirq = virtio0\n");
  EXPECT_EQ(h.substr(h.size() - 3), "|\n\n");
  // Labels from the traced system are escaped: one label stays one line.
  const Field odd[] = {{"comm", "a\nb", "comm"}};
  const std::string o = render(Format::Text, [&](Sink& s) { s.hist({.labels = odd, .unit = "usecs", .slots = kSlots}); });
  EXPECT_EQ(o.substr(0, 13), "\ncomm = a\\nb\n");
}

TEST(JsonSink, IntervalRecordsStartWithTs) {
  const Field pid[] = {{"pid", 7u, "pid"}};
  const Field line[] = {{"cpu", 1u}, {"runqocc_pct", 12.5}};
  const std::string j = render(Format::Json, [&](Sink& s) {
    s.note("not in JSON\n");
    s.begin_interval(1700000000.5);
    s.hist({.labels = pid, .unit = "usecs", .slots = kSlots});
    s.line({.fields = line, .labels = 1, .text = "runqocc, CPU 1    12.50%"});
    Table t(s, {{"SYSCALL", 22, "syscall", Fmt::Str}, {"COUNT", 8, "count", Fmt::Dec, true}});
    t.header();
    t.row({"read", 3u});
    s.end_interval();
    t.row({"write", 1u});
  });
  EXPECT_EQ(j,
            "{\"ts\":1700000000.500000,\"pid\":7,\"unit\":\"usecs\",\"total\":4,\"buckets\":["
            "{\"low\":0,\"high\":1,\"count\":1},{\"low\":2,\"high\":3,\"count\":0},{\"low\":4,\"high\":7,\"count\":3}]}\n"
            "{\"ts\":1700000000.500000,\"cpu\":1,\"runqocc_pct\":12.500000}\n"
            "{\"ts\":1700000000.500000,\"syscall\":\"read\",\"count\":3}\n"
            "{\"syscall\":\"write\",\"count\":1}\n");
  std::size_t start = 0;
  for (std::size_t end; (end = j.find('\n', start)) != std::string::npos; start = end + 1)
    EXPECT_NO_THROW(nlohmann::json::parse(j.substr(start, end - start)));
}

TEST(TextSink, DetailLayoutAndCutStrings) {
  const std::vector<Column> cols = {{"PID", 7, "pid", Fmt::Dec}, {"", 0, "tid", Fmt::Dec}, {"PATH", 0, "path", Fmt::Str}};
  const std::string d = render(Format::Text, [&](Sink& s) {
    Table t(s, cols, {}, Layout::Detail);
    t.header();
    t.row({42, 43, Value::cut("/tmp/x", true)});
  });
  EXPECT_EQ(d, "PID: 42\nPATH: /tmp/x...\n\n");
  const std::string c = render(Format::Text, [&](Sink& s) {
    Table t(s, {{"PATH", 10, "path", Fmt::Str}, {"PID", 3, "pid", Fmt::Dec}});
    t.row({Value::cut("/ab", true), 1});
  });
  EXPECT_EQ(c, "/ab...     1\n");  // the mark counts in the width
  const std::string j = render(Format::Json, [&](Sink& s) {
    Table t(s, cols);
    t.row({42, 43, Value::cut("/tmp/x", true)});
  });
  EXPECT_EQ(j, "{\"pid\":42,\"tid\":43,\"path\":\"/tmp/x\"}\n");
}

TEST(Table, RowOfTheWrongLengthIsAnError) {
  EXPECT_THROW(render(Format::Text,
                      [](Sink& s) {
                        Table t(s, {{"A", 1, "a", Fmt::Dec}, {"B", 1, "b", Fmt::Dec}});
                        t.row({1});
                      }),
               std::exception);
  EXPECT_THROW(render(Format::Json,
                      [](Sink& s) {
                        Table t(s, {{"A", 1, "a", Fmt::Dec}});
                        t.row({1, 2});
                      }),
               std::exception);
}

TEST(Report, IntervalHeadings) {
  const std::string blank = render(Format::Text, [](Sink& s) {
    corebox::report::begin(s, corebox::report::Heading::Blank, false);
    corebox::report::end(s);
  });
  EXPECT_EQ(blank, "\n");
  const std::string bracketed = render(Format::Text, [](Sink& s) {
    corebox::report::begin(s, corebox::report::Heading::Bracketed, true);
    corebox::report::end(s);
  });
  ASSERT_EQ(bracketed.size(), 11u);
  EXPECT_EQ(bracketed[0], '[');
  EXPECT_EQ(bracketed.substr(9), "]\n");
  const std::string none = render(Format::Text, [](Sink& s) {
    corebox::report::begin(s, corebox::report::Heading::None, true);
    corebox::report::end(s);
  });
  EXPECT_EQ(none, "");
}

std::string prom_sample() {
  return render(Format::Prometheus, [](Sink& s) {
    s.note("no text in metrics\n");
    s.begin_interval(1.0);
    const Field a[] = {{"disk", "vda", "disk"}};
    const Field b[] = {{"disk", "v\"d\\b\n", "disk"}};
    s.hist({.metric = "biolatency", .labels = a, .unit = "usecs", .slots = kSlots});
    s.hist({.metric = "biolatency", .labels = b, .unit = "usecs", .slots = kSlots});
    Table t(s,
            {{"SYSCALL", 22, "syscall", Fmt::Str, false, true, true},
             {"", 0, "nr", Fmt::Dec, false, true, true},
             {"COUNT", 8, "count", Fmt::Dec, true}},
            "syscount");
    t.row({"read", 0, 12u});
    t.row({"write", 1, 3u});
    const Field occ[] = {{"cpu", 0u}, {"runqocc_pct", 12.5}};
    s.line({.metric = "runqlen", .fields = occ, .labels = 1, .text = "x"});
    const Field len[] = {{"cpu", 0u}};
    const std::vector<uint32_t> lin = {5, 2};
    s.hist({.metric = "runqlen", .labels = len, .unit = "runqlen", .slots = lin, .linear = true});
    s.end_interval();
    s.summary({"opensnoop", 10, 2});
  });
}

TEST(PromSink, HistogramsInBaseUnitsCumulative) {
  const std::string p = prom_sample();
  EXPECT_EQ(p.find("no text"), std::string::npos);
  EXPECT_NE(p.find("# TYPE corebox_biolatency_seconds histogram\n"), std::string::npos);
  // Slot 0 holds 0-1 us, slot 2 holds 4-7 us: the exclusive bounds are 2 us and 8 us.
  EXPECT_NE(p.find("corebox_biolatency_seconds_bucket{disk=\"vda\",le=\"2e-06\"} 1\n"), std::string::npos) << p;
  EXPECT_NE(p.find("corebox_biolatency_seconds_bucket{disk=\"vda\",le=\"8e-06\"} 4\n"), std::string::npos);
  EXPECT_NE(p.find("corebox_biolatency_seconds_bucket{disk=\"vda\",le=\"+Inf\"} 4\n"), std::string::npos);
  EXPECT_NE(p.find("corebox_biolatency_seconds_count{disk=\"vda\"} 4\n"), std::string::npos);
  EXPECT_NE(p.find("disk=\"v\\\"d\\\\b\\n\""), std::string::npos);  // escaped label value
  EXPECT_NE(p.find("corebox_syscount_count_value{syscall=\"read\",nr=\"0\"} 12\n"), std::string::npos);
  EXPECT_NE(p.find("corebox_runqlen_runqocc_pct{cpu=\"0\"} 12.5\n"), std::string::npos);
  // A run queue length of 1 is counted under le="1" (a count, not a truncated time).
  EXPECT_NE(p.find("corebox_runqlen_bucket{cpu=\"0\",le=\"1\"} 7\n"), std::string::npos);
  EXPECT_NE(p.find("corebox_lost_events_total{tool=\"opensnoop\"} 2\n"), std::string::npos);
  // Each family once, its samples together.
  EXPECT_EQ(p.find("# TYPE corebox_biolatency_seconds"), p.rfind("# TYPE corebox_biolatency_seconds"));
}

TEST(PromSink, PromtoolAcceptsTheExposition) {
  if (std::system("command -v promtool >/dev/null 2>&1") != 0) {
    if (const char* ci = std::getenv("CI"); ci && std::string(ci) == "true") FAIL() << "promtool is missing in CI";
    GTEST_SKIP() << "promtool (Debian's prometheus package) is not installed";
  }
  const std::string p = prom_sample();
  FILE* f = popen("promtool check metrics >/dev/null 2>&1", "w");
  ASSERT_NE(f, nullptr);
  std::fwrite(p.data(), 1, p.size(), f);
  const int status = pclose(f);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "promtool rejected:\n" << p;
}

}  // namespace
