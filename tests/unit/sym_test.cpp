// Symbols: ElfFile against fixture ELF files built with the tree (a PIE, a non-PIE, a
// stripped shared library), the Symbolizer against running fixture processes, and the
// kernel's symbols against /proc/kallsyms. No root needed; as root, /proc/PID/map_files
// is used as well.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/error.h"
#include "sym/elf.h"
#include "sym/kallsyms.h"
#include "sym/symbolizer.h"

extern char** environ;

extern "C" __attribute__((noinline, used)) int corebox_unit_sym_fixture(int x) {
  asm volatile("" : "+r"(x));
  return x * 3 + 1;
}

namespace corebox::sym {
namespace {

// A running fixture: its pid and the addresses it printed. Closing its stdin ends it.
class Fixture {
 public:
  explicit Fixture(const std::string& path) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC)) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    char* argv[] = {const_cast<char*>(path.c_str()), nullptr};
    const int err = posix_spawn(&pid_, path.c_str(), &fa, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(in[0]);
    ::close(out[1]);
    stdin_ = in[1];
    if (err) throw std::runtime_error("spawn " + path);
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    std::istringstream ss(line);
    for (auto& a : addr) ss >> std::hex >> a;
  }
  ~Fixture() { stop(); }
  void stop() {
    if (pid_ <= 0) return;
    ::close(stdin_);
    int status;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  pid_t pid() const { return pid_; }
  // Own function, beta, &sym_lib_exported (the PLT in a non-PIE), the library's exported
  // and hidden functions.
  uint64_t addr[5] = {};

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
};

bool map_files_readable() {
  std::ifstream maps("/proc/self/maps");
  std::string range;
  maps >> range;
  const int fd = ::open(("/proc/self/map_files/" + range).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) ::close(fd);
  return fd >= 0;
}

TEST(ElfFile, PieAndNonPie) {
  ElfFile pie(SYM_FIXTURE_PIE), nopie(SYM_FIXTURE_NOPIE);
  EXPECT_TRUE(pie.shared());
  EXPECT_FALSE(nopie.shared());
  for (const ElfFile* elf : {&pie, &nopie}) {
    const auto s = elf->find("sym_fixture_alpha");
    ASSERT_TRUE(s) << elf->path();
    EXPECT_TRUE(s->function);
    EXPECT_GT(s->size, 1u);
    const auto c = elf->containing(s->addr + s->size - 1);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->name, "sym_fixture_alpha");
    const auto off = elf->file_offset(s->addr);
    ASSERT_TRUE(off);
    EXPECT_EQ(elf->vaddr_of(*off), s->addr);
    EXPECT_FALSE(elf->find("no_such_symbol_anywhere"));
  }
  EXPECT_EQ(nopie.needed().size() >= 1 && nopie.needed()[0] == "libsymfixture.so", true);
}

TEST(ElfFile, DynsymOnly) {
  ElfFile lib(SYM_FIXTURE_LIB);
  ASSERT_TRUE(lib.has_symbols());
  EXPECT_TRUE(lib.find("sym_lib_exported"));
  EXPECT_FALSE(lib.find("sym_lib_hidden"));  // static, and .symtab is stripped
}

TEST(ElfFile, NotElfIsError) {
  EXPECT_THROW(ElfFile("/proc/self/status"), Error);
  EXPECT_THROW(ElfFile("/nonexistent/file"), Error);
}

