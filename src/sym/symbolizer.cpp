#include "sym/symbolizer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "base/error.h"
#include "base/fd.h"

namespace corebox::sym {
namespace {

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
  return buf;
}

std::string with_offset(std::string_view name, uint64_t offset) {
  std::string s(name);
  if (offset) s += "+" + hex(offset);
  return s;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Field 22 of /proc/PID/stat (clock ticks after boot); 0 if the process is gone. The
// comm before it may hold spaces and parentheses: count from the last ')'.
uint64_t start_time(pid_t pid) {
  const std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
  const auto paren = stat.rfind(')');
  if (paren == std::string::npos) return 0;
  std::istringstream in(stat.substr(paren + 1));
  std::string field;
  for (int i = 3; i <= 22; i++)
    if (!(in >> field)) return 0;
  return std::strtoull(field.c_str(), nullptr, 10);
}

int64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

std::vector<Mapping> parse_maps(const std::string& text) {
  std::vector<Mapping> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    // start-end perms offset major:minor inode path
    Mapping m;
    char perms[8] = {};
    int path_at = -1;
    if (std::sscanf(line.c_str(), "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %x:%x %" SCNu64 " %n", &m.start, &m.end,
                    perms, &m.offset, &m.dev_major, &m.dev_minor, &m.inode, &path_at) < 7 ||
        path_at < 0)
      continue;
    if (static_cast<std::size_t>(path_at) >= line.size() || line[path_at] != '/') continue;  // anonymous, [heap]...
    m.path = line.substr(path_at);
    if (const auto del = m.path.rfind(" (deleted)"); del != std::string::npos && del + 10 == m.path.size())
      m.path.resize(del);
    out.push_back(std::move(m));
  }
  return out;
}

Symbolizer::~Symbolizer() = default;

Symbolizer::Process* Symbolizer::load_process(pid_t pid, Process* previous) {
  const std::string text = read_text("/proc/" + std::to_string(pid) + "/maps");
  const uint64_t started = start_time(pid);
  if (text.empty() || !started) {
    if (previous) processes_.erase(pid);
    return nullptr;
  }
  Process fresh;
  fresh.start_time = started;
  fresh.read_ns = now_ns();
  for (auto& m : parse_maps(text)) {
    Region r;
    static_cast<Mapping&>(r) = std::move(m);
    fresh.regions.push_back(std::move(r));
  }
  // The same process read again: the files already opened for unchanged mappings are
  // kept. Both lists are in address order (as the kernel writes maps): one merge walk.
  if (previous && previous->start_time == started) {
    auto old = previous->regions.cbegin();
    for (auto& r : fresh.regions) {
      while (old != previous->regions.cend() && old->start < r.start) ++old;
      if (old == previous->regions.cend()) break;
      if (old->opened && old->start == r.start && old->end == r.end && old->offset == r.offset &&
          old->inode == r.inode && old->path == r.path) {
        r.opened = true;
        r.elf = old->elf;
      }
    }
  }
  if (!previous && !processes_.empty() && processes_.size() >= limits_.processes) {
    auto lru = processes_.begin();
    for (auto it = processes_.begin(); it != processes_.end(); ++it)
      if (it->second.used < lru->second.used) lru = it;
    processes_.erase(lru);
  }
  Process& p = processes_[pid] = std::move(fresh);
  trim_files();
  return &p;
}

std::shared_ptr<const ElfFile> Symbolizer::cached(int fd, const std::string& name, const struct stat& st) {
  // Not the path: two mount namespaces may have different files there. The mtime and
  // size tell a file rewritten in place.
  const FileKey key{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino),
                    static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
                    static_cast<uint64_t>(st.st_size)};
  if (auto it = files_.find(key); it != files_.end()) {
    it->second.used = ++clock_;
    return it->second.elf;
  }
  auto elf = std::make_shared<const ElfFile>(fd, name);
  parsed_++;
  files_[key] = {elf, ++clock_};
  trim_files();
  return elf;
}

void Symbolizer::trim_files() {
  // Files a cached process still maps stay (their regions hold them anyway); of the
  // others, the least recently used go first.
  while (files_.size() > limits_.files) {
    auto lru = files_.end();
    for (auto it = files_.begin(); it != files_.end(); ++it)
      if (it->second.elf.use_count() == 1 && (lru == files_.end() || it->second.used < lru->second.used)) lru = it;
    if (lru == files_.end()) return;
    files_.erase(lru);
  }
}

