#pragma once
#include <stdexcept>
#include <string>

namespace corebox {

// The one error type: what failed, the errno (0 if none) and a hint for the user.
// main() catches it and prints it as one line.
class Error : public std::runtime_error {
 public:
  explicit Error(std::string what, int err = 0, std::string hint = {});
  int err() const { return err_; }
  const std::string& hint() const { return hint_; }
  // The whole message: "what: strerror (hint)".
  std::string line() const;

 private:
  int err_;
  std::string hint_;
};

// Bad command-line input: printed with a pointer to --help, exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The hint for an errno returned by a bpf() load or attach, or a mount.
std::string privilege_hint();

}  // namespace corebox
