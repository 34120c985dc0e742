#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct btf;
struct bpf_object;

// A per-boot cache of small BTF files, one per tool: the part of the kernel's BTF that
// the tool's CO-RE relocations need. libbpf parsing the whole vmlinux BTF (5.5 MB on
// 6.18) costs tens of milliseconds and ~10 MB of memory at every start; the subset is a
// few kilobytes. libbpf relocates against it through btf_custom_path, and loads the full
// BTF only for programs that attach by BTF id (fentry, tp_btf), where it must.
//
// Next to each subset, a list of kernel BTF ids and kinds of the names the tool asks
// about (hook targets, feature probes), so that the feature checks need no parse either.
// Files live in /run/corebox (tmpfs: gone at reboot, when the kernel may change) and are
// named after the boot, the corebox binary and the tool, so nothing stale is ever used.
namespace corebox::bpf {

struct BtfCache {
  std::string btf_path;                             // the subset, for btf_custom_path
  std::map<std::string, std::pair<int, int>> ids;  // name -> kernel (id, kind); id < 0: absent
};

// The cache files for `tool` ("" if this machine has no place for them).
std::string btf_cache_path(std::string_view tool);
// Reads the cache written by build_btf_cache, if it is there.
std::optional<BtfCache> load_btf_cache(const std::string& path);

// The names an object's CO-RE relocations start from (struct task_struct, ...), read
// from its ELF .BTF.ext. Empty optional if the object cannot be analysed.
std::optional<std::vector<std::string>> core_root_names(const void* elf, std::size_t size, const btf* local);

// Writes the subset of `full` needed by `roots`, and the ids of `lookups`, at `path`.
bool build_btf_cache(const btf* full, const std::vector<std::string>& roots,
                     const std::vector<std::pair<std::string, int>>& lookups, const std::string& path);

}  // namespace corebox::bpf
