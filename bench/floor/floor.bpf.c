// SPDX-License-Identifier: GPL-2.0
/* The floor: the least a tracer of openat() can cost. Two tracepoint programs that only
 * count, per CPU, with no event output; the benchmark compares opensnoop's added cost
 * against this one's. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

static __always_inline void count(__u32 slot)
{
	__u64 *n = bpf_map_lookup_elem(&counts, &slot);

	if (n)
		(*n)++;
}

SEC("tracepoint/syscalls/sys_enter_openat")
int floor_enter(void *ctx)
{
	count(0);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_openat")
int floor_exit(void *ctx)
{
	count(1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
