// SPDX-License-Identifier: GPL-2.0
/* runqlat: run-queue latency, from a task's wakeup (or preemption) to the moment it
 * runs, as a log2 histogram, optionally one per process, thread or PID namespace. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/hist.bpf.h>
#include <corebox/task.bpf.h>
#include "runqlat.h"

#define TASK_RUNNING 0

const volatile bool targ_ms = false;
const volatile __u32 key_by = RUNQLAT_ALL;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, __u64);
} start SEC(".maps");

CB_HIST_MAP(hists, struct runqlat_key, 10240);

static __always_inline void enqueue(struct task_struct *p)
{
	__u32 tid = BPF_CORE_READ(p, pid);
	__u64 ts;

	if (!tid || !cb_other_task_selected(p))
		return;
	ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&start, &tid, &ts, BPF_ANY);
}

SEC("raw_tp/sched_wakeup")
int BPF_PROG(runqlat_wakeup, struct task_struct *p)
{
	enqueue(p);
	return 0;
}

SEC("raw_tp/sched_wakeup_new")
int BPF_PROG(runqlat_wakeup_new, struct task_struct *p)
{
	enqueue(p);
	return 0;
}

SEC("raw_tp/sched_switch")
int BPF_PROG(runqlat_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct runqlat_key key = { .gen = cb_current_gen() };
	struct cb_hist *h;
	__u64 *tsp, delta;
	__u32 tid;

	/* A preempted task is still runnable: its wait starts now. */
	if (cb_task_state(prev) == TASK_RUNNING)
		enqueue(prev);

	tid = BPF_CORE_READ(next, pid);
	tsp = bpf_map_lookup_elem(&start, &tid);
	if (!tsp)
		return 0;
	delta = bpf_ktime_get_ns() - *tsp;
	bpf_map_delete_elem(&start, &tid);
	if ((__s64)delta < 0)
		return 0;
	delta /= targ_ms ? 1000000 : 1000;

	if (key_by == RUNQLAT_PID)
		key.id = BPF_CORE_READ(next, tgid);
	else if (key_by == RUNQLAT_TID)
		key.id = tid;
	else if (key_by == RUNQLAT_PIDNS)
		key.id = cb_task_pidns(next);
	if (key_by == RUNQLAT_PID || key_by == RUNQLAT_TID)
		h = cb_hist_get_comm(&hists, &key, next);
	else
		h = cb_hist_get(&hists, &key);
	if (h)
		cb_hist_log2_add(h, delta);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
