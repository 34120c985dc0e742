#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Typed parsers for option values. Each gets the option's name for its error message
// and throws UsageError("invalid PID 'abc' for --pid") on bad input.
namespace corebox::cli {

template <class T>
void parse_value(const std::string& opt, std::string_view text, T& out);

template <> void parse_value<int>(const std::string&, std::string_view, int&);
template <> void parse_value<unsigned>(const std::string&, std::string_view, unsigned&);
template <> void parse_value<uint64_t>(const std::string&, std::string_view, uint64_t&);
template <> void parse_value<double>(const std::string&, std::string_view, double&);
template <> void parse_value<std::string>(const std::string&, std::string_view, std::string&);
template <> void parse_value<std::vector<std::string>>(const std::string&, std::string_view, std::vector<std::string>&);

void parse_pid(const std::string& opt, std::string_view text, uint32_t& out);
void parse_uid(const std::string& opt, std::string_view text, std::optional<uint32_t>& out);
void parse_comm(const std::string& opt, std::string_view text, std::string& out);
void parse_cgroup_path(const std::string& opt, std::string_view text, std::string& out);
// Seconds, with an optional unit: 10, 1.5, 500ms, 2s, 3m, 1h. Must be > 0.
void parse_duration(const std::string& opt, std::string_view text, double& out);
double duration_seconds(std::string_view text);  // < 0 on bad input

}  // namespace corebox::cli
