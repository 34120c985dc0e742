#include "output/writer.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace corebox::output {

Writer::Writer(int fd, std::size_t capacity)
    : fd_(fd), buf_(static_cast<char*>(std::malloc(capacity))), cap_(capacity) {}

Writer::~Writer() {
  flush();
  std::free(buf_);
}

void Writer::fail(int err) {
  broken_ = true;
  if (err != EPIPE && !error_) error_ = err;  // EPIPE: nobody reads any more, a quiet stop
}

// Writes all of [p, p+n); what could not be written counts as dropped lines.
bool Writer::write_all(const char* p, std::size_t n) {
  while (n && !broken_) {
    const ssize_t w = ::write(fd_, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      fail(errno);
      break;
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  if (n) dropped_lines_ += static_cast<uint64_t>(std::count(p, p + n, '\n'));
  return n == 0;
}

void Writer::flush() {
  write_all(buf_, len_);
  len_ = 0;
}

void Writer::spill(std::string_view s) {
  flush();
  if (s.size() > cap_) {
    write_all(s.data(), s.size());
    return;
  }
  std::memcpy(buf_, s.data(), s.size());
  len_ = s.size();
}

void Writer::put_int(int64_t v) {
  char tmp[24];
  auto r = std::to_chars(tmp, tmp + sizeof(tmp), v);
  put(std::string_view(tmp, static_cast<std::size_t>(r.ptr - tmp)));
}

void Writer::put_uint(uint64_t v) {
  char tmp[24];
  auto r = std::to_chars(tmp, tmp + sizeof(tmp), v);
  put(std::string_view(tmp, static_cast<std::size_t>(r.ptr - tmp)));
}

void Writer::put_fixed(double v, int decimals) {
  char tmp[64];
  auto r = std::to_chars(tmp, tmp + sizeof(tmp), v, std::chars_format::fixed, decimals);
  put(std::string_view(tmp, static_cast<std::size_t>(r.ptr - tmp)));
}

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not one.
std::size_t utf8_len(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t n;
  uint32_t cp;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) n = 2, cp = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef) n = 3, cp = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4) n = 4, cp = c & 0x07;
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; k++) {
    if ((b(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3f);
  }
  if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
    return 0;
  return n;
}

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void put_json_string(Writer& w, std::string_view s) {
  w.put('"');
  std::size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      i++;
      continue;
    }
    std::size_t n = c >= 0x80 ? utf8_len(s, i) : 0;
    if (n) {
      i += n;
      continue;
    }
    w.put(s.substr(run, i - run));
    switch (c) {
      case '"': w.put("\\\""); break;
      case '\\': w.put("\\\\"); break;
      case '\n': w.put("\\n"); break;
      case '\t': w.put("\\t"); break;
      case '\r': w.put("\\r"); break;
      case '\b': w.put("\\b"); break;
      case '\f': w.put("\\f"); break;
      default:
        if (c < 0x20 || c == 0x7f) {
          const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          w.put(std::string_view(esc, sizeof(esc)));
        } else {
          w.put("\xef\xbf\xbd");  // U+FFFD for a byte that is not valid UTF-8
        }
    }
    run = ++i;
  }
  w.put(s.substr(run));
  w.put('"');
}

void put_text(Writer& w, std::string_view s) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); i++) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != 0x7f) continue;
    w.put(s.substr(run, i - run));
    if (c == '\n') w.put("\\n");
    else if (c == '\t') w.put("\\t");
    else {
      const char esc[] = {'\\', 'x', kHex[c >> 4], kHex[c & 15]};
      w.put(std::string_view(esc, sizeof(esc)));
    }
    run = i + 1;
  }
  w.put(s.substr(run));
}

std::size_t text_width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c >= 0x20 && c != 0x7f) ? ((c & 0xc0) != 0x80) : (c == '\n' || c == '\t' ? 2 : 4);
  return n;
}

}  // namespace corebox::output
