// bpf::Object on a BPF object with no skeleton (bpf/object_test.bpf.c), in this process:
// what the language's compiled programs will go through. Rodata and .bss by name, the
// common task filter, hook variants, a probe attached through the probe kind table, the
// event ring and the lost counter, and nothing left in the kernel afterwards.
#include <linux/types.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <thread>

#include "base/error.h"
#include "bpf/libbpf_log.h"
#include "bpf/object.h"
#include "bpf/object_test.h"
#include "harness.h"
#include "object_test.elf.h"

namespace {

using namespace corebox;

struct Ids {
  std::vector<uint32_t> progs, maps;
};

Ids kernel_ids(const bpf::Object& obj) {
  Ids ids;
  bpf_program* p;
  bpf_object__for_each_program(p, obj.object()) {
    if (bpf_program__fd(p) < 0) continue;
    bpf_prog_info info{};
    uint32_t len = sizeof(info);
    if (bpf_obj_get_info_by_fd(bpf_program__fd(p), &info, &len) == 0) ids.progs.push_back(info.id);
  }
  bpf_map* m;
  bpf_object__for_each_map(m, obj.object()) {
    bpf_map_info info{};
    uint32_t len = sizeof(info);
    if (bpf_obj_get_info_by_fd(bpf_map__fd(m), &info, &len) == 0) ids.maps.push_back(info.id);
  }
  return ids;
}

// The kernel frees programs and maps after an RCU grace period: wait a little for it.
bool gone(const std::vector<uint32_t>& ids, int (*get_fd)(uint32_t)) {
  for (int i = 0; i < 200; i++) {
    bool any = false;
    for (uint32_t id : ids) {
      const int fd = get_fd(id);
      if (fd >= 0) ::close(fd), any = true;
    }
    if (!any) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

int count_event(void* ctx, void* data, size_t size) {
  auto* seen = static_cast<std::vector<object_test_event>*>(ctx);
  if (size >= sizeof(object_test_event)) seen->push_back(*static_cast<const object_test_event*>(data));
  return 0;
}

TEST(Object, LoadsAnObjectWithoutSkeletonByName) {
  RT_REQUIRE_BPF();
  bpf::install_libbpf_log();
  bpf::Env env("object_test");
  std::size_t size = 0;
  const void* elf = object_test__elf_bytes(&size);
  ASSERT_NE(elf, nullptr);

  constexpr int kCalls = 30000;  // more events than the 512 KiB ring holds: some are lost
  constexpr int kManualCalls = 7;
  const uint64_t magic = 0xc0feb0c5ull << 32 | static_cast<uint32_t>(::getpid());
  Ids ids;
  {
    bpf::Object obj(env, elf, size, "object_test");
    obj.set("magic", magic);
    obj.set("target_nr", long{SYS_getppid});
    bpf::TaskFilter only_us;
    only_us.pid = static_cast<uint32_t>(::getpid());
    obj.apply(only_us);
    obj.manual({"manual_getpgid"});
    obj.load_and_attach();
    obj.attach("manual_getpgid");
    // Exactly one variant of the "hit" group was loaded.
    EXPECT_NE(bpf_program__autoload(obj.program("hit__tp_btf")), bpf_program__autoload(obj.program("hit__tracepoint")));
    ids = kernel_ids(obj);
    EXPECT_EQ(ids.progs.size(), 2u);  // one variant of "hit", and manual_getpgid
    EXPECT_THROW(obj.set("magic", uint64_t{1}), Error) << "rodata is frozen once loaded";

    std::vector<object_test_event> seen;
    ring_buffer* rb = ring_buffer__new(bpf_map__fd(obj.events()), count_event, &seen, nullptr);
    ASSERT_NE(rb, nullptr);
    for (int i = 0; i < kCalls; i++) ::syscall(SYS_getppid);
    for (int i = 0; i < kManualCalls; i++) ::syscall(SYS_getpgid, 0);
    while (ring_buffer__consume(rb) > 0) {
    }
    ring_buffer__free(rb);

    // The filter kept only this process's calls, and every one was delivered or counted.
    EXPECT_EQ(obj.get<uint64_t>("hits"), uint64_t{kCalls});
    EXPECT_EQ(obj.get<uint64_t>("manual_hits"), uint64_t{kManualCalls});
    const uint64_t lost = bpf::sum_percpu_counter(obj.lost());
    EXPECT_GT(lost, 0u);
    EXPECT_GT(seen.size(), 0u);
    EXPECT_EQ(seen.size() + lost, uint64_t{kCalls});
    for (const auto& e : seen) {
      ASSERT_EQ(e.magic, magic);
      ASSERT_EQ(e.tgid, static_cast<uint32_t>(::getpid()));
    }
    // .bss is shared while the programs run: a write here is what they see.
    obj.set("hits", uint64_t{0});
    ::syscall(SYS_getppid);
    EXPECT_EQ(obj.get<uint64_t>("hits"), 1u);
  }
  EXPECT_TRUE(gone(ids.progs, bpf_prog_get_fd_by_id)) << "a program outlived its object";
  EXPECT_TRUE(gone(ids.maps, bpf_map_get_fd_by_id)) << "a map outlived its object";
}

TEST(Object, AttachChecksTheHookFirst) {
  RT_REQUIRE_BPF();
  std::size_t size = 0;
  const void* elf = object_test__elf_bytes(&size);
  bpf::Env env("object_test");
  bpf::Object obj(env, elf, size, "object_test");
  try {
    obj.attach("manual_getpgid", "tracepoint/syscalls/no_such_event");
    FAIL() << "attached to a tracepoint that does not exist";
  } catch (const Error& e) {
    EXPECT_NE(e.line().find("no such tracepoint"), std::string::npos) << e.line();
  }
}

}  // namespace
