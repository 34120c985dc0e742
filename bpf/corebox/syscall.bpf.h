/* Syscalls: their numbers (corebox/syscall_nr.h) and arguments per architecture, and the
 * hooks of a tool that traces a fixed set of calls.
 *
 * The hooks: the raw tracepoints raw_syscalls:sys_enter/sys_exit run on every syscall of
 * every process, so a tool on them costs each unrelated call a program run (measured
 * +94-200 ns per getppid()). The tracepoints syscalls:sys_enter_<call>/sys_exit_<call>
 * run only for their call; the others pay a bitmap test in the kernel's slow syscall path
 * (+0-40 ns). A tool declares, per group, one program per call on those tracepoints and
 * one fallback on the raw tracepoint for kernels without them (CONFIG_FTRACE_SYSCALLS
 * off): the variant chooser (src/bpf/variants.cpp) loads the tracepoint set when every
 * member is there, the fallback otherwise.
 *
 * At a sys_exit_<call> tracepoint the arguments are read back from the task's saved user
 * registers (bpf_task_pt_regs(), 5.15; the chooser takes the fallback where the kernel
 * lacks it): one program per traced call, no entry program and no map in flight. At sys_enter_<call> they are in the tracepoint record. No tool reads
 * pt_regs itself: the per-architecture part is in corebox/arch/<arch>/syscall.bpf.h. */
#pragma once
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/syscall_nr.h>

#if defined(__TARGET_ARCH_x86)
#include <corebox/arch/x86/syscall.bpf.h>
#elif defined(__TARGET_ARCH_arm64)
#include <corebox/arch/arm64/syscall.bpf.h>
#else
#error "corebox: define __TARGET_ARCH_x86 or __TARGET_ARCH_arm64"
#endif

struct cb_syscall {
	long nr;
	__u64 arg[6];
};

/* The current task's saved user registers. */
static __always_inline struct pt_regs *cb_current_regs(void)
{
	return (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
}

/* The number and arguments of the syscall `regs` entered with; nonzero if unreadable. */
static __always_inline int cb_syscall_read(struct pt_regs *regs, struct cb_syscall *s)
{
	s->nr = cb_regs_syscall_nr(regs);
	return cb_regs_syscall_args(regs, s->arg);
}

/* Exit hooks. `fn(struct pt_regs *regs, long nr, long ret)` handles one exit; it is
 * inlined into each program, so in a per-call program `nr` is a constant and the
 * branches for other calls fold away. It reads the arguments it needs with
 * cb_regs_syscall_args(regs, ...), after its cheaper filters.
 *
 * CB_SYSCALL_EXIT(group, call, fn): the program group__tp_call on sys_exit_<call>. */
#define CB_SYSCALL_EXIT(group, call, fn) CB_SYSCALL_EXIT_AS(group, call, call, fn)

/* The same where the tracepoint is named after the kernel's SYSCALL_DEFINE, not the call:
 * x86_64's stat() and lstat() are sys_newstat and sys_newlstat, umount2() is sys_umount. */
#define CB_SYSCALL_EXIT_AS(group, call, event, fn)                                         \
	SEC("tracepoint/syscalls/sys_exit_" #event)                                        \
	int group##__tp_##call(struct trace_event_raw_sys_exit *ctx)                       \
	{                                                                                  \
		return fn(cb_current_regs(), CB_NR_##call, ctx->ret);                      \
	}

/* CB_SYSCALL_EXIT_ANY(group, traced, fn): the fallback, group__raw on every syscall's
 * exit; `traced(long nr)` says which calls go on to `fn`. */
#define CB_SYSCALL_EXIT_ANY(group, traced, fn)                                             \
	SEC("raw_tp/sys_exit")                                                             \
	int BPF_PROG(group##__raw, struct pt_regs *regs, long ret)                         \
	{                                                                                  \
		long nr = cb_regs_syscall_nr(regs);                                        \
                                                                                           \
		return traced(nr) ? fn(regs, nr, ret) : 0;                                 \
	}

/* Entry hooks. `fn(const struct cb_syscall *s)` handles one entry.
 *
 * CB_SYSCALL_ENTER(group, call, fn): the program group__tp_call on sys_enter_<call>. */
#define CB_SYSCALL_ENTER(group, call, fn)                                                  \
	SEC("tracepoint/syscalls/sys_enter_" #call)                                        \
	int group##__tp_##call(struct trace_event_raw_sys_enter *ctx)                      \
	{                                                                                  \
		struct cb_syscall s = {                                                    \
			.nr = CB_NR_##call,                                                \
			.arg = { ctx->args[0], ctx->args[1], ctx->args[2], ctx->args[3],   \
				 ctx->args[4], ctx->args[5] },                             \
		};                                                                         \
                                                                                           \
		return fn(&s);                                                             \
	}

/* CB_SYSCALL_ENTER_ANY(group, traced, fn): the fallback, group__raw on every syscall's
 * entry; the arguments are read only for the calls `traced(long nr)` accepts. */
#define CB_SYSCALL_ENTER_ANY(group, traced, fn)                                            \
	SEC("raw_tp/sys_enter")                                                            \
	int BPF_PROG(group##__raw, struct pt_regs *regs, long nr)                          \
	{                                                                                  \
		struct cb_syscall s = { .nr = nr };                                        \
                                                                                           \
		if (!traced(nr) || cb_regs_syscall_args(regs, s.arg))                      \
			return 0;                                                          \
		return fn(&s);                                                             \
	}
