// SPDX-License-Identifier: GPL-2.0
/* sigsnoop: signals generated, with sender, target and result; and killsnoop.
 *
 * Default: signal:signal_generate for every signal the kernel generates, plus the
 * failures of kill(), tkill() and tgkill(), which never reach signal_generate (no
 * target: ESRCH; not allowed: EPERM). kill_only (-k, killsnoop): those three syscalls
 * only, successes included, read back from pt_regs at the generic syscall exit as
 * opensnoop does. Syscall numbers are x86_64's. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include "sigsnoop.h"

#define NR_kill 62
#define NR_tkill 200
#define NR_tgkill 234

#define TRACE_SIGNAL_OVERFLOW_FAIL 3
#define EAGAIN 11

const volatile bool failed_only = false;
const volatile bool kill_only = false;
const volatile __s32 target_signal = 0;

static __always_inline struct sigsnoop_event *start_event(void)
{
	struct sigsnoop_event *e = cb_event_reserve(sizeof(*e));
	__u64 id = bpf_get_current_pid_tgid();

	if (!e)
		return NULL;
	e->ts_ns = bpf_ktime_get_ns();
	e->tgid = id >> 32;
	e->tid = (__u32)id;
	e->pad = 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
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

SEC("raw_tp/sys_exit")
int BPF_PROG(kill_exit, struct pt_regs *regs, long ret)
{
	long nr = BPF_CORE_READ(regs, orig_ax);
	struct sigsnoop_event *e;
	int tpid, sig;

	if (nr != NR_kill && nr != NR_tkill && nr != NR_tgkill)
		return 0;
	if ((failed_only || !kill_only) && ret >= 0)
		return 0;
	if (nr == NR_tgkill) {
		tpid = BPF_CORE_READ(regs, si);
		sig = BPF_CORE_READ(regs, dx);
	} else {
		tpid = BPF_CORE_READ(regs, di);
		sig = BPF_CORE_READ(regs, si);
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

char LICENSE[] SEC("license") = "GPL";
