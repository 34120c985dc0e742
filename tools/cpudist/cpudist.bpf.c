// SPDX-License-Identifier: GPL-2.0
/* cpudist: how long tasks run on a CPU between context switches (or, with -O, how
 * long they stay off it), as a log2 histogram. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/hist.bpf.h>
#include <corebox/task.bpf.h>
#include "cpudist.h"

const volatile bool targ_offcpu = false;
const volatile bool targ_ms = false;
const volatile bool targ_per_process = false;
const volatile bool targ_per_thread = false;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, __u64);
} start SEC(".maps");

CB_HIST_MAP(hists, struct cpudist_key, 10240);

static __always_inline void mark(struct task_struct *t, __u64 ts)
{
	__u32 tid = BPF_CORE_READ(t, pid);

	if (!tid || !cb_other_task_selected(t))
		return;
	bpf_map_update_elem(&start, &tid, &ts, BPF_ANY);
}

static __always_inline void account(struct task_struct *t, __u64 ts)
{
	__u32 tid = BPF_CORE_READ(t, pid);
	struct cpudist_key key = { .gen = cb_current_gen() };
	struct cb_hist *h;
	__u64 *tsp, delta;

	tsp = bpf_map_lookup_elem(&start, &tid);
	if (!tsp)
		return;
	delta = ts - *tsp;
	bpf_map_delete_elem(&start, &tid);
	if ((__s64)delta < 0)
		return;
	delta /= targ_ms ? 1000000 : 1000;
	if (targ_per_process)
		key.id = BPF_CORE_READ(t, tgid);
	else if (targ_per_thread)
		key.id = tid;
	if (targ_per_process || targ_per_thread)
		h = cb_hist_get_comm(&hists, &key, t);
	else
		h = cb_hist_get(&hists, &key);
	if (h)
		cb_hist_log2_add(h, delta);
}

SEC("raw_tp/sched_switch")
int BPF_PROG(cpudist_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	__u64 ts = bpf_ktime_get_ns();

	if (targ_offcpu) {
		mark(prev, ts);
		account(next, ts);
	} else {
		account(prev, ts);
		mark(next, ts);
	}
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
