// SPDX-License-Identifier: GPL-2.0
/* biopattern: per disk, how many completed requests started where the previous one
 * ended (sequential) and how many did not (random). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/hist.bpf.h>
#include <corebox/block.bpf.h>
#include "biopattern.h"

const volatile bool filter_dev = false;
const volatile __u32 targ_dev = 0;

/* The sector after the last completed request, per disk: kept across intervals. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} next_sector SEC(".maps");

CB_COUNT_MAP(counters, struct biopattern_key, struct biopattern_counter, 512);

SEC("raw_tp/block_rq_complete")
int BPF_PROG(biopattern_complete, struct request *rq, int error, unsigned int nr_bytes)
{
	struct biopattern_key key = { .gen = cb_current_gen() };
	struct biopattern_counter zero = {}, *c;
	__u64 sector = BPF_CORE_READ(rq, __sector), end, *last;

	key.dev = cb_rq_dev(rq);
	if (filter_dev && key.dev != targ_dev)
		return 0;
	end = sector + nr_bytes / 512;
	last = bpf_map_lookup_elem(&next_sector, &key.dev);
	if (!last) {
		bpf_map_update_elem(&next_sector, &key.dev, &end, BPF_ANY);
		return 0;
	}
	c = cb_lookup_or_init(&counters, &key, &zero);
	if (c) {
		if (*last == sector)
			__sync_fetch_and_add(&c->sequential, 1);
		else
			__sync_fetch_and_add(&c->random, 1);
		__sync_fetch_and_add(&c->bytes, nr_bytes);
	}
	*last = end;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
