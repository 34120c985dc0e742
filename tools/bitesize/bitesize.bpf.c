// SPDX-License-Identifier: GPL-2.0
/* bitesize: block I/O request sizes per process name, as log2 histograms of Kbytes. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/hist.bpf.h>
#include <corebox/block.bpf.h>
#include "bitesize.h"

const volatile bool filter_dev = false;
const volatile __u32 targ_dev = 0;

CB_HIST_MAP(hists, struct bitesize_key, 10240);

SEC("raw_tp/block_rq_issue")
int BPF_PROG(bitesize_issue, struct request *rq)
{
	struct bitesize_key key = { .gen = cb_current_gen() };
	struct cb_hist *h;

	if (!cb_task_selected())
		return 0;
	if (filter_dev && cb_rq_dev(rq) != targ_dev)
		return 0;
	bpf_get_current_comm(key.comm, sizeof(key.comm));
	h = cb_hist_get(&hists, &key);
	if (h)
		cb_hist_log2_add(h, BPF_CORE_READ(rq, __data_len) / 1024);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