std::shared_ptr<const ElfFile> Symbolizer::open_region(pid_t pid, const Region& r) {
  const std::string proc = "/proc/" + std::to_string(pid);
  char range[48];
  std::snprintf(range, sizeof(range), "/map_files/%" PRIx64 "-%" PRIx64, r.start, r.end);
  // map_files needs CAP_SYS_ADMIN (or CAP_CHECKPOINT_RESTORE), even for our own process.
  Fd fd(::open((proc + range).c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (!fd) {
    fd = Fd(::open((proc + "/root" + r.path).c_str(), O_RDONLY | O_CLOEXEC));
    // Only the inode is compared: btrfs subvolumes and overlayfs report another device
    // in stat() than the superblock's that maps shows.
    if (!fd || ::fstat(fd.get(), &st) != 0 || st.st_ino != r.inode) return nullptr;
  } else if (::fstat(fd.get(), &st) != 0) {
    return nullptr;
  }
  try {
    return cached(fd.get(), r.path, st);
  } catch (const Error&) {
    return nullptr;  // not ELF: the module and offset are all there is
  }
}

std::optional<UserSymbol> Symbolizer::resolve_user(pid_t pid, uint64_t addr) {
  const int64_t now = now_ns();
  if (now - last_sweep_ns_ > 1'000'000'000) {
    last_sweep_ns_ = now;
    evict_dead();
  }
  auto find = [addr](Process* p) -> Region* {
    if (p)
      for (auto& r : p->regions)
        if (addr >= r.start && addr < r.end) return &r;
    return nullptr;
  };
  auto it = processes_.find(pid);
  Process* p = it == processes_.end() ? nullptr : &it->second;
  // Maps older than the limit are read again even on a hit: a library unmapped and
  // another mapped at its address would otherwise be named from the first one.
  const bool fresh = p && now - p->read_ns < static_cast<int64_t>(limits_.maps_max_age_ms) * 1'000'000;
  Region* r = fresh ? find(p) : nullptr;
  if (!r) {
    // Not cached yet, too old, or mapped since the maps were read.
    p = load_process(pid, p);
    r = find(p);
    if (!r) return std::nullopt;
  }
  p->used = ++clock_;
  if (!r->opened) {
    r->elf = open_region(pid, *r);
    r->opened = true;
  }
  UserSymbol out{{}, addr - r->start + r->offset, r->path};
  if (!r->elf) return out;
  const auto vaddr = r->elf->vaddr_of(out.offset);
  if (!vaddr) return out;
  out.offset = *vaddr;
  if (const auto s = r->elf->containing(*vaddr)) {
    out.name = s->name;
    out.offset = *vaddr - s->addr;
  }
  return out;
}

std::string Symbolizer::describe_user(pid_t pid, uint64_t addr, Unnamed unnamed) {
  const auto s = resolve_user(pid, addr);
  if (s && !s->name.empty()) return with_offset(s->name, s->offset);
  if (unnamed == Unnamed::Hex) return hex(addr);
  if (!s) return "[unknown]";
  return s->module + "+" + hex(s->offset);
}

void Symbolizer::evict(pid_t pid) { processes_.erase(pid); }

std::size_t Symbolizer::evict_dead() {
  std::size_t n = 0;
  for (auto it = processes_.begin(); it != processes_.end();) {
    if (start_time(it->first) != it->second.start_time) {
      it = processes_.erase(it);
      n++;
    } else {
      ++it;
    }
  }
  if (n) trim_files();
  return n;
}

std::shared_ptr<const ElfFile> Symbolizer::file(const std::string& path) {
  const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw Error("open '" + path + "'", errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw Error("stat '" + path + "'", errno);
  return cached(fd.get(), path, st);
}

std::optional<UprobeTarget> Symbolizer::uprobe(const std::string& path, const std::string& symbol) {
  const auto elf = file(path);
  const auto s = elf->find(symbol);
  if (!s) return std::nullopt;
  const auto off = elf->file_offset(s->addr);
  if (!off) return std::nullopt;
  return UprobeTarget{path, *off};
}

const KernelSymbols& Symbolizer::kernel() {
  if (!kernel_) kernel_ = std::make_unique<KernelSymbols>(KernelSymbols::load());
  return *kernel_;
}

std::string Symbolizer::describe_kernel(uint64_t addr) {
  const auto s = kernel().resolve(addr);
  if (!s) return "[unknown]";
  std::string out = with_offset(s->name, s->offset);
  if (!s->module.empty()) out.append(" [").append(s->module).append("]");
  return out;
}

}  // namespace corebox::sym
