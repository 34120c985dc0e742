#pragma once
#include <string>

namespace corebox::bpf {

// libbpf's log goes to stderr only with -v; without it, the last warning is kept so an
// error can name the program that failed.
void install_libbpf_log();
void set_libbpf_verbose(bool on);
std::string last_libbpf_warning();

}  // namespace corebox::bpf
