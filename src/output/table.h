#pragma once
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "output/writer.h"

namespace corebox::output {

// How a value is shown in text; JSON always shows numbers as numbers.
enum class Fmt {
  Dec,     // integer
  Oct8,    // integer as %08o (open flags)
  Fixed3,  // double with three decimals (seconds)
  Clock,   // double seconds since the epoch, shown as local HH:MM:SS
  Str,     // string from the traced system, escaped
  Bool,
};

struct Column {
  std::string_view header;  // text header; columns with an empty header are JSON only
  int width = 0;            // minimum text width
  std::string_view key;     // JSON key; columns with an empty key are text only
  Fmt fmt = Fmt::Str;
  bool right = false;  // right-aligned in text
  bool shown = true;   // shown in text (JSON has every keyed column)
};

// One cell: a number, a string or a flag. Cheap to build, no allocation.
struct Value {
  enum class Kind { Int, Uint, Double, Str, Bool } kind;
  union {
    int64_t i;
    uint64_t u;
    double d;
    bool b;
  };
  std::string_view s;

  Value(int v) : kind(Kind::Int), i(v) {}
  Value(long v) : kind(Kind::Int), i(v) {}
  Value(long long v) : kind(Kind::Int), i(v) {}
  Value(unsigned v) : kind(Kind::Uint), u(v) {}
  Value(unsigned long v) : kind(Kind::Uint), u(v) {}
  Value(unsigned long long v) : kind(Kind::Uint), u(v) {}
  Value(double v) : kind(Kind::Double), d(v) {}
  Value(bool v) : kind(Kind::Bool), b(v) {}
  Value(std::string_view v) : kind(Kind::Str), u(0), s(v) {}
  Value(const char* v) : kind(Kind::Str), u(0), s(v) {}
  Value(const std::string& v) : kind(Kind::Str), u(0), s(v) {}
  // A fixed-size char array from a BPF event: up to the first NUL.
  template <std::size_t N>
  Value(const char (&a)[N]) : kind(Kind::Str), u(0), s(a, strnlen(a, N)) {}
};

// A table of events: the classic columns in text, or one JSON object per row.
class Table {
 public:
  Table(Writer& w, bool json, std::vector<Column> columns);
  void header();
  // One value per column, in the declared order (hidden columns included).
  void row(std::initializer_list<Value> values);

 private:
  void text_cell(const Column& c, const Value& v, bool last);
  void json_value(const Column& c, const Value& v);

  Writer& w_;
  bool json_;
  std::vector<Column> cols_;
  int64_t clock_sec_ = -1;  // last second rendered by Fmt::Clock, and its text
  char clock_[9] = {};
};

// The last line of every event tool: how many events were shown and lost.
void summary(Writer& out, bool json, std::string_view tool, uint64_t events, uint64_t lost);

}  // namespace corebox::output
