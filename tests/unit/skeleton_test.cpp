// Every tool's BPF object opens (parses, has its programs and maps): no root needed.
#include <gtest/gtest.h>

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
