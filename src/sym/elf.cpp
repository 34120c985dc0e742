#include "sym/elf.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>

#include "base/error.h"
#include "base/fd.h"

namespace corebox::sym {
namespace {

struct ElfHandle {
  Elf* elf = nullptr;
  ~ElfHandle() {
    if (elf) elf_end(elf);
  }
};

}  // namespace

ElfFile::ElfFile(std::string path) : path_(std::move(path)) {
  const Fd fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw Error("open '" + path_ + "'", errno);
  read(fd.get());
}

ElfFile::ElfFile(int fd, std::string path) : path_(std::move(path)) { read(fd); }

void ElfFile::read(int fd) {
  if (elf_version(EV_CURRENT) == EV_NONE) throw Error("libelf initialization");
  ElfHandle h;
  // Read, not mapped: a library truncated under us would be SIGBUS in a mapping.
  h.elf = elf_begin(fd, ELF_C_READ, nullptr);
  if (!h.elf || elf_kind(h.elf) != ELF_K_ELF) throw Error("'" + path_ + "' is not an ELF file");
  GElf_Ehdr eh;
  if (!gelf_getehdr(h.elf, &eh)) throw Error("'" + path_ + "': bad ELF header");
  shared_ = eh.e_type == ET_DYN;

  size_t nph = 0;
  elf_getphdrnum(h.elf, &nph);
  for (size_t i = 0; i < nph; i++) {
    GElf_Phdr ph;
    if (gelf_getphdr(h.elf, static_cast<int>(i), &ph) && ph.p_type == PT_LOAD)
      segments_.push_back({ph.p_vaddr, ph.p_memsz, ph.p_offset, ph.p_filesz});
  }

  // Where each section ends: a zero-sized symbol (_init, an assembly label) claims
  // addresses up to the next symbol, but not past its section (into the PLT after .init).
  std::vector<uint64_t> section_end;
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(h.elf, scn))) {
    GElf_Shdr sh;
    const std::size_t i = elf_ndxscn(scn);
    if (section_end.size() <= i) section_end.resize(i + 1);
    if (gelf_getshdr(scn, &sh)) section_end[i] = sh.sh_addr + sh.sh_size;
  }
  scn = nullptr;
  while ((scn = elf_nextscn(h.elf, scn))) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh)) continue;
    if (sh.sh_type == SHT_DYNAMIC && sh.sh_entsize) {
      Elf_Data* dyn = elf_getdata(scn, nullptr);
      for (size_t i = 0; dyn && i < sh.sh_size / sh.sh_entsize; i++) {
        GElf_Dyn d;
        if (!gelf_getdyn(dyn, static_cast<int>(i), &d)) break;
        if (d.d_tag == DT_NEEDED)
          if (const char* n = elf_strptr(h.elf, sh.sh_link, d.d_un.d_val)) needed_.emplace_back(n);
      }
      continue;
    }
    if (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data || !sh.sh_entsize) continue;
    const size_t n = sh.sh_size / sh.sh_entsize;
    for (size_t i = 0; i < n; i++) {
      GElf_Sym s;
      if (!gelf_getsym(data, static_cast<int>(i), &s) || s.st_shndx == SHN_UNDEF || s.st_value == 0) continue;
      const int type = GELF_ST_TYPE(s.st_info);
      if (type != STT_FUNC && type != STT_OBJECT && type != STT_GNU_IFUNC && type != STT_NOTYPE) continue;
      const char* raw = elf_strptr(h.elf, sh.sh_link, s.st_name);
      if (!raw || !*raw) continue;
      std::string_view name(raw);
      bool default_version = true;
      if (const auto at = name.find('@'); at != std::string_view::npos) {
        default_version = name.compare(at, 2, "@@") == 0;
        name = name.substr(0, at);
      }
      const bool function = type == STT_FUNC || type == STT_GNU_IFUNC;
      uint64_t size = s.st_size;
      if (!size && s.st_shndx < section_end.size() && section_end[s.st_shndx] > s.st_value)
        size = section_end[s.st_shndx] - s.st_value;
      symbols_.push_back({s.st_value, size, static_cast<uint32_t>(names_.size()),
                          static_cast<uint32_t>(name.size()), function, default_version});
      names_.append(name);
    }
  }
  for (uint32_t i = 0; i < symbols_.size(); i++)
    if (symbols_[i].function) functions_.push_back(i);
  // At one address, the smaller first: containing() takes the last one at or below an
  // address, so the largest extent there wins.
  std::stable_sort(functions_.begin(), functions_.end(), [&](uint32_t a, uint32_t b) {
    const Symbol &x = symbols_[a], &y = symbols_[b];
    if (x.addr != y.addr) return x.addr < y.addr;
    return x.size < y.size;
  });
  names_.shrink_to_fit();
  symbols_.shrink_to_fit();
  functions_.shrink_to_fit();
}

