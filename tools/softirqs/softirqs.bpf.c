// SPDX-License-Identifier: GPL-2.0
/* softirqs: time spent in (or number of) soft interrupts, per vector. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/hist.bpf.h>
#include "softirqs.h"

const volatile bool targ_count = false;
const volatile bool targ_dist = false;
const volatile bool targ_ns = false;
const volatile __s32 targ_cpu = -1;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} start SEC(".maps");

CB_HIST_MAP(hists, struct softirqs_key, 64);
CB_COUNT_MAP(totals, struct softirqs_key, __u64, 64);

static __always_inline bool cpu_selected(void)
{
	return targ_cpu < 0 || bpf_get_smp_processor_id() == (__u32)targ_cpu;
}

static __always_inline void add_total(struct softirqs_key *key, __u64 v)
{
	__u64 zero = 0, *t = cb_lookup_or_init(&totals, key, &zero);

	if (t)
		__sync_fetch_and_add(t, v);
}

SEC("raw_tp/softirq_entry")
int BPF_PROG(softirqs_entry, unsigned int vec_nr)
{
	struct softirqs_key key = { .gen = cb_current_gen(), .vec = vec_nr };
	__u32 zero = 0;
	__u64 *ts;

	if (!cpu_selected())
		return 0;
	if (targ_count) {
		add_total(&key, 1);
		return 0;
	}
	ts = bpf_map_lookup_elem(&start, &zero);
	if (ts)
		*ts = bpf_ktime_get_ns();
	return 0;
}

SEC("raw_tp/softirq_exit")
int BPF_PROG(softirqs_exit, unsigned int vec_nr)
{
	struct softirqs_key key = { .gen = cb_current_gen(), .vec = vec_nr };
	struct cb_hist *h;
	__u32 zero = 0;
	__u64 *ts, delta;

	if (targ_count || !cpu_selected())
		return 0;
	ts = bpf_map_lookup_elem(&start, &zero);
	if (!ts || !*ts)
		return 0;
	delta = bpf_ktime_get_ns() - *ts;
	*ts = 0;
	if (!targ_dist) {
		add_total(&key, delta);
		return 0;
	}
	h = cb_hist_get(&hists, &key);
	if (h)
		cb_hist_log2_add(h, targ_ns ? delta : delta / 1000);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
