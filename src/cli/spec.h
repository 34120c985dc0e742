#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "bpf/task_filter.h"
#include "cli/parse.h"

namespace corebox::cli {

// The type-erased part of a Spec: the declarations, the parser and the help text. All
// the work of declaring an option is done here, once, not in code that each tool's Spec
// instantiates: a tool adds a few hundred bytes per option type, not kilobytes.
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
  // A typed parser, void(const std::string& name, std::string_view text, M& field), with
  // its type erased; `Thunk` restores it and applies it to the field.
  using Parser = void (*)();
  using Thunk = void (*)(Parser, const std::string& name, std::string_view arg, void* field);

  explicit SpecCore(std::string tool) : tool_(std::move(tool)) {}
  void add(Option o);
  void add(Positional p) { positionals_.push_back(std::move(p)); }
  // Options and positionals that set the field at `offset` bytes into the options struct.
  void add_flag(char s, std::string_view l, std::string_view help, std::ptrdiff_t offset);
  void add_field(char s, std::string_view l, std::string_view metavar, std::string_view help, std::ptrdiff_t offset,
                 Thunk thunk, Parser parse);
  void add_positional(std::string_view name, std::string_view help, bool required, std::ptrdiff_t offset, Thunk thunk,
                      Parser parse);
  void set_summary(std::string_view s) { summary_ = s; }
  void add_example(std::string_view cmd, std::string_view what) { examples_.emplace_back(cmd, what); }
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

// Applies an erased parser for fields of type M: one instance per field type, shared by
// all tools.
template <class M>
void parse_into(SpecCore::Parser parse, const std::string& name, std::string_view arg, void* field) {
  reinterpret_cast<void (*)(const std::string&, std::string_view, M&)>(parse)(name, arg, *static_cast<M*>(field));
}

// Options of a tool, declared once: parsing, validation and help all come from here.
template <class O>
class Spec {
 public:
  explicit Spec(std::string tool) : core_(std::move(tool)) {}

  void summary(std::string_view s) { core_.set_summary(s); }
  void example(std::string_view cmd, std::string_view what) { core_.add_example(cmd, what); }

  template <class C>
  void flag(char s, std::string_view l, bool C::*m, std::string_view help) {
    core_.add_flag(s, l, help, offset_of(m));
  }

  // An option with a value, parsed by `parse(name, text, field)`; the default parser
  // follows the field's type (integers, double, string, repeated strings).
  template <class C, class M>
  void option(char s, std::string_view l, M C::*m, std::string_view metavar, std::string_view help,
              void (*parse)(const std::string&, std::string_view, M&) = &parse_value<M>) {
    core_.add_field(s, l, metavar, help, offset_of(m), &parse_into<M>, reinterpret_cast<SpecCore::Parser>(parse));
  }

  template <class C, class M>
  void positional(std::string_view name, M C::*m, std::string_view help, bool required = false,
                  void (*parse)(const std::string&, std::string_view, M&) = &parse_value<M>) {
    core_.add_positional(name, help, required, offset_of(m), &parse_into<M>,
                         reinterpret_cast<SpecCore::Parser>(parse));
  }

  bool parse(O& o, const std::vector<std::string_view>& args) const { return core_.parse(&o, args); }
  SpecCore& core() { return core_; }
  const SpecCore& core() const { return core_; }

 private:
  // Where member `m` of base (or class) C lies in an O. Only addresses are computed: no
  // O is constructed, nothing is read or written.
  template <class C, class M>
  static std::ptrdiff_t offset_of(M C::*m) {
    static_assert(std::is_base_of_v<C, O>);
    alignas(O) unsigned char probe[sizeof(O)];
    C* c = static_cast<C*>(reinterpret_cast<O*>(probe));
    return reinterpret_cast<unsigned char*>(&(c->*m)) - probe;
  }
  SpecCore core_;
};

// ---- Common option groups ------------------------------------------------------------

// Who is traced: applied in the kernel by bpf/corebox/filter.bpf.h.
using TaskFilter = bpf::TaskFilter;
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
