#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace corebox::output {

// Buffered output to a file descriptor: one write() per batch of events, not per line.
// A closed reader (EPIPE) marks the writer broken; the event loop then stops quietly.
class Writer {
 public:
  explicit Writer(int fd = 1, std::size_t capacity = 1 << 16);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer();

  void put(std::string_view s) {
    if (s.size() > cap_ - len_) spill(s);
    else {
      __builtin_memcpy(buf_ + len_, s.data(), s.size());
      len_ += s.size();
    }
  }
  void put(char c) {
    if (len_ == cap_) flush();
    buf_[len_++] = c;
  }
  void put_int(int64_t v);
  void put_uint(uint64_t v);
  void put_fixed(double v, int decimals);
  void pad(std::size_t n) {
    while (n--) put(' ');
  }
  void flush();
  // Nothing more can be written: the reader went away (EPIPE) or a write failed.
  bool broken() const { return broken_; }
  // The errno of a failed write other than EPIPE (a full disk, an I/O error), or 0.
  int error() const { return error_; }
  // Lines that could not be written (each record is one line).
  uint64_t dropped_lines() const { return dropped_lines_; }

 private:
  void spill(std::string_view s);
  bool write_all(const char* p, std::size_t n);
  void fail(int err);
  int fd_;
  char* buf_;
  std::size_t cap_, len_ = 0;
  bool broken_ = false;
  int error_ = 0;
  uint64_t dropped_lines_ = 0;
};

// JSON string escaping: quotes, backslashes and control characters escaped; invalid
// UTF-8 bytes replaced by U+FFFD, so that every line is valid JSON.
void put_json_string(Writer& w, std::string_view s);

// Text-mode escaping for values that come from the traced system: control characters
// are shown as \n, \t or \xNN, so one event stays one line.
void put_text(Writer& w, std::string_view s);
std::size_t text_width(std::string_view s);

}  // namespace corebox::output