TEST(Symbolizer, PieNonPieAndSharedLibrary) {
  for (const char* path : {SYM_FIXTURE_PIE, SYM_FIXTURE_NOPIE}) {
    Symbolizer syms;
    Fixture f(path);
    ASSERT_NE(f.addr[0], 0u) << path;
    EXPECT_EQ(syms.describe_user(f.pid(), f.addr[0]), "sym_fixture_alpha");
    EXPECT_EQ(syms.describe_user(f.pid(), f.addr[1] + 1), "sym_fixture_beta+0x1");
    // The library: loaded at a bias, named from .dynsym.
    const auto lib = syms.resolve_user(f.pid(), f.addr[3] + 1);
    ASSERT_TRUE(lib);
    EXPECT_EQ(lib->name, "sym_lib_exported");
    EXPECT_EQ(lib->offset, 1u);
    EXPECT_EQ(std::filesystem::path(lib->module).filename(), "libsymfixture.so");
    // The library's static function has no symbol: module+offset, not a neighbour's name.
    const std::string hidden = syms.describe_user(f.pid(), f.addr[4]);
    EXPECT_EQ(hidden.rfind(lib->module + "+0x", 0), 0u) << hidden;
    EXPECT_EQ(syms.describe_user(f.pid(), f.addr[4], Unnamed::Hex).rfind("0x", 0), 0u);
    // A PLT entry (no symbol; _init, a zero-sized label, comes before it) is not _init's.
    const std::string plt = syms.describe_user(f.pid(), f.addr[2]);
    if (f.addr[2] != f.addr[3]) EXPECT_EQ(plt.rfind(std::string(path) + "+0x", 0), 0u) << plt;
    // Nothing mapped there.
    EXPECT_FALSE(syms.resolve_user(f.pid(), 0x10));
    EXPECT_EQ(syms.describe_user(f.pid(), 0x10), "[unknown]");
    EXPECT_EQ(syms.describe_user(f.pid(), 0x10, Unnamed::Hex), "0x10");
  }
}

TEST(Symbolizer, OneFileParsedOnceForManyProcesses) {
  Symbolizer syms;
  Fixture a(SYM_FIXTURE_PIE), b(SYM_FIXTURE_PIE);
  EXPECT_EQ(syms.describe_user(a.pid(), a.addr[0]), "sym_fixture_alpha");
  EXPECT_EQ(syms.describe_user(b.pid(), b.addr[0]), "sym_fixture_alpha");
  EXPECT_EQ(syms.describe_user(b.pid(), b.addr[1]), "sym_fixture_beta");
  EXPECT_EQ(syms.files_parsed(), 1u);
  EXPECT_EQ(syms.cached_processes(), 2u);
  // The uprobe set-up path shares the cache too.
  ASSERT_TRUE(syms.uprobe(SYM_FIXTURE_PIE, "sym_fixture_alpha"));
  EXPECT_EQ(syms.files_parsed(), 1u);
  EXPECT_FALSE(syms.uprobe(SYM_FIXTURE_PIE, "no_such_symbol_anywhere"));
  EXPECT_THROW(syms.uprobe("/nonexistent/file", "x"), Error);
}

// Two different files at one path (as two containers would have): the first process's
// file is replaced while it runs. Neither may be named from the other's file.
TEST(Symbolizer, SamePathDifferentFiles) {
  const auto dir = std::filesystem::temp_directory_path() / ("corebox-sym-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "fixture";
  std::filesystem::copy_file(SYM_FIXTURE_PIE, path, std::filesystem::copy_options::overwrite_existing);
  Symbolizer syms;
  Fixture a(path);
  std::filesystem::copy_file(SYM_FIXTURE_PIE_B, dir / "next");
  std::filesystem::rename(dir / "next", path);
  Fixture b(path);
  EXPECT_EQ(syms.describe_user(b.pid(), b.addr[0]), "sym_fixture_other");
  const auto s = syms.resolve_user(a.pid(), a.addr[0]);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->module, path.string());
  // Through map_files (root) the deleted file itself is read; otherwise the file now at
  // the path has another inode and is refused.
  EXPECT_EQ(s->name, map_files_readable() ? "sym_fixture_alpha" : "");
  a.stop();
  b.stop();
  std::filesystem::remove_all(dir);
}

