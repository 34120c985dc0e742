#pragma once
#include <memory>
#include <string>

#include "bpf/features.h"

namespace corebox::bpf {

// What opening, loading and attaching a tool's BPF objects needs from whoever runs the
// tool (the command line or the agent): a name for messages, the BTF to use, whether
// libbpf's log is shown, and the kernel's features (probed once, shared).
class Env {
 public:
  explicit Env(std::string tool) : tool_(std::move(tool)), features_(std::make_unique<Features>()) {}

  const std::string& tool() const { return tool_; }
  bool verbose() const { return verbose_; }
  const std::string& btf_path() const { return btf_path_; }
  Features& features() { return *features_; }

  void set_verbose(bool v) { verbose_ = v; }
  void set_btf_path(std::string path) {
    btf_path_ = std::move(path);
    features_ = std::make_unique<Features>(btf_path_);
  }

 private:
  std::string tool_;
  bool verbose_ = false;
  std::string btf_path_;
  std::unique_ptr<Features> features_;
};

}  // namespace corebox::bpf
