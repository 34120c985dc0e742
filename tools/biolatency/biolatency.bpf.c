// SPDX-License-Identifier: GPL-2.0
/* biolatency: block I/O latency, from issue (or insert, with -Q) to completion, as a
 * log2 histogram, optionally per disk or per request flags.
 *
 * The block_rq_insert/issue/complete raw tracepoints take the request as their first
 * argument on every kernel from 5.11 (the request_queue argument was dropped). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/hist.bpf.h>
#include <corebox/block.bpf.h>
#include "biolatency.h"

const volatile bool targ_queued = false;
const volatile bool targ_per_disk = false;
const volatile bool targ_per_flag = false;
const volatile bool targ_ms = false;
const volatile bool filter_dev = false;
const volatile __u32 targ_dev = 0;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct request *);
	__type(value, __u64);
} start SEC(".maps");

CB_HIST_MAP(hists, struct biolatency_key, 1024);

static __always_inline void rq_start(struct request *rq, bool issue)
{
	__u64 ts;

	if (cb_filter_cgroup && !bpf_current_task_under_cgroup(&cb_cgroup, 0))
		return;
	if (filter_dev && cb_rq_dev(rq) != targ_dev)
		return;
	/* With -Q the insert's time stands; requests that bypass the scheduler are only
	 * seen at issue. */
	if (issue && targ_queued && bpf_map_lookup_elem(&start, &rq))
		return;
	ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&start, &rq, &ts, BPF_ANY);
}

SEC("raw_tp/block_rq_insert")
int BPF_PROG(biolatency_insert, struct request *rq)
{
	if (targ_queued)
		rq_start(rq, false);
	return 0;
}

SEC("raw_tp/block_rq_issue")
int BPF_PROG(biolatency_issue, struct request *rq)
{
	rq_start(rq, true);
	return 0;
}

SEC("raw_tp/block_rq_complete")
int BPF_PROG(biolatency_complete, struct request *rq)
{
	struct biolatency_key key = { .gen = cb_current_gen() };
	struct cb_hist *h;
	__u64 *tsp, delta;

	tsp = bpf_map_lookup_elem(&start, &rq);
	if (!tsp)
		return 0;
	delta = bpf_ktime_get_ns() - *tsp;
	bpf_map_delete_elem(&start, &rq);
	if ((__s64)delta < 0)
		return 0;
	delta /= targ_ms ? 1000000 : 1000;
	if (targ_per_disk)
		key.dev = cb_rq_dev(rq);
	if (targ_per_flag)
		key.flags = cb_rq_flags(rq);
	h = cb_hist_get(&hists, &key);
	if (h)
		cb_hist_log2_add(h, delta);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
