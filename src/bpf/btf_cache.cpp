#include "bpf/btf_cache.h"

#include <bpf/btf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <map>
#include <set>

namespace corebox::bpf {
namespace {

constexpr const char* kCacheDir = "/run/corebox";

std::string essential(std::string name) {
  if (const auto flavor = name.find("___"); flavor != std::string::npos) name.resize(flavor);
  return name;
}

bool write_file(const std::string& path, const void* data, std::size_t size) {
  const std::string tmp = path + ".tmp" + std::to_string(getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  const bool ok = ::write(fd, data, size) == static_cast<ssize_t>(size);
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

// How much of a type the subset keeps: a struct reached only through a pointer keeps its
// name and size (CO-RE never looks inside it unless it is a root itself).
enum Mode : uint8_t { kNone, kShallow, kComplete };

class Subset {
 public:
  explicit Subset(const btf* full) : full_(full), mode_(btf__type_cnt(full), kNone) {}

  void add_root(int id) { visit(id, kComplete); }

  void close() {
    while (!work_.empty()) {
      const int id = work_.back();
      work_.pop_back();
      expand(id);
    }
  }

  btf* emit() {
    std::vector<int> new_id(mode_.size(), 0);
    int next = 1;
    for (std::size_t id = 1; id < mode_.size(); id++)
      if (mode_[id] != kNone) new_id[id] = next++;
    btf* out = btf__new_empty();
    if (!out) return nullptr;
    for (std::size_t id = 1; id < mode_.size(); id++) {
      if (mode_[id] == kNone) continue;
      const btf_type* t = btf__type_by_id(full_, static_cast<__u32>(id));
      const char* name = btf__name_by_offset(full_, t->name_off);
      int nid;
      if ((btf_is_struct(t) || btf_is_union(t)) && mode_[id] == kShallow) {
        nid = btf_is_struct(t) ? btf__add_struct(out, name, t->size) : btf__add_union(out, name, t->size);
      } else {
        nid = btf__add_type(out, full_, t);
        if (nid > 0) remap(const_cast<btf_type*>(btf__type_by_id(out, static_cast<__u32>(nid))), new_id);
      }
      if (nid != new_id[id]) {
        btf__free(out);
        return nullptr;
      }
    }
    return out;
  }

 private:
  void visit(__u32 id, Mode m) {
    if (id == 0 || id >= mode_.size() || mode_[id] >= m) return;
    mode_[id] = m;
    work_.push_back(static_cast<int>(id));
  }

  void expand(int id) {
    const btf_type* t = btf__type_by_id(full_, static_cast<__u32>(id));
    const Mode m = static_cast<Mode>(mode_[id]);
    switch (btf_kind(t)) {
      case BTF_KIND_STRUCT:
      case BTF_KIND_UNION:
        if (m == kComplete) {
          const btf_member* mem = btf_members(t);
          for (int i = 0; i < btf_vlen(t); i++) visit(mem[i].type, kComplete);
        }
        break;
      case BTF_KIND_PTR: visit(t->type, kShallow); break;
      case BTF_KIND_ARRAY:
        visit(btf_array(t)->type, m);
        visit(btf_array(t)->index_type, m);
        break;
      case BTF_KIND_FUNC_PROTO: {
        visit(t->type, m);
        const btf_param* p = btf_params(t);
        for (int i = 0; i < btf_vlen(t); i++) visit(p[i].type, m);
        break;
      }
      case BTF_KIND_TYPEDEF:
      case BTF_KIND_VOLATILE:
      case BTF_KIND_CONST:
      case BTF_KIND_RESTRICT:
      case BTF_KIND_TYPE_TAG:
      case BTF_KIND_FUNC:
      case BTF_KIND_VAR: visit(t->type, m); break;
      default: break;  // int, enum, enum64, fwd, float: no references
    }
  }

  static void remap(btf_type* t, const std::vector<int>& map) {
    auto fix = [&](__u32& ref) { ref = ref < map.size() ? static_cast<__u32>(map[ref]) : 0; };
    switch (btf_kind(t)) {
      case BTF_KIND_STRUCT:
      case BTF_KIND_UNION: {
        btf_member* mem = btf_members(t);
        for (int i = 0; i < btf_vlen(t); i++) fix(mem[i].type);
        break;
      }
      case BTF_KIND_ARRAY:
        fix(btf_array(t)->type);
        fix(btf_array(t)->index_type);
        break;
      case BTF_KIND_FUNC_PROTO: {
        fix(t->type);
        btf_param* p = btf_params(t);
        for (int i = 0; i < btf_vlen(t); i++) fix(p[i].type);
        break;
      }
      case BTF_KIND_PTR:
      case BTF_KIND_TYPEDEF:
      case BTF_KIND_VOLATILE:
      case BTF_KIND_CONST:
      case BTF_KIND_RESTRICT:
      case BTF_KIND_TYPE_TAG:
      case BTF_KIND_FUNC:
      case BTF_KIND_VAR: fix(t->type); break;
      default: break;
    }
  }

  const btf* full_;
  std::vector<uint8_t> mode_;
  std::vector<int> work_;
};

bool is_root_kind(const btf_type* t) {
  switch (btf_kind(t)) {
    case BTF_KIND_STRUCT:
    case BTF_KIND_UNION:
    case BTF_KIND_ENUM:
    case BTF_KIND_ENUM64:
    case BTF_KIND_TYPEDEF:
    case BTF_KIND_FWD:
    case BTF_KIND_INT:
    case BTF_KIND_FLOAT: return true;
    default: return false;
  }
}

}  // namespace

std::string btf_cache_path(std::string_view tool) {
  std::ifstream boot("/proc/sys/kernel/random/boot_id");
  std::string boot_id;
  struct stat exe{};
  if (!(boot >> boot_id) || ::stat("/proc/self/exe", &exe) != 0) return "";
  if (::mkdir(kCacheDir, 0700) != 0 && errno != EEXIST) return "";
  return std::string(kCacheDir) + "/" + boot_id.substr(0, 8) + "-" + std::to_string(exe.st_ino) + "-" +
         std::to_string(exe.st_mtim.tv_sec) + "-" + std::to_string(exe.st_size) + "-" + std::string(tool) + ".btf";
}

std::optional<BtfCache> load_btf_cache(const std::string& path) {
  std::ifstream ids(path + ".ids");
  if (!ids || ::access(path.c_str(), R_OK) != 0) return std::nullopt;
  BtfCache c;
  c.btf_path = path;
  std::string name;
  int id, kind;
  while (ids >> name >> id >> kind) c.ids[name] = {id, kind};
  return c;
}

std::optional<std::vector<std::string>> core_root_names(const void* data, std::size_t size, const btf* local) {
  if (!local || elf_version(EV_CURRENT) == EV_NONE) return std::nullopt;
  Elf* e = elf_memory(static_cast<char*>(const_cast<void*>(data)), size);
  if (!e) return std::nullopt;
  std::size_t shstrndx;
  Elf_Data* ext = nullptr;
  if (elf_getshdrstrndx(e, &shstrndx) == 0) {
    for (Elf_Scn* scn = nullptr; (scn = elf_nextscn(e, scn));) {
      GElf_Shdr sh;
      if (!gelf_getshdr(scn, &sh)) continue;
      const char* name = elf_strptr(e, shstrndx, sh.sh_name);
      if (name && std::strcmp(name, ".BTF.ext") == 0) ext = elf_getdata(scn, nullptr);
    }
  }
  std::set<std::string> roots;
  bool ok = true;
  if (ext && ext->d_buf && ext->d_size >= 32) {
    // .BTF.ext: header, then per-section CO-RE relocation records (struct bpf_core_relo).
    const auto* b = static_cast<const uint8_t*>(ext->d_buf);
    auto u32 = [&](std::size_t off) {
      uint32_t v;
      std::memcpy(&v, b + off, 4);
      return v;
    };
    const uint32_t hdr_len = u32(4);
    if (hdr_len >= 32) {
      const std::size_t start = hdr_len + u32(24), len = u32(28);
      if (len >= 4 && start + len <= ext->d_size) {
        const uint32_t rec = u32(start);
        std::size_t off = start + 4;
        while (ok && off + 8 <= start + len) {
          const uint32_t n = u32(off + 4);
          off += 8;
          for (uint32_t i = 0; i < n && off + rec <= start + len; i++, off += rec) {
            __u32 id = u32(off + 4);
            // Through modifiers and typedefs to the named type; keep every name met.
            for (int depth = 0; depth < 16; depth++) {
              const btf_type* t = btf__type_by_id(local, id);
              if (!t) break;
              const char* name = btf__name_by_offset(local, t->name_off);
              if (name && *name) roots.insert(essential(name));
              if (btf_is_mod(t) || btf_is_typedef(t)) {
                id = t->type;
                continue;
              }
              if (!name || !*name) ok = btf_is_ptr(t) || btf_is_int(t);  // anonymous roots: give up
              break;
            }
          }
        }
      }
    }
  }
  elf_end(e);
  if (!ok) return std::nullopt;
  return std::vector<std::string>(roots.begin(), roots.end());
}

bool build_btf_cache(const btf* full, const std::vector<std::string>& roots,
                     const std::vector<std::pair<std::string, int>>& lookups, const std::string& path) {
  // One pass over the kernel's types (about 150,000) finds the roots and the names the
  // feature checks look up: btf__find_by_name_kind() would scan them all once per name.
  Subset subset(full);
  const std::set<std::string, std::less<>> want(roots.begin(), roots.end());
  std::map<std::pair<std::string_view, int>, int> found;
  for (const auto& [name, kind] : lookups) found.emplace(std::pair<std::string_view, int>(name, kind), -1);
  const __u32 n = btf__type_cnt(full);
  for (__u32 id = 1; id < n; id++) {
    const btf_type* t = btf__type_by_id(full, id);
    if (!t->name_off) continue;
    const std::string_view name = btf__name_by_offset(full, t->name_off);
    if (is_root_kind(t) && want.count(name)) subset.add_root(static_cast<int>(id));
    if (const auto it = found.find({name, btf_kind(t)}); it != found.end() && it->second < 0)
      it->second = static_cast<int>(id);
  }
  subset.close();
  btf* out = subset.emit();
  if (!out) return false;
  __u32 size = 0;
  const void* raw = btf__raw_data(out, &size);
  std::string ids;
  for (const auto& [name, kind] : lookups) {
    const int id = found[{name, kind}];
    ids += name + " " + std::to_string(id) + " " + std::to_string(kind) + "\n";
  }
  // The ids file last: its presence says the cache is complete.
  const bool ok = raw && write_file(path, raw, size) && write_file(path + ".ids", ids.data(), ids.size());
  btf__free(out);
  return ok;
}

}  // namespace corebox::bpf
