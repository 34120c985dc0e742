#include "sym/usym.h"

#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "base/error.h"

namespace corebox::sym {

std::vector<UserSymbolizer::Mapping>
UserSymbolizer::parse_maps(const std::string &text) {
  std::vector<Mapping> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    // start-end perms offset dev inode path
    Mapping m;
    char perms[8] = {};
    int path_at = -1;
    if (std::sscanf(line.c_str(),
                    "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %*s %*s %n",
                    &m.start, &m.end, perms, &m.offset, &path_at) < 4 ||
        path_at < 0)
      continue;
    if (static_cast<std::size_t>(path_at) >= line.size() ||
        line[path_at] != '/')
      continue; // anonymous, [heap]...
    m.path = line.substr(path_at);
    if (const auto del = m.path.rfind(" (deleted)");
        del != std::string::npos && del + 10 == m.path.size())
      m.path.resize(del);
    out.push_back(std::move(m));
  }
  return out;
}

const UserSymbolizer::Mapping *UserSymbolizer::find(pid_t pid, uint64_t addr,
                                                    bool reload) {
  auto it = maps_.find(pid);
  if (it == maps_.end() || reload) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/maps");
    if (!in)
      return nullptr;
    std::stringstream ss;
    ss << in.rdbuf();
    it = maps_.insert_or_assign(pid, parse_maps(ss.str())).first;
  }
  for (const auto &m : it->second)
    if (addr >= m.start && addr < m.end)
      return &m;
  return nullptr;
}

const ElfFile *UserSymbolizer::elf(pid_t pid, const std::string &path) {
  auto it = files_.find(path);
  if (it != files_.end())
    return it->second.get();
  std::unique_ptr<ElfFile> f;
  // Through the process's root first, so another mount namespace's files are
  // found.
  for (const std::string &p :
       {"/proc/" + std::to_string(pid) + "/root" + path, path}) {
    try {
      f = std::make_unique<ElfFile>(p);
      break;
    } catch (const Error &) {
    }
  }
  return files_.emplace(path, std::move(f)).first->second.get();
}

std::optional<UserSymbol> UserSymbolizer::resolve(pid_t pid, uint64_t addr) {
  const Mapping *m = find(pid, addr, false);
  if (!m)
    m = find(pid, addr, true);
  if (!m)
    return std::nullopt;
  UserSymbol out;
  out.module = m->path;
  const uint64_t file_off = addr - m->start + m->offset;
  out.offset = file_off;
  const ElfFile *f = elf(pid, m->path);
  if (!f)
    return out;
  const auto vaddr = f->vaddr_of(file_off);
  if (!vaddr)
    return out;
  if (const ElfSymbol *s = f->containing(*vaddr)) {
    out.name = s->name;
    out.offset = *vaddr - s->addr;
  }
  return out;
}

std::string UserSymbolizer::describe(pid_t pid, uint64_t addr) {
  char hex[32];
  std::snprintf(hex, sizeof(hex), "0x%" PRIx64, addr);
  const auto s = resolve(pid, addr);
  if (!s || s->name.empty())
    return hex;
  if (!s->offset)
    return s->name;
  std::snprintf(hex, sizeof(hex), "+0x%" PRIx64, s->offset);
  return s->name + hex;
}

} // namespace corebox::sym
