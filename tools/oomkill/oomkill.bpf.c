// SPDX-License-Identifier: GPL-2.0
/* oomkill: OOM kills, with the victim, the task that triggered them and pages.
 *
 * Group `oom`: fentry or kprobe on oom_kill_process(oc, message) give the OOM domain's
 * total pages (oc->totalpages) and the victim (oc->chosen), as bcc's tool reports;
 * where neither attaches, oom:mark_victim, which fires in the same path with current
 * still the triggering task. mark_victim has carried only the victim's pid since 4.x;
 * comm, total_vm and the rss fields were added in 6.8 (commit 72ba14deb40a), hence the
 * field checks. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include "oomkill.h"

static __always_inline struct oomkill_event *start_event(void)
{
	struct oomkill_event *e = cb_event_reserve(sizeof(*e));

	if (!e)
		return NULL;
	e->ts_ns = bpf_ktime_get_ns();
	e->fpid = bpf_get_current_pid_tgid() >> 32;
	e->pad = 0;
	bpf_get_current_comm(e->fcomm, sizeof(e->fcomm));
	return e;
}

static __always_inline void kill_process(struct oom_control *oc)
{
	struct task_struct *victim = BPF_CORE_READ(oc, chosen);
	struct oomkill_event *e = start_event();

	if (!e)
		return;
	e->tpid = BPF_CORE_READ(victim, tgid);
	BPF_CORE_READ_STR_INTO(&e->tcomm, victim, comm);
	e->pages = BPF_CORE_READ(oc, totalpages);
	e->pages_kind = 1;
	cb_event_submit(e);
}

SEC("fentry/oom_kill_process")
int BPF_PROG(oom__fentry, struct oom_control *oc, const char *message)
{
	kill_process(oc);
	return 0;
}

SEC("kprobe/oom_kill_process")
int BPF_KPROBE(oom__kprobe, struct oom_control *oc, const char *message)
{
	kill_process(oc);
	return 0;
}

SEC("tracepoint/oom/mark_victim")
int oom__tracepoint(struct trace_event_raw_mark_victim *ctx)
{
	struct oomkill_event *e = start_event();

	if (!e)
		return 0;
	e->tpid = ctx->pid;
	e->tcomm[0] = 0;
	e->pages = 0;
	e->pages_kind = 0;
	if (bpf_core_field_exists(ctx->__data_loc_comm)) {
		__u32 loc = BPF_CORE_READ(ctx, __data_loc_comm);

		bpf_probe_read_kernel_str(e->tcomm, sizeof(e->tcomm), (void *)ctx + (loc & 0xffff));
	}
	if (bpf_core_field_exists(ctx->total_vm)) {
		e->pages = BPF_CORE_READ(ctx, total_vm);
		e->pages_kind = 2;
	}
	cb_event_submit(e);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
