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

#include "base/error.h"

namespace corebox::sym {
namespace {

struct ElfHandle {
  int fd = -1;
  Elf* elf = nullptr;
  ~ElfHandle() {
    if (elf) elf_end(elf);
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

ElfFile::ElfFile(std::string path) : path_(std::move(path)) {
  if (elf_version(EV_CURRENT) == EV_NONE) throw Error("libelf initialization");
  ElfHandle h;
  h.fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (h.fd < 0) throw Error("open '" + path_ + "'", errno);
  h.elf = elf_begin(h.fd, ELF_C_READ, nullptr);
  if (!h.elf || elf_kind(h.elf) != ELF_K_ELF) throw Error("'" + path_ + "' is not an ELF file");
  GElf_Ehdr eh;
  if (!gelf_getehdr(h.elf, &eh)) throw Error("'" + path_ + "': bad ELF header");
  shared_ = eh.e_type == ET_DYN;

  size_t nph = 0;
  elf_getphdrnum(h.elf, &nph);
  for (size_t i = 0; i < nph; i++) {
    GElf_Phdr ph;
    if (gelf_getphdr(h.elf, static_cast<int>(i), &ph) && ph.p_type == PT_LOAD)
      segments_.push_back({ph.p_vaddr, ph.p_memsz, ph.p_offset});
  }

  Elf_Scn* scn = nullptr;
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
      std::string name(raw);
      bool default_version = true;
      if (const auto at = name.find('@'); at != std::string::npos) {
        default_version = name.compare(at, 2, "@@") == 0;
        name.resize(at);
      }
      symbols_.push_back({std::move(name), s.st_value, s.st_size, type == STT_FUNC || type == STT_GNU_IFUNC});
      versions_.push_back({symbols_.back().name, default_version});
    }
  }
  for (const auto& s : symbols_)
    if (s.function) sorted_.push_back(&s);
  std::sort(sorted_.begin(), sorted_.end(), [](const ElfSymbol* a, const ElfSymbol* b) { return a->addr < b->addr; });
}

std::optional<ElfSymbol> ElfFile::find(const std::string& name) const {
  std::optional<ElfSymbol> best;
  for (size_t i = 0; i < symbols_.size(); i++) {
    if (symbols_[i].name != name) continue;
    if (!best || versions_[i].second) best = symbols_[i];
    if (versions_[i].second) break;
  }
  return best;
}

std::optional<uint64_t> ElfFile::file_offset(uint64_t vaddr) const {
  for (const auto& s : segments_)
    if (vaddr >= s.vaddr && vaddr < s.vaddr + s.memsz) return vaddr - s.vaddr + s.offset;
  return std::nullopt;
}

std::optional<uint64_t> ElfFile::vaddr_of(uint64_t offset) const {
  for (const auto& s : segments_)
    if (offset >= s.offset && offset < s.offset + s.memsz) return offset - s.offset + s.vaddr;
  return std::nullopt;
}

const ElfSymbol* ElfFile::containing(uint64_t vaddr) const {
  auto it = std::upper_bound(sorted_.begin(), sorted_.end(), vaddr,
                             [](uint64_t a, const ElfSymbol* s) { return a < s->addr; });
  if (it == sorted_.begin()) return nullptr;
  const ElfSymbol* s = *(it - 1);
  if (s->size && vaddr >= s->addr + s->size) return nullptr;
  return s;
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
