#include "bpf/libbpf_log.h"

#include <bpf/libbpf.h>

#include <cstdarg>
#include <cstdio>

namespace corebox::bpf {
namespace {

bool verbose = false;
char last_warning[512];

int print(enum libbpf_print_level level, const char* fmt, va_list args) {
  if (verbose) return vfprintf(stderr, fmt, args);
  if (level == LIBBPF_WARN) {
    va_list copy;
    va_copy(copy, args);
    vsnprintf(last_warning, sizeof(last_warning), fmt, copy);
    va_end(copy);
  }
  return 0;
}

}  // namespace

void install_libbpf_log() { libbpf_set_print(print); }
void set_libbpf_verbose(bool on) { verbose = on; }

std::string last_libbpf_warning() {
  std::string s = last_warning;
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  if (s.rfind("libbpf: ", 0) == 0) s.erase(0, 8);
  return s;
}

}  // namespace corebox::bpf