TEST(Symbolizer, DeadProcessesEvicted) {
  Symbolizer syms;
  Fixture a(SYM_FIXTURE_PIE), b(SYM_FIXTURE_PIE);
  ASSERT_TRUE(syms.resolve_user(a.pid(), a.addr[0]));
  ASSERT_TRUE(syms.resolve_user(b.pid(), b.addr[0]));
  EXPECT_EQ(syms.cached_processes(), 2u);
  const pid_t gone = a.pid();
  a.stop();
  EXPECT_EQ(syms.evict_dead(), 1u);
  EXPECT_EQ(syms.cached_processes(), 1u);
  EXPECT_FALSE(syms.resolve_user(gone, a.addr[0]));
  syms.evict(b.pid());
  EXPECT_EQ(syms.cached_processes(), 0u);
}

// A file mapped after the process's maps were cached (dlopen after the first event).
TEST(Symbolizer, NewMappingReadsMapsAgain) {
  Symbolizer syms;
  const auto own = reinterpret_cast<uint64_t>(&corebox_unit_sym_fixture);
  EXPECT_EQ(syms.describe_user(getpid(), own + 2), "corebox_unit_sym_fixture+0x2");
  const int fd = ::open(SYM_FIXTURE_LIB, O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  void* map = mmap(nullptr, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  ASSERT_NE(map, MAP_FAILED);
  const auto s = syms.resolve_user(getpid(), reinterpret_cast<uint64_t>(map) + 0x10);
  munmap(map, 4096);
  ASSERT_TRUE(s);
  EXPECT_EQ(std::filesystem::path(s->module).filename(), "libsymfixture.so");
  EXPECT_EQ(s->offset, 0x10u);  // the ELF header: no function, the file's own address
  EXPECT_EQ(s->name, "");
  EXPECT_EQ(syms.describe_user(getpid(), own), "corebox_unit_sym_fixture");
  EXPECT_EQ(syms.files_parsed(), 2u);
}

// Another file mapped where one was: with maps older than the limit (0 here), the new
// one is named.
TEST(Symbolizer, ReplacedMappingAfterMaxAge) {
  Symbolizer syms(Symbolizer::Limits{.maps_max_age_ms = 0});
  const int lib = ::open(SYM_FIXTURE_LIB, O_RDONLY | O_CLOEXEC), pie = ::open(SYM_FIXTURE_PIE, O_RDONLY | O_CLOEXEC);
  ASSERT_GE(lib, 0);
  ASSERT_GE(pie, 0);
  void* map = mmap(nullptr, 4096, PROT_READ, MAP_PRIVATE, lib, 0);
  ASSERT_NE(map, MAP_FAILED);
  const auto at = reinterpret_cast<uint64_t>(map) + 0x10;
  auto s = syms.resolve_user(getpid(), at);
  ASSERT_TRUE(s);
  EXPECT_EQ(std::filesystem::path(s->module).filename(), "libsymfixture.so");
  ASSERT_EQ(mmap(map, 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED, pie, 0), map);
  s = syms.resolve_user(getpid(), at);
  munmap(map, 4096);
  ::close(lib);
  ::close(pie);
  ASSERT_TRUE(s);
  EXPECT_EQ(std::filesystem::path(s->module).filename(), "sym-fixture-pie");
}

TEST(Symbolizer, BoundedProcesses) {
  Symbolizer syms(Symbolizer::Limits{.processes = 1, .files = 0});
  Fixture a(SYM_FIXTURE_PIE), b(SYM_FIXTURE_NOPIE);
  EXPECT_EQ(syms.describe_user(a.pid(), a.addr[0]), "sym_fixture_alpha");
  EXPECT_EQ(syms.describe_user(b.pid(), b.addr[0]), "sym_fixture_alpha");
  EXPECT_EQ(syms.cached_processes(), 1u);
  // a's maps were dropped for b's; its file (unmapped by any cached process) too.
  EXPECT_EQ(syms.cached_files(), 1u);
  EXPECT_EQ(syms.describe_user(a.pid(), a.addr[1]), "sym_fixture_beta");
}

TEST(Symbolizer, ParseMaps) {
  const auto m = parse_maps(
      "55d0c0a00000-55d0c0a21000 r--p 00000000 08:01 1234   /usr/bin/foo\n"
      "55d0c0a21000-55d0c0b00000 r-xp 00021000 08:01 1234   /usr/bin/foo\n"
      "7ffd1000-7ffd2000 rw-p 00000000 00:00 0   [stack]\n"
      "7f0000000000-7f0000001000 rw-p 00000000 00:00 0\n"
      "7f0000001000-7f0000002000 r-xp 00001000 fd:1a 99   /tmp/lib x.so (deleted)\n");
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[1].start, 0x55d0c0a21000u);
  EXPECT_EQ(m[1].end, 0x55d0c0b00000u);
  EXPECT_EQ(m[1].offset, 0x21000u);
  EXPECT_EQ(m[1].inode, 1234u);
  EXPECT_EQ(m[1].path, "/usr/bin/foo");
  EXPECT_EQ(m[2].path, "/tmp/lib x.so");
  EXPECT_EQ(m[2].dev_major, 0xfdu);
  EXPECT_EQ(m[2].dev_minor, 0x1au);
}

TEST(KernelSymbols, Parse) {
  const KernelSymbols k(
      "ffffffff81000000 T _stext\n"
      "ffffffff81000000 t local_alias\n"
      "ffffffff81000100 T second\n"
      "ffffffff81000200 D some_data\n"
      "ffffffffc0001000 t mod_fn\t[mymod]\n"
      "ffffffffc0001040 T mod_fn2\t[mymod]\n");
  EXPECT_FALSE(k.hidden());
  EXPECT_EQ(k.size(), 6u);
  auto s = k.resolve(0xffffffff81000010);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "_stext");  // the global one of two at one address
  EXPECT_EQ(s->offset, 0x10u);
  s = k.resolve(0xffffffff81000100);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "second");
  EXPECT_EQ(s->offset, 0u);
  EXPECT_FALSE(k.resolve(0xffffffff81000300));  // after data: not text
  EXPECT_FALSE(k.resolve(0xffffffff80000000));  // below everything
  s = k.resolve(0xffffffffc0001044);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "mod_fn2");
  EXPECT_EQ(s->module, "mymod");
  EXPECT_EQ(k.address("second"), 0xffffffff81000100u);
  EXPECT_FALSE(k.address("nothing"));
}

