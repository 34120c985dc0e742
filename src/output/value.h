#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace corebox::output {

// One value of a record: a number, a string or a flag. Cheap to build, no allocation:
// strings are views into the event or the tool's buffers, valid while the record is
// being rendered.
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

  // A string that was cut to fit an event: text marks it with "..." (JSON says so in
  // its own "truncated" key).
  static Value cut(std::string_view v, bool truncated) {
    Value x(v);
    x.u = truncated;
    return x;
  }
  bool is_cut() const { return kind == Kind::Str && u != 0; }
};

// How a column's value is shown in text; JSON always shows numbers as numbers.
enum class Fmt {
  Dec,     // integer
  Oct8,    // integer as %08o (open flags)
  Fixed3,  // double with three decimals (seconds, milliseconds)
  Clock,   // double seconds since the epoch, shown as local HH:MM:SS
  Str,     // string from the traced system, escaped
  Bool,
};

// A column of a table: its text header and layout, and its JSON key.
struct Column {
  std::string_view header;  // text header; columns with an empty header are JSON only
  int width = 0;            // minimum text width
  std::string_view key;     // JSON key; columns with an empty key are text only
  Fmt fmt = Fmt::Str;
  bool right = false;  // right-aligned in text
  bool shown = true;   // shown in text (JSON has every keyed column)
  bool label = false;  // in metrics, a label of the row's samples rather than a sample
};

// A named value outside a table: a histogram's labels, the fields of a line.
//   title: how text names it ("pid = 42"); empty: JSON (and metrics) only.
//   join:  text shows it after the previous label on the same line ("pid = 42 bash").
// A histogram's fields are all labels in metrics; a line says how many of its first
// fields are.
struct Field {
  std::string_view key;
  Value value;
  std::string_view title = {};
  bool join = false;
};

}  // namespace corebox::output
