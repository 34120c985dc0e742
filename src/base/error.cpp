#include "base/error.h"

#include <cerrno>
#include <cstring>

namespace corebox {

Error::Error(std::string what, int err, std::string hint)
    : std::runtime_error(std::move(what)), err_(err < 0 ? -err : err), hint_(std::move(hint)) {
  if (hint_.empty() && (err_ == EPERM || err_ == EACCES)) hint_ = privilege_hint();
}

std::string Error::line() const {
  std::string s = what();
  if (err_) {
    s += ": ";
    s += std::strerror(err_);
  }
  if (!hint_.empty()) s += " (" + hint_ + ")";
  return s;
}

std::string privilege_hint() { return "run as root, or with CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN"; }

}  // namespace corebox
