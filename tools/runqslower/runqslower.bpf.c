// SPDX-License-Identifier: GPL-2.0
/* runqslower: one event per task that waited on a run queue longer than a threshold. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include <corebox/task.bpf.h>
#include "runqslower.h"

#define TASK_RUNNING 0

const volatile __u64 min_us = 10000;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, __u64);
} start SEC(".maps");

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
int BPF_PROG(runqslower_wakeup, struct task_struct *p)
{
	enqueue(p);
	return 0;
}

SEC("raw_tp/sched_wakeup_new")
int BPF_PROG(runqslower_wakeup_new, struct task_struct *p)
{
	enqueue(p);
	return 0;
}

SEC("raw_tp/sched_switch")
int BPF_PROG(runqslower_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct runqslower_event *e;
	__u64 *tsp, now, delta;
	__u32 tid;

	if (cb_task_state(prev) == TASK_RUNNING)
		enqueue(prev);
	tid = BPF_CORE_READ(next, pid);
	tsp = bpf_map_lookup_elem(&start, &tid);
	if (!tsp)
		return 0;
	now = bpf_ktime_get_ns();
	delta = (now - *tsp) / 1000;
	bpf_map_delete_elem(&start, &tid);
	if ((__s64)delta < 0 || delta < min_us)
		return 0;
	e = cb_event_reserve(sizeof(*e));
	if (!e)
		return 0;
	e->ts_ns = now;
	e->delta_us = delta;
	e->tid = tid;
	e->tgid = BPF_CORE_READ(next, tgid);
	e->prev_tid = BPF_CORE_READ(prev, pid);
	e->pad = 0;
	BPF_CORE_READ_STR_INTO(&e->comm, next, comm);
	BPF_CORE_READ_STR_INTO(&e->prev_comm, prev, comm);
	cb_event_submit(e);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
