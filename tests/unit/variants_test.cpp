#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "base/error.h"
#include "bpf/features.h"
#include "bpf/variants.h"

using namespace corebox;
using namespace corebox::bpf;

TEST(Variants, PicksBestUsableVariantPerGroup) {
  const std::vector<Program> progs = {
      {"unlink__kprobe", "kprobe/vfs_unlink"}, {"unlink__fentry", "fentry/vfs_unlink"},
      {"sched__raw_tp", "raw_tp/sched_switch"}, {"sched__tp_btf", "tp_btf/sched_switch"},
      {"plain", "tracepoint/syscalls/sys_enter_openat"},
  };
  // No trampolines here: fentry is out, tp_btf is in.
  auto avail = [](std::string_view s) { return s.rfind("fentry", 0) == 0 ? std::string("no BPF trampolines") : ""; };
  std::vector<Chosen> chosen;
  auto off = choose_variants(progs, avail, {}, &chosen);
  std::sort(off.begin(), off.end());
  EXPECT_EQ(off, (std::vector<std::string>{"sched__raw_tp", "unlink__fentry"}));
  ASSERT_EQ(chosen.size(), 2u);
  EXPECT_EQ(chosen[0].section, "tp_btf/sched_switch");
  EXPECT_EQ(chosen[1].section, "kprobe/vfs_unlink");
}

TEST(Variants, RequiredGroupWithoutHookIsAnError) {
  const std::vector<Program> progs = {{"unlink__kprobe", "kprobe/vfs_unlink"}, {"unlink__fentry", "fentry/vfs_unlink"}};
  auto none = [](std::string_view s) { return std::string(s.rfind("kprobe", 0) == 0 ? "no kprobes" : "no BPF trampolines"); };
  try {
    choose_variants(progs, none, {}, nullptr);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(e.line().find("no usable hook for 'unlink'"), std::string::npos) << e.line();
    EXPECT_NE(e.line().find("fentry/vfs_unlink (no BPF trampolines)"), std::string::npos) << e.line();
    EXPECT_NE(e.line().find("lacks the hook"), std::string::npos);
  }
  // Optional: skipped instead.
  auto off = choose_variants(progs, none, {"unlink"}, nullptr);
  EXPECT_EQ(off.size(), 2u);
}

TEST(Variants, PerSyscallTracepointsAreOneAlternativeBeforeTheRawSyscallExit) {
  const std::vector<Program> progs = {
      {"open__raw", "raw_tp/sys_exit"},
      {"open__tp_open", "tracepoint/syscalls/sys_exit_open"},
      {"open__tp_openat", "tracepoint/syscalls/sys_exit_openat"},
  };
  std::vector<Chosen> chosen;
  auto off = choose_variants(progs, [](std::string_view) { return std::string(); }, {}, &chosen);
  EXPECT_EQ(off, (std::vector<std::string>{"open__raw"}));
  ASSERT_EQ(chosen.size(), 1u);
  EXPECT_EQ(chosen[0].section, "tracepoint/syscalls/sys_exit_open tracepoint/syscalls/sys_exit_openat");

  // One member of the set missing (CONFIG_FTRACE_SYSCALLS off, or an older kernel): the
  // whole set gives way to the fallback.
  auto no_open = [](std::string_view s) { return std::string(s.ends_with("_open") ? "no such tracepoint" : ""); };
  chosen.clear();
  off = choose_variants(progs, no_open, {}, &chosen);
  std::sort(off.begin(), off.end());
  EXPECT_EQ(off, (std::vector<std::string>{"open__tp_open", "open__tp_openat"}));
  EXPECT_EQ(chosen.at(0).section, "raw_tp/sys_exit");

  // Other raw tracepoints keep their rank above tracepoints.
  EXPECT_LT(section_rank("raw_tp/sched_switch"), section_rank("tracepoint/sched/sched_switch"));
  EXPECT_LT(section_rank("tracepoint/syscalls/sys_enter_unlink"), section_rank("raw_tp/sys_enter"));
  EXPECT_LT(section_rank("raw_tp/sys_enter"), section_rank("kprobe/vfs_unlink"));
}

TEST(Variants, HookKinds) {
  EXPECT_EQ(hook_kind("fexit/do_exit"), HookKind::Fentry);
  EXPECT_EQ(hook_kind("tp_btf/sched_wakeup"), HookKind::TpBtf);
  EXPECT_EQ(hook_kind("raw_tp/sys_exit"), HookKind::RawTp);
  EXPECT_EQ(hook_kind("tp/syscalls/sys_enter_kill"), HookKind::Tracepoint);
  EXPECT_EQ(hook_kind("kretprobe/oom_kill_process"), HookKind::Kprobe);
  EXPECT_EQ(hook_kind("uretprobe//bin/bash:readline"), HookKind::Uprobe);
  EXPECT_EQ(hook_kind("perf_event"), HookKind::PerfEvent);
}

TEST(Features, ParsesKallsymsAndLockdown) {
  std::istringstream in(
      "ffffffff81000000 T _stext\n"
      "ffffffff81001000 t vfs_unlink\n"
      "ffffffff81002000 D some_data\n"
      "ffffffffc0000000 t nullb_open\t[null_blk]\n");
  const auto syms = parse_kallsyms_functions(in);
  EXPECT_EQ(syms, (std::vector<std::string>{"_stext", "nullb_open", "vfs_unlink"}));
  EXPECT_EQ(parse_lockdown("none [integrity] confidentiality"), "integrity");
  EXPECT_EQ(parse_lockdown(""), "");
}

