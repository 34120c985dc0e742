#include "cli/parse.h"

#include <sys/stat.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "base/error.h"

namespace corebox::cli {
namespace {

[[noreturn]] void bad(const char* what, const std::string& opt, std::string_view text) {
  throw UsageError(std::string("invalid ") + what + " '" + std::string(text) + "' for " + opt);
}

template <class T>
bool parse_int(std::string_view text, T& out) {
  if (text.empty()) return false;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && p == text.data() + text.size();
}

}  // namespace

template <>
void parse_value<int>(const std::string& opt, std::string_view text, int& out) {
  if (!parse_int(text, out)) bad("number", opt, text);
}
template <>
void parse_value<unsigned>(const std::string& opt, std::string_view text, unsigned& out) {
  if (!parse_int(text, out)) bad("number", opt, text);
}
template <>
void parse_value<uint64_t>(const std::string& opt, std::string_view text, uint64_t& out) {
  if (!parse_int(text, out)) bad("number", opt, text);
}
template <>
void parse_value<double>(const std::string& opt, std::string_view text, double& out) {
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || !std::isfinite(out))
    bad("number", opt, text);
}
template <>
void parse_value<std::string>(const std::string&, std::string_view text, std::string& out) {
  out = text;
}
template <>
void parse_value<std::vector<std::string>>(const std::string&, std::string_view text, std::vector<std::string>& out) {
  out.emplace_back(text);
}

void parse_pid(const std::string& opt, std::string_view text, uint32_t& out) {
  // PID_MAX_LIMIT is 4194304 on 64-bit kernels.
  if (!parse_int(text, out) || out == 0 || out > 4194304) bad(opt == "--tid" ? "TID" : "PID", opt, text);
}

void parse_uid(const std::string& opt, std::string_view text, std::optional<uint32_t>& out) {
  uint32_t v;
  if (!parse_int(text, v) || v == std::numeric_limits<uint32_t>::max()) bad("UID", opt, text);
  out = v;
}

void parse_comm(const std::string& opt, std::string_view text, std::string& out) {
  if (text.empty()) bad("name", opt, text);
  if (text.size() > 15)
    throw UsageError("name '" + std::string(text) + "' for " + opt + " is longer than a command name (15 bytes)");
  out = text;
}

void parse_cgroup_path(const std::string& opt, std::string_view text, std::string& out) {
  struct stat st{};
  if (::stat(std::string(text).c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw UsageError("cgroup '" + std::string(text) + "' for " + opt + " is not a directory");
  out = text;
}

double duration_seconds(std::string_view text) {
  double scale = 1;
  for (auto [suffix, mult] : {std::pair{"ms", 1e-3}, {"us", 1e-6}, {"s", 1.0}, {"m", 60.0}, {"h", 3600.0}}) {
    const std::string_view sfx(suffix);
    if (text.size() > sfx.size() && text.substr(text.size() - sfx.size()) == sfx) {
      text.remove_suffix(sfx.size());
      scale = mult;
      break;
    }
  }
  double v;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v) || v <= 0) return -1;
  return v * scale;
}

void parse_duration(const std::string& opt, std::string_view text, double& out) {
  out = duration_seconds(text);
  if (out <= 0) bad("duration", opt, text);
  // A timer shorter than a millisecond would fire before anything is seen (below a
  // nanosecond it is not armed at all); one of over a year is a typo.
  if (out < 1e-3 || out > 365 * 86400.0)
    throw UsageError("invalid duration '" + std::string(text) + "' for " + opt + ": must be between 1ms and 365 days");
}

}  // namespace corebox::cli
