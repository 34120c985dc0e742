#pragma once
#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sym/elf.h"
#include "sym/kallsyms.h"

// Addresses to symbols, for every tool a host runs: one instance, owned by the host and
// handed to each session, so a file mapped by many processes (or traced by several
// tools) is parsed once. Not thread-safe: the host's one event loop calls it.
namespace corebox::sym {

// A file mapping of /proc/PID/maps.
struct Mapping {
  uint64_t start = 0, end = 0, offset = 0;
  uint32_t dev_major = 0, dev_minor = 0;
  uint64_t inode = 0;
  std::string path;  // as the process sees it, without " (deleted)"
};
// The file mappings of /proc/PID/maps text (anonymous and [pseudo] ones left out).
std::vector<Mapping> parse_maps(const std::string& text);

struct UserSymbol {
  std::string name;    // the function, empty if the file has none there (or is unreadable)
  uint64_t offset = 0; // from the function's start; with no name, the address in the
                       // file's own terms (ELF vaddr, or the file offset if unreadable)
  std::string module;  // the mapped file, as the process sees it
};

// How describe_user() writes an address it cannot name.
enum class Unnamed {
  Module,  // "module+0xoff", or "[unknown]" outside any file mapping
  Hex,     // the address, "0x7f..." (threadsnoop's FUNC column)
};

class Symbolizer {
 public:
  struct Limits {
    std::size_t processes = 1024;  // cached /proc/PID/maps, least recently used dropped
    std::size_t files = 256;       // parsed ELF files kept when no cached process maps them
    unsigned maps_max_age_ms = 1000;  // a process's maps are read again after this
  };
  Symbolizer() : Symbolizer(Limits{}) {}
  explicit Symbolizer(Limits limits) : limits_(limits) {}
  ~Symbolizer();
  Symbolizer(const Symbolizer&) = delete;
  Symbolizer& operator=(const Symbolizer&) = delete;

  // ---- User space ----
  // The symbol at `addr` in process `pid`; nullopt if the process is gone or nothing is
  // mapped there. The file is opened through /proc/PID/map_files (the very file mapped,
  // even deleted or replaced), else through /proc/PID/root (another mount namespace)
  // only if its device and inode are those of the mapping; a file that cannot be
  // verified gives a module and offset, never a name from another file.
  std::optional<UserSymbol> resolve_user(pid_t pid, uint64_t addr);
  // "name+0x1a", "name", or per `unnamed`.
  std::string describe_user(pid_t pid, uint64_t addr, Unnamed unnamed = Unnamed::Module);
  // Drops a process's maps (it exited; its pid may be reused).
  void evict(pid_t pid);
  // Drops the maps of processes that exited or whose pid now names another process
  // (start time changed). Returns how many. Also run by resolve_user() at most once a
  // second, so a host that never calls it still stays bounded and correct.
  std::size_t evict_dead();

  // A file by path (as this process sees it), from the cache, for uprobe set-up. Throws
  // corebox::Error, as ElfFile does, if it cannot be opened or is not ELF.
  std::shared_ptr<const ElfFile> file(const std::string& path);
  // `symbol` in `path` as a uprobe target; nullopt if the file has no such symbol in a
  // loaded segment.
  std::optional<UprobeTarget> uprobe(const std::string& path, const std::string& symbol);

  // ---- Kernel ----
  // /proc/kallsyms, read on first use. Throws corebox::Error if it cannot be read.
  const KernelSymbols& kernel();
  // "name+0x1a" ("name+0x1a [module]" in a module), or "[unknown]".
  std::string describe_kernel(uint64_t addr);

  // ---- Accounting (tests, -v) ----
  std::size_t cached_processes() const { return processes_.size(); }
  std::size_t cached_files() const { return files_.size(); }
  uint64_t files_parsed() const { return parsed_; }

 private:
  struct FileKey {
    uint64_t dev, inode;
    int64_t mtime_ns;
    uint64_t size;
    auto operator<=>(const FileKey&) const = default;
  };
  struct CachedFile {
    std::shared_ptr<const ElfFile> elf;  // null: not ELF
    uint64_t used = 0;
  };
  struct Region : Mapping {
    bool opened = false;                 // elf below was looked for
    std::shared_ptr<const ElfFile> elf;  // null: unreadable or unverified
  };
  struct Process {
    std::vector<Region> regions;
    uint64_t start_time = 0;  // /proc/PID/stat field 22: tells a reused pid
    int64_t read_ns = 0;      // CLOCK_MONOTONIC_COARSE when maps were read
    uint64_t used = 0;
  };

  Process* load_process(pid_t pid, Process* previous);
  std::shared_ptr<const ElfFile> open_region(pid_t pid, const Region& r);
  std::shared_ptr<const ElfFile> cached(int fd, const std::string& name, const struct stat& st);
  void trim_files();

  Limits limits_;
  std::map<pid_t, Process> processes_;
  std::map<FileKey, CachedFile> files_;
  std::unique_ptr<KernelSymbols> kernel_;
  uint64_t clock_ = 0;  // use counter, for least-recently-used
  uint64_t parsed_ = 0;
  int64_t last_sweep_ns_ = 0;
};

}  // namespace corebox::sym
