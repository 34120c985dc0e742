// Every tool's BPF object opens (parses, has its programs and maps): no root needed.
#include <gtest/gtest.h>

#include <cstddef>
#include <functional>
#include <string>

#include "base/error.h"
#include "bpf/object.h"

#define COREBOX_SKEL_TEST(name)                                    \
  TEST(Skeleton, name##_opens) {                                   \
    name##_bpf* s = name##_bpf__open();                            \
    ASSERT_NE(s, nullptr);                                         \
    size_t progs = 0;                                              \
    bpf_program* p;                                                \
    bpf_object__for_each_program(p, s->obj) progs++;               \
    EXPECT_GT(progs, 0u);                                          \
    name##_bpf__destroy(s);                                        \
  }

#include "skeletons.inc"

namespace {

using corebox::Error;
using corebox::bpf::Object;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.line();
  }
  return "no error";
}

TEST(Object, VariablesByNameAreWhereTheSkeletonHasThem) {
  size_t size = 0;
  const void* elf = opensnoop_bpf::elf_bytes(&size);
  Object obj(elf, size, "opensnoop_bpf");
  opensnoop_bpf* skel = opensnoop_bpf__open();
  ASSERT_NE(skel, nullptr);
  // The offsets bpftool compiled into the typed struct are the DATASEC's.
  const auto* base = static_cast<const char*>(obj.var("cb_targ_tgid").data);
  EXPECT_EQ(static_cast<const char*>(obj.var("flag_mask").data) - base,
            offsetof(opensnoop_bpf::opensnoop_bpf__rodata, flag_mask));
  EXPECT_EQ(static_cast<const char*>(obj.var("cb_targ_comm").data) - base,
            offsetof(opensnoop_bpf::opensnoop_bpf__rodata, cb_targ_comm));
  opensnoop_bpf__destroy(skel);

  obj.set("flag_mask", uint32_t{0x41});
  EXPECT_EQ(obj.get<uint32_t>("flag_mask"), 0x41u);
  obj.set("failed_only", true);
  EXPECT_TRUE(obj.get<bool>("failed_only"));
  obj.set_string("cb_targ_comm", "bash");
  EXPECT_STREQ(static_cast<const char*>(obj.var("cb_targ_comm").data), "bash");
  EXPECT_EQ(obj.var("cb_targ_comm").size, 16u);
}

TEST(Object, WrongNamesAndSizesAreErrors) {
  size_t size = 0;
  const void* elf = opensnoop_bpf::elf_bytes(&size);
  Object obj(elf, size, "opensnoop");
  EXPECT_EQ(error_of([&] { obj.set("flag_mask", uint64_t{1}); }), "variable 'flag_mask' is 4 bytes, not 8");
  EXPECT_EQ(error_of([&] { obj.set("flag_maks", uint32_t{1}); }),
            "variable 'flag_maks' does not exist in the BPF object of opensnoop");
  EXPECT_EQ(error_of([&] { obj.set_string("cb_targ_comm", "a-name-of-16-chr"); }),
            "variable 'cb_targ_comm' holds 15 bytes, not 16");
  EXPECT_EQ(error_of([&] { obj.map("cb_event"); }), "map 'cb_event' does not exist in the BPF object of opensnoop");
  EXPECT_EQ(error_of([&] { obj.program("open_exi"); }),
            "program 'open_exi' does not exist in the BPF object of opensnoop");
  EXPECT_NE(obj.events(), nullptr);
  EXPECT_NE(obj.lost(), nullptr);
  EXPECT_EQ(obj.program("open__tp_openat"), bpf_object__find_program_by_name(obj.object(), "open__tp_openat"));
}

TEST(Object, TyposInOptionalAndManualAreErrorsAtLoad) {
  size_t size = 0;
  const void* elf = filelife_bpf::elf_bytes(&size);
  {
    Object obj(elf, size, "filelife");
    obj.optional({"unlnk"});
    EXPECT_EQ(error_of([&] { obj.load_and_attach(); }), "optional program 'unlnk' does not exist");
  }
  {
    Object obj(elf, size, "filelife");
    obj.manual({"unlink_entr"});
    EXPECT_EQ(error_of([&] { obj.load_and_attach(); }), "manual program 'unlink_entr' does not exist");
  }
  {
    // Right names pass the check; an object opened to be read is never loaded.
    Object obj(elf, size, "filelife");
    obj.optional({"unlink"});
    obj.manual({"unlink__kprobe"});
    EXPECT_NE(error_of([&] { obj.load_and_attach(); }).find("opened to be read only"), std::string::npos);
  }
}

}  // namespace
