#pragma once
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sym/elf.h"

// User-space addresses of other processes to symbols: the address through
// /proc/PID/maps to a mapped file and an offset in it, then that file's ELF
// symbols.
namespace corebox::sym {

struct UserSymbol {
  std::string name; // the function, empty if the file has none there
  uint64_t offset =
      0; // from the function's start (from the file's start if no name)
  std::string module; // the mapped file, as the process sees it
};

class UserSymbolizer {
public:
  // The symbol at `addr` in process `pid`; nullopt if the process or the
  // mapping is gone. Maps are cached per process and read again on a miss (a
  // new mapping), ELF files per path.
  std::optional<UserSymbol> resolve(pid_t pid, uint64_t addr);
  // "name+0x1a", "name", or the hex address when it cannot be resolved.
  std::string describe(pid_t pid, uint64_t addr);
  // Drops a process's cached maps (its pid may be reused).
  void forget(pid_t pid) { maps_.erase(pid); }

  struct Mapping {
    uint64_t start = 0, end = 0, offset = 0;
    std::string path;
  };
  // The file mappings of /proc/PID/maps text.
  static std::vector<Mapping> parse_maps(const std::string &text);

private:
  const Mapping *find(pid_t pid, uint64_t addr, bool reload);
  const ElfFile *elf(pid_t pid, const std::string &path);

  std::map<pid_t, std::vector<Mapping>> maps_;
  std::map<std::string, std::unique_ptr<ElfFile>> files_; // null: unreadable
};

} // namespace corebox::sym
