#include "sym/kallsyms.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "base/error.h"
#include "base/fd.h"

namespace corebox::sym {

KernelSymbols::KernelSymbols(std::string_view text) {
  bool any_nonzero = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    // "ADDR TYPE NAME[\t[MODULE]]"
    uint64_t addr = 0;
    const auto [p, ec] = std::from_chars(line.data(), line.data() + line.size(), addr, 16);
    std::size_t at = static_cast<std::size_t>(p - line.data());
    if (ec != std::errc() || at + 3 > line.size() || line[at] != ' ' || line[at + 2] != ' ') continue;
    const char type = line[at + 1];
    std::string_view name = line.substr(at + 3), module;
    if (const auto tab = name.find('\t'); tab != std::string_view::npos) {
      module = name.substr(tab + 1);
      name = name.substr(0, tab);
      if (module.size() >= 2 && module.front() == '[' && module.back() == ']')
        module = module.substr(1, module.size() - 2);
    }
    uint16_t mod = 0;
    if (!module.empty()) {
      if (modules_.back() != module) {
        // A module's symbols come together; a module seen again gets its index back.
        auto it = std::find(modules_.begin(), modules_.end(), module);
        if (it == modules_.end()) it = modules_.insert(modules_.end(), std::string(module));
        mod = static_cast<uint16_t>(it - modules_.begin());
      } else {
        mod = static_cast<uint16_t>(modules_.size() - 1);
      }
    }
    any_nonzero |= addr != 0;
    const bool text_sym = type == 't' || type == 'T' || type == 'w' || type == 'W';
    entries_.push_back({addr, static_cast<uint32_t>(names_.size()), mod, text_sym, type == 'T' || type == 'W'});
    names_.append(name);
    names_.push_back('\0');
  }
  hidden_ = !entries_.empty() && !any_nonzero;
  // At one address: data before text and, among text, local before global, so the last
  // one (the one resolve() takes) is the global function when there is one.
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    if (a.addr != b.addr) return a.addr < b.addr;
    if (a.text != b.text) return a.text < b.text;
    return a.global < b.global;
  });
  entries_.shrink_to_fit();
  names_.shrink_to_fit();
}

KernelSymbols KernelSymbols::load(const std::string& path) {
  const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw Error("open '" + path + "'", errno);
  // procfs reports size 0: read until the end.
  std::string text;
  std::size_t used = 0;
  for (;;) {
    if (text.size() - used < 65536) text.resize(text.size() + (1 << 20));
    const ssize_t n = ::read(fd.get(), text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error("read '" + path + "'", errno);
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  text.resize(used);
  return KernelSymbols(text);
}

std::string KernelSymbols::hidden_message() {
  std::string msg = "kernel addresses are hidden";
  const Fd fd(::open("/proc/sys/kernel/kptr_restrict", O_RDONLY | O_CLOEXEC));
  char value[8] = {};
  if (fd && ::read(fd.get(), value, sizeof(value) - 1) > 0) {
    // 2 hides them from everyone; 0 and 1 from processes without CAP_SYSLOG (0 shows
    // them to all when perf_event_paranoid <= 1).
    const std::string v(value, std::strcspn(value, "\n"));
    msg += " (kernel.kptr_restrict = " + v + (v == "2" ? ")" : ", and no CAP_SYSLOG)");
  }
  return msg;
}

std::optional<KernelSymbol> KernelSymbols::resolve(uint64_t addr) const {
  if (hidden_) return std::nullopt;
  auto it = std::upper_bound(entries_.begin(), entries_.end(), addr,
                             [](uint64_t a, const Entry& e) { return a < e.addr; });
  if (it == entries_.begin()) return std::nullopt;
  const Entry& e = *(it - 1);
  if (!e.text) return std::nullopt;
  return KernelSymbol{name_at(e.name), addr - e.addr, modules_[e.module]};
}

std::optional<uint64_t> KernelSymbols::address(std::string_view name) const {
  // Rare (set-up time) and the entries are sorted by address: a linear scan.
  for (const auto& e : entries_)
    if (name_at(e.name) == name) return e.addr;
  return std::nullopt;
}

}  // namespace corebox::sym
