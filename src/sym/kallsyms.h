#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Kernel addresses to symbols, from /proc/kallsyms.
namespace corebox::sym {

struct KernelSymbol {
  std::string_view name;
  uint64_t offset = 0;      // from the symbol's address
  std::string_view module;  // "" for vmlinux, else the [module] name without brackets
};

// The kernel's symbols, sorted by address (one name pool: about 5 MB of text becomes
// 2 MB of entries and 3 MB of names on 6.18, so it is loaded only by tools that need it).
class KernelSymbols {
 public:
  // Parses kallsyms text ("ffffffff81000000 T _stext", "... t name\t[module]").
  explicit KernelSymbols(std::string_view text);
  // Reads and parses `path`; throws corebox::Error if it cannot be read.
  static KernelSymbols load(const std::string& path = "/proc/kallsyms");

  // Every address read as zero: kptr_restrict (or no CAP_SYSLOG) hides them, and no
  // address can be resolved. A tool says so in one line rather than print nothing.
  bool hidden() const { return hidden_; }
  // The line to say so: "kernel addresses are hidden (kernel.kptr_restrict = 2)".
  static std::string hidden_message();
  std::size_t size() const { return entries_.size(); }
  // The text symbol containing `addr`: the nearest at or below it, unless that is a data
  // symbol (the end of the text it follows) or `addr` is below the first one.
  std::optional<KernelSymbol> resolve(uint64_t addr) const;
  // The address of a symbol by name (the lowest, if several share the name).
  std::optional<uint64_t> address(std::string_view name) const;

 private:
  struct Entry {
    uint64_t addr;
    uint32_t name;    // offset in names_, NUL-terminated
    uint16_t module;  // index in modules_, 0 for vmlinux
    bool text, global;
  };
  std::string_view name_at(uint32_t off) const { return std::string_view(names_.c_str() + off); }

  std::vector<Entry> entries_;
  std::string names_;
  std::vector<std::string> modules_{""};
  bool hidden_ = false;
};

}  // namespace corebox::sym