TEST(Error, OneLineWithHint) {
  EXPECT_EQ(Error("load BPF programs", EPERM).line(),
            "load BPF programs: Operation not permitted (run as root, or with CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN)");
  EXPECT_EQ(Error("attach x", ENOENT, "this kernel lacks the hook").line(),
            "attach x: No such file or directory (this kernel lacks the hook)");
}

TEST(ProbeKinds, EveryPrefixSelectsItsRow) {
  std::set<std::string_view> names;
  for (const ProbeKind& k : probe_kinds()) {
    EXPECT_TRUE(names.insert(k.name).second) << "two kinds named " << k.name;
    EXPECT_NE(k.availability, nullptr) << k.name;
    for (std::string_view p : k.prefixes) EXPECT_EQ(probe_kind(std::string(p) + "/x").name, k.name) << p;
    EXPECT_EQ(probe_kind_named(k.name), &k);
  }
  EXPECT_EQ(probe_kind("xdp").name, "other");
  EXPECT_EQ(probe_kind_named("nope"), nullptr);
}

TEST(ProbeKinds, RanksPreferTrampolinesThenTypedTracepoints) {
  const auto rank = [](std::string_view s) { return probe_kind(s).rank; };
  EXPECT_LT(rank("fentry/f"), rank("tp_btf/t"));
  EXPECT_EQ(rank("fentry/f"), rank("lsm/file_open"));
  EXPECT_LT(rank("tp_btf/t"), rank("raw_tp/t"));
  EXPECT_LT(rank("raw_tp/t"), rank("tracepoint/a/b"));
  EXPECT_LT(rank("tracepoint/a/b"), rank("kprobe/f"));
  EXPECT_EQ(rank("kprobe/f"), rank("ksyscall/kill"));
  EXPECT_EQ(hook_rank(HookKind::Kprobe), rank("kretprobe/f"));
  EXPECT_EQ(hook_kind("lsm/file_open"), HookKind::Fentry);
  EXPECT_EQ(hook_kind("ksyscall/kill"), HookKind::Kprobe);
  EXPECT_EQ(hook_kind("usdt/libc.so.6:libc:setjmp"), HookKind::Uprobe);
  EXPECT_EQ(hook_kind("iter/task"), HookKind::Iter);
  // Only what tracefs names needs tracefs mounted.
  EXPECT_TRUE(probe_kind("tp/a/b").tracefs);
  EXPECT_FALSE(probe_kind("raw_tp/sys_enter").tracefs);
  // Perf events need a perf fd per CPU: their user attaches them.
  EXPECT_EQ(probe_kind("perf_event").attach, nullptr);
}

TEST(ProbeKinds, BtfLookupsForTheCache) {
  const auto names = Features::lookups_for({"fexit/do_exit", "lsm/file_open", "tp_btf/sched_wakeup",
                                            "raw_tp/sys_exit", "tracepoint/a/b", "kprobe/vfs_read"});
  const auto has = [&](const std::string& n) {
    return std::any_of(names.begin(), names.end(), [&](const auto& p) { return p.first == n; });
  };
  EXPECT_TRUE(has("do_exit"));
  EXPECT_TRUE(has("bpf_lsm_file_open"));
  EXPECT_TRUE(has("btf_trace_sched_wakeup"));
  EXPECT_TRUE(has("btf_trace_sys_exit"));
  EXPECT_FALSE(has("a/b"));
  EXPECT_EQ(names.size(), 3u + 4u);  // the feature probes' own three, and one per BTF hook
}

TEST(ProbeKinds, Targets) {
  EXPECT_EQ(section_target("tracepoint/syscalls/sys_enter_open"), "syscalls/sys_enter_open");
  EXPECT_EQ(section_target("perf_event"), "");
  auto t = parse_uprobe_target("/bin/bash:readline");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/bin/bash");
  EXPECT_EQ(t->function, "readline");
  EXPECT_EQ(t->offset, 0u);
  t = parse_uprobe_target("/lib/libc.so.6:getaddrinfo+0x10");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->function, "getaddrinfo");
  EXPECT_EQ(t->offset, 16u);
  t = parse_uprobe_target("/usr/bin/x:0x4a0");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->function, "");
  EXPECT_EQ(t->offset, 0x4a0u);
  EXPECT_FALSE(parse_uprobe_target("/bin/bash"));
  EXPECT_FALSE(parse_uprobe_target("/bin/bash:"));
}

TEST(Variants, NamesGivenToOptionalAndManualMustExist) {
  const std::vector<Program> progs = {{"unlink__kprobe", "kprobe/vfs_unlink"},
                                      {"unlink__fentry", "fentry/vfs_unlink"},
                                      {"readline_ret", "uretprobe"}};
  EXPECT_NO_THROW(check_names(progs, {"unlink", "readline_ret"}, {"readline_ret", "unlink__kprobe"}));
  try {
    check_names(progs, {"unlnk"}, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.line(), "optional program 'unlnk' does not exist");
  }
  // A group is not a program: it cannot be attached by hand.
  EXPECT_THROW(check_names(progs, {}, {"unlink"}), Error);
}