TEST(KernelSymbols, AllZeroIsHidden) {
  const KernelSymbols k("0000000000000000 T _stext\n0000000000000000 T schedule\n");
  EXPECT_TRUE(k.hidden());
  EXPECT_FALSE(k.resolve(0));
  EXPECT_EQ(KernelSymbols::hidden_message().rfind("kernel addresses are hidden (kernel.kptr_restrict = ", 0), 0u);
}

TEST(KernelSymbols, LiveSchedule) {
  Symbolizer syms;
  const KernelSymbols& k = syms.kernel();
  ASSERT_GT(k.size(), 1000u);
  if (k.hidden()) {
    EXPECT_EQ(syms.describe_kernel(0xffffffff81000000), "[unknown]");
    GTEST_SKIP() << "kernel addresses hidden here (kptr_restrict, not root)";
  }
  // The address, independently of the parser, from the file itself.
  std::ifstream in("/proc/kallsyms");
  std::string addr, type, name;
  uint64_t schedule = 0;
  while (in >> addr >> type >> name)
    if (name == "schedule") schedule = std::stoull(addr, nullptr, 16);
  ASSERT_NE(schedule, 0u);
  EXPECT_EQ(k.address("schedule"), schedule);
  const auto s = k.resolve(schedule + 0x10);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "schedule");
  EXPECT_EQ(s->offset, 0x10u);
  EXPECT_EQ(s->module, "");
  EXPECT_EQ(syms.describe_kernel(schedule + 0x10), "schedule+0x10");
  EXPECT_EQ(syms.describe_kernel(schedule), "schedule");
}

}  // namespace
}  // namespace corebox::sym
