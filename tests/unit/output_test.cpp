#include <gtest/gtest.h>

#include "capture.h"
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "output/sink.h"
#include "output/table.h"
#include "output/writer.h"

using namespace corebox::output;

namespace {


std::vector<Column> columns() {
  return {
      {"TIME", 8, "ts", Fmt::Clock, false, false},
      {"PID", 7, "pid", Fmt::Dec},
      {"COMM", 16, "comm", Fmt::Str},
      {"FD", 3, "fd", Fmt::Dec, true},
      {"FLAGS", 8, "flags", Fmt::Oct8},
      {"", 0, "tid", Fmt::Dec},
      {"PATH", 0, "path", Fmt::Str},
  };
}

}  // namespace

TEST(Table, TextGolden) {
  const std::string s = capture([](Writer& w) {
    auto sink = make_sink(Format::Text, w);
    Table t(*sink, columns());
    t.header();
    const char comm[16] = "cat";
    t.row({1.0, 4242, comm, 3, 0101u, 4243, "/etc/passwd"});
    t.row({1.0, 1, "systemd", -1, 02000000u, 1, "/a\nb"});
  });
  EXPECT_EQ(s,
            "PID     COMM              FD FLAGS    PATH\n"
            "4242    cat                3 00000101 /etc/passwd\n"
            "1       systemd           -1 02000000 /a\\nb\n");
}

TEST(Table, JsonGolden) {
  const std::string s = capture([](Writer& w) {
    auto sink = make_sink(Format::Json, w);
    Table t(*sink, columns());
    t.header();
    t.row({1700000000.25, 4242, "cat", 3, 0101u, 4243, "/etc/passwd"});
  });
  EXPECT_EQ(s,
            "{\"ts\":1700000000.250000,\"pid\":4242,\"comm\":\"cat\",\"fd\":3,\"flags\":65,\"tid\":4243,"
            "\"path\":\"/etc/passwd\"}\n");
}

TEST(Json, EscapesOddStrings) {
  const std::string odd = std::string("q\"b\\s/n\nt\tc\x01\x7f") + "\xff" + "\xc3\xa9" + "\xe2\x82" + "\xf0\x9f\x98\x80";
  const std::string s = capture([&](Writer& w) { put_json_string(w, odd); });
  EXPECT_EQ(s, "\"q\\\"b\\\\s/n\\nt\\tc\\u0001\\u007f\xef\xbf\xbd\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd\xf0\x9f\x98\x80\"");
  // And a real parser agrees.
  const auto j = nlohmann::json::parse(s);
  EXPECT_EQ(j.get<std::string>().substr(0, 4), "q\"b\\");
}

TEST(Json, OverlongAndSurrogatesAreInvalid) {
  // C0 80 (overlong NUL) and ED A0 80 (a UTF-16 surrogate) are not UTF-8.
  const std::string s = capture([](Writer& w) { put_json_string(w, "\xc0\x80\xed\xa0\x80"); });
  EXPECT_NO_THROW(nlohmann::json::parse(s));
  EXPECT_EQ(s.find("\xc0"), std::string::npos);
  EXPECT_EQ(s.find("\xed\xa0"), std::string::npos);
}

TEST(Writer, LargeWritesAndNumbers) {
  const std::string big(200000, 'x');
  const std::string s = capture([&](Writer& w) {
    w.put_int(-42);
    w.put(' ');
    w.put_uint(18446744073709551615ull);
    w.put(' ');
    w.put_fixed(1.23456, 3);
    w.put(big);
  });
  EXPECT_EQ(s.substr(0, 31), "-42 18446744073709551615 1.235x");
  EXPECT_EQ(s.size(), 30 + big.size());
}

TEST(Summary, TextAndJson) {
  const std::string j = capture([](Writer& w) { make_sink(Format::Json, w)->summary({"opensnoop", 10, 2}); });
  EXPECT_EQ(j, "{\"type\":\"summary\",\"tool\":\"opensnoop\",\"events\":10,\"lost_events\":2}\n");
}
