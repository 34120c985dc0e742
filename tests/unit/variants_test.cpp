#include <gtest/gtest.h>

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
