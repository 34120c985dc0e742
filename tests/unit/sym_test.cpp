// User-space symbols: ElfFile lookups and UserSymbolizer, with this test binary
// as the fixture ELF (built here, not stripped).
#include <gtest/gtest.h>
#include <unistd.h>

#include "base/error.h"
#include "sym/elf.h"
#include "sym/usym.h"

extern "C" __attribute__((noinline, used)) int corebox_unit_sym_fixture(int x) {
  asm volatile("" : "+r"(x));
  return x * 3 + 1;
}

namespace corebox::sym {
namespace {

uint64_t fixture_addr() {
  return reinterpret_cast<uint64_t>(&corebox_unit_sym_fixture);
}

TEST(ElfFile, FindAndContaining) {
  ElfFile elf("/proc/self/exe");
  const auto s = elf.find("corebox_unit_sym_fixture");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->function);
  EXPECT_GT(s->size, 0u);
  const ElfSymbol *c = elf.containing(s->addr + s->size - 1);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name, "corebox_unit_sym_fixture");
  EXPECT_FALSE(elf.find("no_such_symbol_anywhere"));
  const auto off = elf.file_offset(s->addr);
  ASSERT_TRUE(off);
  EXPECT_EQ(elf.vaddr_of(*off), s->addr);
}

TEST(ElfFile, NotElfIsError) {
  EXPECT_THROW(ElfFile("/proc/self/status"), Error);
}

TEST(UserSymbolizer, ResolvesOwnFunction) {
  UserSymbolizer syms;
  const auto s = syms.resolve(getpid(), fixture_addr() + 2);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "corebox_unit_sym_fixture");
  EXPECT_EQ(s->offset, 2u);
  EXPECT_EQ(syms.describe(getpid(), fixture_addr()),
            "corebox_unit_sym_fixture");
  EXPECT_EQ(syms.describe(getpid(), fixture_addr() + 2),
            "corebox_unit_sym_fixture+0x2");
  EXPECT_EQ(syms.describe(getpid(), 0x10), "0x10"); // nothing mapped there
}

TEST(UserSymbolizer, ParseMaps) {
  const auto m = UserSymbolizer::parse_maps(
      "55d0c0a00000-55d0c0a21000 r--p 00000000 08:01 1234   /usr/bin/foo\n"
      "55d0c0a21000-55d0c0b00000 r-xp 00021000 08:01 1234   /usr/bin/foo\n"
      "7ffd1000-7ffd2000 rw-p 00000000 00:00 0   [stack]\n"
      "7f0000000000-7f0000001000 rw-p 00000000 00:00 0\n"
      "7f0000001000-7f0000002000 r-xp 00001000 00:05 99   /tmp/lib x.so "
      "(deleted)\n");
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[1].start, 0x55d0c0a21000u);
  EXPECT_EQ(m[1].end, 0x55d0c0b00000u);
  EXPECT_EQ(m[1].offset, 0x21000u);
  EXPECT_EQ(m[1].path, "/usr/bin/foo");
  EXPECT_EQ(m[2].path, "/tmp/lib x.so");
}

} // namespace
} // namespace corebox::sym