std::optional<ElfSymbol> ElfFile::find(const std::string& name) const {
  const Symbol* best = nullptr;
  for (const auto& s : symbols_) {
    if (std::string_view(names_).substr(s.name, s.len) != name) continue;
    if (!best || s.default_version) best = &s;
    if (s.default_version) break;
  }
  if (!best) return std::nullopt;
  return symbol(*best);
}

std::optional<uint64_t> ElfFile::file_offset(uint64_t vaddr) const {
  for (const auto& s : segments_)
    if (vaddr >= s.vaddr && vaddr < s.vaddr + s.memsz) return vaddr - s.vaddr + s.offset;
  return std::nullopt;
}

std::optional<uint64_t> ElfFile::vaddr_of(uint64_t offset) const {
  // The file's bytes only: the pages of two segments can overlap in the file, their
  // p_filesz ranges do not.
  for (const auto& s : segments_)
    if (offset >= s.offset && offset < s.offset + s.filesz) return offset - s.offset + s.vaddr;
  return std::nullopt;
}

std::optional<ElfSymbol> ElfFile::containing(uint64_t vaddr) const {
  auto it = std::upper_bound(functions_.begin(), functions_.end(), vaddr,
                             [&](uint64_t a, uint32_t i) { return a < symbols_[i].addr; });
  if (it == functions_.begin()) return std::nullopt;
  const Symbol& s = symbols_[*(it - 1)];
  if (s.size && vaddr >= s.addr + s.size) return std::nullopt;
  return symbol(s);
}

std::vector<std::string> ld_so_cache_lookup(const std::string& name, const std::string& cache) {
  // The "new" format of glibc >= 2.32: a header, fixed entries, then strings; string
  // offsets count from the start of the file.
  std::ifstream in(cache, std::ios::binary);
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  static constexpr char kMagic[] = "glibc-ld.so.cache1.1";
  std::vector<std::string> out;
  std::size_t base = data.find(kMagic);
  if (base == std::string::npos || data.size() < base + 48) return out;
  uint32_t nlibs;
  std::memcpy(&nlibs, data.data() + base + 20, 4);
  const std::size_t entries = base + 48;
  for (uint32_t i = 0; i < nlibs && entries + (i + 1) * 24 <= data.size(); i++) {
    int32_t flags;
    uint32_t key, value;
    const char* p = data.data() + entries + i * 24;
    std::memcpy(&flags, p, 4);
    std::memcpy(&key, p + 4, 4);
    std::memcpy(&value, p + 8, 4);
    if (key >= data.size() || value >= data.size()) continue;
    // FLAG_ELF_LIBC6 (3) with FLAG_X8664_LIB64 (0x0300).
    if ((flags & 0xff) != 3 || (flags & 0xff00) != 0x0300) continue;
    if (name == data.c_str() + key) out.emplace_back(data.c_str() + value);
  }
  return out;
}

std::string find_library(const std::string& name, int pid) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), R_OK) == 0 ? name : "";
  if (pid > 0) {
    std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
    std::string line;
    while (std::getline(maps, line)) {
      const auto slash = line.find('/');
      if (slash == std::string::npos) continue;
      const std::string path = line.substr(slash);
      const std::string base = path.substr(path.rfind('/') + 1);
      if (base == name || base.rfind(name + ".", 0) == 0 || base.rfind(name + "-", 0) == 0)
        return "/proc/" + std::to_string(pid) + "/root" + path;
    }
    return "";
  }
  for (const auto& p : ld_so_cache_lookup(name))
    if (::access(p.c_str(), R_OK) == 0) return p;
  for (const char* dir : {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib",
                          "/usr/lib", "/usr/local/lib"}) {
    const std::string p = std::string(dir) + "/" + name;
    if (::access(p.c_str(), R_OK) == 0) return p;
  }
  return "";
}

UprobeTarget resolve_uprobe(const std::string& binary, const std::string& symbol, int pid) {
  const std::string path = find_library(binary, pid);
  if (path.empty()) throw Error("cannot find '" + binary + "'", ENOENT);
  ElfFile elf(path);
  if (!elf.has_symbols()) throw Error("'" + path + "' has no symbols (stripped?)", 0);
  const auto s = elf.find(symbol);
  if (!s) throw Error("no symbol '" + symbol + "' in '" + path + "'", 0, "is it stripped?");
  const auto off = elf.file_offset(s->addr);
  if (!off) throw Error("symbol '" + symbol + "' of '" + path + "' is not in a loaded segment");
  return {path, *off};
}

}  // namespace corebox::sym
