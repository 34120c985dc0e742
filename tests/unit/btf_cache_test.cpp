// The BTF subset keeps what CO-RE needs, at the same offsets as the kernel's full BTF.
#include <bpf/btf.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "bpf/btf_cache.h"
#include "execsnoop.skel.h"

using namespace corebox::bpf;

namespace {

// Offset in bits of `member` in the struct named `type`, or -1.
long member_offset(const btf* b, const char* type, const char* member) {
  const int id = btf__find_by_name_kind(b, type, BTF_KIND_STRUCT);
  if (id <= 0) return -1;
  const btf_type* t = btf__type_by_id(b, id);
  const btf_member* m = btf_members(t);
  for (int i = 0; i < btf_vlen(t); i++)
    if (std::strcmp(btf__name_by_offset(b, m[i].name_off), member) == 0) return btf_member_bit_offset(t, i);
  return -1;
}

}  // namespace

TEST(BtfCache, SubsetKeepsCoreTypesAtKernelOffsets) {
  if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) GTEST_SKIP() << "no kernel BTF on this machine";
  execsnoop_bpf* skel = execsnoop_bpf__open();
  ASSERT_NE(skel, nullptr);
  const auto roots = core_root_names(skel->skeleton->data, skel->skeleton->data_sz, bpf_object__btf(skel->obj));
  execsnoop_bpf__destroy(skel);
  ASSERT_TRUE(roots.has_value());
  EXPECT_NE(std::find(roots->begin(), roots->end(), "task_struct"), roots->end());

  btf* full = btf__parse("/sys/kernel/btf/vmlinux", nullptr);
  ASSERT_NE(full, nullptr);
  char dir[] = "/tmp/corebox-btf-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string path = std::string(dir) + "/execsnoop.btf";
  ASSERT_TRUE(build_btf_cache(full, *roots, {{"vfs_read", BTF_KIND_FUNC}, {"no_such_fn_x", BTF_KIND_FUNC}}, path));

  const auto cache = load_btf_cache(path);
  ASSERT_TRUE(cache.has_value());
  EXPECT_GT(cache->ids.at("vfs_read").first, 0);
  EXPECT_EQ(cache->ids.at("vfs_read").first, btf__find_by_name_kind(full, "vfs_read", BTF_KIND_FUNC));
  EXPECT_LT(cache->ids.at("no_such_fn_x").first, 0);

  btf* sub = btf__parse(path.c_str(), nullptr);
  ASSERT_NE(sub, nullptr);
  EXPECT_LT(btf__type_cnt(sub) * 20, btf__type_cnt(full)) << "the subset should be small";
  for (const char* field : {"real_parent", "tgid", "pid"})
    EXPECT_EQ(member_offset(sub, "task_struct", field), member_offset(full, "task_struct", field)) << field;
  const int id = btf__find_by_name_kind(sub, "task_struct", BTF_KIND_STRUCT);
  EXPECT_EQ(btf__resolve_size(sub, id), btf__resolve_size(full, btf__find_by_name_kind(full, "task_struct", BTF_KIND_STRUCT)));
  btf__free(sub);
  btf__free(full);
  unlink(path.c_str());
  unlink((path + ".ids").c_str());
  rmdir(dir);
}
