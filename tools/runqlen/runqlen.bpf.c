// SPDX-License-Identifier: GPL-2.0
/* runqlen: CPU run queue length, sampled by a timer on every CPU, as a linear
 * histogram (bucket i: i tasks waiting besides the running one). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/hist.bpf.h>
#include "runqlen.h"

const volatile bool targ_per_cpu = false;

/* cfs_rq.nr_running became nr_queued in 6.14 ("sched/fair: Rename cfs_rq.nr_running
 * into nr_queued"); 6.1 and 6.12 have nr_running. */
struct cfs_rq___pre614 {
	unsigned int nr_running;
} __attribute__((preserve_access_index));

CB_HIST_MAP(hists, struct runqlen_key, 1024);

SEC("perf_event")
int runqlen_sample(struct bpf_perf_event_data *ctx)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct runqlen_key key = { .gen = cb_current_gen() };
	struct cfs_rq *rq = BPF_CORE_READ(task, se.cfs_rq);
	struct cb_hist *h;
	__u64 len;

	if (bpf_core_field_exists(rq->nr_queued))
		len = BPF_CORE_READ(rq, nr_queued);
	else
		len = BPF_CORE_READ((struct cfs_rq___pre614 *)rq, nr_running);
	/* The running task is counted in the queue: bcc's convention leaves it out. */
	if (len > 0)
		len--;
	if (targ_per_cpu)
		key.cpu = bpf_get_smp_processor_id();
	h = cb_hist_get(&hists, &key);
	if (h)
		cb_hist_linear_add(h, len, 0, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
