#include "cli/spec.h"

#include <algorithm>

#include "base/error.h"

namespace corebox::cli {

void SpecCore::add(Option o) {
  // A later declaration of the same name replaces the earlier one: tools may redefine
  // what a common group declared.
  std::erase_if(options_, [&](const Option& x) {
    return (o.short_name && x.short_name == o.short_name) || (!o.long_name.empty() && x.long_name == o.long_name);
  });
  options_.push_back(std::move(o));
}

void SpecCore::add_flag(char s, std::string_view l, std::string_view help, std::ptrdiff_t offset) {
  add({s, std::string(l), {}, std::string(help),
       [offset](void* o, std::string_view) { *reinterpret_cast<bool*>(static_cast<char*>(o) + offset) = true; }});
}

namespace {

// Parses into the field at `offset`; `name` is the option or argument named in errors.
SpecCore::Setter field_setter(std::string name, std::ptrdiff_t offset, SpecCore::Thunk thunk, SpecCore::Parser parse) {
  return [name = std::move(name), offset, thunk, parse](void* o, std::string_view a) {
    thunk(parse, name, a, static_cast<char*>(o) + offset);
  };
}

}  // namespace

void SpecCore::add_field(char s, std::string_view l, std::string_view metavar, std::string_view help,
                         std::ptrdiff_t offset, Thunk thunk, Parser parse) {
  std::string name = l.empty() ? std::string("-") + s : "--" + std::string(l);
  add({s, std::string(l), std::string(metavar), std::string(help), field_setter(std::move(name), offset, thunk, parse)});
}

void SpecCore::add_positional(std::string_view name, std::string_view help, bool required, std::ptrdiff_t offset,
                              Thunk thunk, Parser parse) {
  add(Positional{std::string(name), std::string(help), required, field_setter(std::string(name), offset, thunk, parse)});
}

const SpecCore::Option* SpecCore::find_short(char c) const {
  for (const auto& o : options_)
    if (o.short_name == c) return &o;
  return nullptr;
}

const SpecCore::Option* SpecCore::find_long(std::string_view name) const {
  for (const auto& o : options_)
    if (o.long_name == name) return &o;
  return nullptr;
}

bool SpecCore::parse(void* options, const std::vector<std::string_view>& args) const {
  std::size_t next_positional = 0;
  bool only_positionals = false;
  auto positional = [&](std::string_view a) {
    if (next_positional >= positionals_.size()) throw UsageError("unexpected argument '" + std::string(a) + "'");
    positionals_[next_positional++].set(options, a);
  };
  for (std::size_t i = 0; i < args.size(); i++) {
    std::string_view a = args[i];
    if (only_positionals || a.size() < 2 || a[0] != '-') {
      positional(a);
      continue;
    }
    if (a == "--") {
      only_positionals = true;
      continue;
    }
    if (a == "-h" || a == "--help") return false;
    if (a.substr(0, 2) == "--") {
      std::string_view name = a.substr(2), value;
      const auto eq = name.find('=');
      if (eq != std::string_view::npos) value = name.substr(eq + 1), name = name.substr(0, eq);
      const Option* o = find_long(name);
      if (!o) throw UsageError("unknown option '--" + std::string(name) + "'");
      if (o->metavar.empty()) {
        if (eq != std::string_view::npos) throw UsageError("option '--" + std::string(name) + "' takes no value");
        o->set(options, {});
      } else if (eq != std::string_view::npos) {
        o->set(options, value);
      } else {
        if (i + 1 >= args.size()) throw UsageError("option '--" + std::string(name) + "' needs a value");
        o->set(options, args[++i]);
      }
      continue;
    }
    // A cluster of short options: -xT, -p181, -p 181.
    for (std::size_t k = 1; k < a.size(); k++) {
      const Option* o = find_short(a[k]);
      if (!o) throw UsageError(std::string("unknown option '-") + a[k] + "'");
      if (o->metavar.empty()) {
        o->set(options, {});
        continue;
      }
      if (k + 1 < a.size()) o->set(options, a.substr(k + 1));
      else if (i + 1 < args.size()) o->set(options, args[++i]);
      else throw UsageError(std::string("option '-") + a[k] + "' needs a value");
      break;
    }
  }
  for (std::size_t k = next_positional; k < positionals_.size(); k++)
    if (positionals_[k].required) throw UsageError("missing argument " + positionals_[k].name);
  return true;
}

std::string SpecCore::help() const {
  std::string s = "Usage: corebox " + tool_ + " [OPTIONS]";
  for (const auto& p : positionals_) s += p.required ? " " + p.name : " [" + p.name + "]";
  s += "\n" + summary_ + "\n";
  if (!positionals_.empty()) {
    s += "\nArguments:\n";
    for (const auto& p : positionals_) {
      std::string left = "  " + p.name;
      left.resize(std::max<std::size_t>(left.size() + 2, 26), ' ');
      s += left + p.help + "\n";
    }
  }
  s += "\nOptions:\n";
  for (const auto& o : options_) {
    std::string left = "  ";
    left += o.short_name ? std::string("-") + o.short_name + (o.long_name.empty() ? "" : ", ") : "    ";
    if (!o.long_name.empty()) left += "--" + o.long_name;
    if (!o.metavar.empty()) left += " " + o.metavar;
    left.resize(std::max<std::size_t>(left.size() + 2, 26), ' ');
    s += left + o.help + "\n";
  }
  s += "  -h, --help              show this help\n";
  if (!examples_.empty()) {
    s += "\nExamples:\n";
    for (const auto& [cmd, what] : examples_) {
      std::string left = "  " + cmd;
      left.resize(std::max<std::size_t>(left.size() + 2, 30), ' ');
      s += left + what + "\n";
    }
  }
  return s;
}

}  // namespace corebox::cli
