#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// User-space symbols for uprobes: ELF symbol lookup (.symtab and .dynsym, versioned
// names), virtual address to file offset, and where a process's libraries are.
namespace corebox::sym {

struct ElfSymbol {
  std::string name;  // without a version suffix
  uint64_t addr = 0, size = 0;  // a zero st_size becomes the rest of the symbol's section
  bool function = false;
};

// An ELF file's symbols, read once with libelf and kept compact (one name pool): a
// Symbolizer holds many of these for as long as the processes that map them live.
// Throws corebox::Error if the file cannot be read or is not ELF.
class ElfFile {
 public:
  explicit ElfFile(std::string path);
  // From a file already open (e.g. through /proc/PID/map_files); `path` names it in
  // errors. The descriptor is not kept.
  ElfFile(int fd, std::string path);
  const std::string& path() const { return path_; }
  // The symbol named `name` (a version suffix, "@@GLIBC_2.34" or "@GLIBC_2.2.5", is
  // ignored; a default version "@@" wins over others). Defined symbols only.
  std::optional<ElfSymbol> find(const std::string& name) const;
  // The file offset of a virtual address, through the PT_LOAD segments, for uprobes.
  std::optional<uint64_t> file_offset(uint64_t vaddr) const;
  // The virtual address of a file offset (the inverse), for symbolizing a process's
  // addresses through /proc/PID/maps: this is where the load bias of a PIE or a shared
  // library is taken out, since the mapping's offset is a file offset.
  std::optional<uint64_t> vaddr_of(uint64_t offset) const;
  // The function symbol containing `vaddr` (an address in the file's own terms).
  std::optional<ElfSymbol> containing(uint64_t vaddr) const;
  bool has_symbols() const { return !symbols_.empty(); }
  bool shared() const { return shared_; }  // ET_DYN: position-independent
  // The DT_NEEDED libraries (e.g. "libreadline.so.8").
  const std::vector<std::string>& needed() const { return needed_; }

 private:
  struct Symbol {
    uint64_t addr, size;
    uint32_t name, len;  // in names_
    bool function, default_version;
  };
  struct Segment {
    uint64_t vaddr, memsz, offset, filesz;
  };
  void read(int fd);
  ElfSymbol symbol(const Symbol& s) const { return {names_.substr(s.name, s.len), s.addr, s.size, s.function}; }

  std::string path_;
  std::string names_;
  std::vector<Symbol> symbols_;      // all defined symbols, in file order
  std::vector<uint32_t> functions_;  // indexes into symbols_, by address
  std::vector<Segment> segments_;
  std::vector<std::string> needed_;
  bool shared_ = false;
};

// Where a uprobe goes: a file (as seen from this mount namespace) and an offset in it.
struct UprobeTarget {
  std::string path;
  uint64_t offset = 0;
};

// The path of library `name` (e.g. "libc.so.6"): mapped in process `pid` (through
// /proc/PID/root, so other mount namespaces work), or, with pid 0, from
// /etc/ld.so.cache and then the usual directories. Empty if not found.
std::string find_library(const std::string& name, int pid = 0);

// Paths from /etc/ld.so.cache for `name`, for this machine's architecture (x86_64).
std::vector<std::string> ld_so_cache_lookup(const std::string& name, const std::string& cache = "/etc/ld.so.cache");

// Resolves `symbol` in `binary` (a path, or a library name such as "libc.so.6") to a
// uprobe target. Throws corebox::Error with a one-line reason (missing file, stripped,
// no such symbol).
UprobeTarget resolve_uprobe(const std::string& binary, const std::string& symbol, int pid = 0);

}  // namespace corebox::sym
