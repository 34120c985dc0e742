// SPDX-License-Identifier: GPL-2.0
/* syscount: syscalls counted per syscall or per process, with their total latency. On the
 * raw tracepoints of all syscalls, by nature: it traces them all. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/hist.bpf.h>
#include <corebox/syscall.bpf.h>
#include "syscount.h"

const volatile bool measure_latency = false;
const volatile bool by_process = false;
const volatile bool failed_only = false;
const volatile __s32 targ_errno = 0; /* 0: any */

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, __u64);
} start SEC(".maps");

CB_COUNT_MAP(counts, struct syscount_key, struct syscount_value, 10240);

SEC("raw_tp/sys_enter")
int BPF_PROG(syscount_enter, struct pt_regs *regs, long id)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u64 ts;

	if (!measure_latency || !cb_task_selected())
		return 0;
	ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&start, &tid, &ts, BPF_ANY);
	return 0;
}

SEC("raw_tp/sys_exit")
int BPF_PROG(syscount_exit, struct pt_regs *regs, long ret)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id;
	struct syscount_key key = { .gen = cb_current_gen() };
	struct syscount_value zero = {}, *v;
	__u64 delta = 0, *tsp;
	long nr;

	if (!cb_task_selected())
		return 0;
	if (measure_latency) {
		tsp = bpf_map_lookup_elem(&start, &tid);
		if (!tsp)
			return 0;
		delta = bpf_ktime_get_ns() - *tsp;
		bpf_map_delete_elem(&start, &tid);
	}
	if (failed_only && ret >= 0)
		return 0;
	if (targ_errno && ret != -targ_errno)
		return 0;
	nr = cb_regs_syscall_nr(regs);
	if (nr < 0)
		return 0;
	key.id = by_process ? id >> 32 : (__u32)nr;
	if (by_process)
		bpf_get_current_comm(zero.comm, sizeof(zero.comm));
	v = cb_lookup_or_init(&counts, &key, &zero);
	if (!v)
		return 0;
	__sync_fetch_and_add(&v->count, 1);
	if (measure_latency)
		__sync_fetch_and_add(&v->total_ns, delta);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
