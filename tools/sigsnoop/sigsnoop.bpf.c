// SPDX-License-Identifier: GPL-2.0
/* sigsnoop: signals generated, with sender, target and result; and killsnoop.
 *
 * Default: signal:signal_generate for every signal the kernel generates, plus the
 * failures of kill(), tkill() and tgkill(), which never reach signal_generate (no
 * target: ESRCH; not allowed: EPERM). kill_only (-k, killsnoop): those three syscalls
 * only, successes included; their arguments are read back at each call's exit, as
 * opensnoop does (corebox/syscall.bpf.h). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include <corebox/syscall.bpf.h>
#include "sigsnoop.h"

#define TRACE_SIGNAL_OVERFLOW_FAIL 3
#define EAGAIN 11

const volatile bool failed_only = false;
const volatile bool kill_only = false;
const volatile __s32 target_signal = 0;

static __always_inline struct sigsnoop_event *start_event(void)
{
	struct sigsnoop_event *e = cb_event_reserve(sizeof(*e));

	if (!e)
		return NULL;
	cb_event_fill(e);
	e->pad = 0;
	return e;
}

SEC("tracepoint/signal/signal_generate")
int sig_generate(struct trace_event_raw_signal_generate *ctx)
{
	struct sigsnoop_event *e;
	int ret = ctx->result == TRACE_SIGNAL_OVERFLOW_FAIL ? -EAGAIN : 0;

	if (target_signal && ctx->sig != target_signal)
		return 0;
	if (failed_only && !ret)
		return 0;
	if (!cb_task_selected())
		return 0;
	e = start_event();
	if (!e)
		return 0;
	e->tpid = ctx->pid;
	e->sig = ctx->sig;
	e->ret = ret;
	e->source = SIGSNOOP_GENERATED;
	e->syscall_nr = 0;
	bpf_probe_read_kernel(e->tcomm, sizeof(e->tcomm), ctx->comm);
	cb_event_submit(e);
	return 0;
}

static __always_inline bool traced(long nr)
{
	return nr == CB_NR_kill || nr == CB_NR_tkill || nr == CB_NR_tgkill;
}

static __always_inline int kill_exit(struct pt_regs *regs, long nr, long ret)
{
	struct sigsnoop_event *e;
	__u64 arg[6];
	int tpid, sig;

	if ((failed_only || !kill_only) && ret >= 0)
		return 0;
	if (cb_regs_syscall_args(regs, arg))
		return 0;
	if (nr == CB_NR_tgkill) {
		tpid = arg[1];
		sig = arg[2];
	} else {
		tpid = arg[0];
		sig = arg[1];
	}
	if (target_signal && sig != target_signal)
		return 0;
	if (!cb_task_selected())
		return 0;
	e = start_event();
	if (!e)
		return 0;
	e->tpid = tpid;
	e->sig = sig;
	e->ret = ret;
	e->source = SIGSNOOP_SYSCALL;
	e->syscall_nr = nr;
	e->tcomm[0] = 0;
	cb_event_submit(e);
	return 0;
}

CB_SYSCALL_EXIT(kill, kill, kill_exit)
CB_SYSCALL_EXIT(kill, tkill, kill_exit)
CB_SYSCALL_EXIT(kill, tgkill, kill_exit)
CB_SYSCALL_EXIT_ANY(kill, traced, kill_exit)

char LICENSE[] SEC("license") = "GPL";
