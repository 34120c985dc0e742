#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "cli/parse.h"

namespace corebox::cli {

// The type-erased part of a Spec: the declarations, the parser and the help text.
class SpecCore {
 public:
  using Setter = std::function<void(void* options, std::string_view arg)>;
  struct Option {
    char short_name = 0;
    std::string long_name, metavar, help;  // no metavar: a flag
    Setter set;
  };
  struct Positional {
    std::string name, help;
    bool required = false;
    Setter set;
  };

  explicit SpecCore(std::string tool) : tool_(std::move(tool)) {}
  void add(Option o);
  void add(Positional p) { positionals_.push_back(std::move(p)); }
  void set_summary(std::string s) { summary_ = std::move(s); }
  void add_example(std::string cmd, std::string what) { examples_.push_back({std::move(cmd), std::move(what)}); }
  // Parses args into options; returns false when --help was asked for.
  bool parse(void* options, const std::vector<std::string_view>& args) const;
  std::string help() const;
  const std::string& summary() const { return summary_; }
  const std::string& tool() const { return tool_; }

 private:
  const Option* find_short(char c) const;
  const Option* find_long(std::string_view name) const;

  std::string tool_, summary_;
  std::vector<Option> options_;
  std::vector<Positional> positionals_;
  std::vector<std::pair<std::string, std::string>> examples_;
};

// Options of a tool, declared once: parsing, validation and help all come from here.
template <class O>
class Spec {
 public:
  explicit Spec(std::string tool) : core_(std::move(tool)) {}

  void summary(std::string s) { core_.set_summary(std::move(s)); }
  void example(std::string cmd, std::string what) { core_.add_example(std::move(cmd), std::move(what)); }

  template <class C>
  void flag(char s, std::string l, bool C::*m, std::string help) {
    static_assert(std::is_base_of_v<C, O>);
    core_.add({s, std::move(l), {}, std::move(help), [m](void* o, std::string_view) { member<C>(o, m) = true; }});
  }

  // An option with a value, parsed by `parse(text, field)`; the default parser follows
  // the field's type (integers, double, string, repeated strings).
  template <class C, class M, class P = decltype(&parse_value<M>)>
  void option(char s, std::string l, M C::*m, std::string metavar, std::string help, P parse = &parse_value<M>) {
    static_assert(std::is_base_of_v<C, O>);
    std::string name = option_name(s, l);
    core_.add({s, std::move(l), std::move(metavar), std::move(help),
               [m, parse, name = std::move(name)](void* o, std::string_view a) { parse(name, a, member<C>(o, m)); }});
  }

  template <class C, class M, class P = decltype(&parse_value<M>)>
  void positional(std::string name, M C::*m, std::string help, bool required = false, P parse = &parse_value<M>) {
    static_assert(std::is_base_of_v<C, O>);
    core_.add(SpecCore::Positional{name, std::move(help), required, [m, parse, name](void* o, std::string_view a) {
                                     parse(name, a, member<C>(o, m));
                                   }});
  }

  bool parse(O& o, const std::vector<std::string_view>& args) const { return core_.parse(&o, args); }
  SpecCore& core() { return core_; }
  const SpecCore& core() const { return core_; }

 private:
  template <class C, class M>
  static M& member(void* o, M C::*m) {
    return static_cast<C&>(*static_cast<O*>(o)).*m;
  }
  static std::string option_name(char s, const std::string& l) {
    return l.empty() ? std::string("-") + s : "--" + l;
  }
  SpecCore core_;
};

// ---- Common option groups ------------------------------------------------------------

// Who is traced: applied in the kernel by bpf/corebox/filter.bpf.h.
struct TaskFilter {
  uint32_t pid = 0;  // thread group
  uint32_t tid = 0;
  std::optional<uint32_t> uid;
  std::string name;    // substring of the command name
  std::string cgroup;  // cgroup v2 directory
};
enum TaskFilterParts : unsigned { kPid = 1, kTid = 2, kUid = 4, kName = 8, kCgroup = 16, kAllTask = 31 };

template <class O>
void task_filter(Spec<O>& s, unsigned parts = kAllTask) {
  if (parts & kPid) s.option('p', "pid", &TaskFilter::pid, "PID", "trace this process only", &parse_pid);
  if (parts & kTid) s.option('t', "tid", &TaskFilter::tid, "TID", "trace this thread only", &parse_pid);
  if (parts & kUid) s.option('u', "uid", &TaskFilter::uid, "UID", "trace this user only", &parse_uid);
  if (parts & kName) s.option('n', "name", &TaskFilter::name, "NAME", "trace commands whose name contains NAME", &parse_comm);
  if (parts & kCgroup)
    s.option(0, "cgroup", &TaskFilter::cgroup, "PATH", "trace tasks in this cgroup v2 only", &parse_cgroup_path);
}

// -d/--duration SECONDS: stop after this long.
struct Duration {
  double duration_s = 0;
};
template <class O>
void duration(Spec<O>& s) {
  s.option('d', "duration", &Duration::duration_s, "SECONDS", "stop after SECONDS (also 500ms, 2m)", &parse_duration);
}

}  // namespace corebox::cli
