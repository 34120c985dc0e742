/* The event stream: one ring buffer per tool, drops counted per CPU.
 *
 * Submits never wake the consumer: user space drains the ring every 20 ms (see
 * core/loop.h), which bounds the latency, and a 4 MiB ring holds far more than 20 ms of
 * events at full rate. A wakeup per event would cost the traced task a cross-CPU IPI,
 * and asking the ring how full it is costs a helper call per event. */
#pragma once
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <corebox/abi.h>

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, CB_RING_BYTES);
} cb_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} cb_lost SEC(".maps");

static __always_inline void cb_count_lost(void)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&cb_lost, &zero);

	if (n)
		(*n)++;
}

static __always_inline __u64 cb_wakeup_flag(void)
{
	return BPF_RB_NO_WAKEUP;
}

/* Fixed-size events: reserve, fill, submit. A failed reserve is counted as lost. */
static __always_inline void *cb_event_reserve(__u64 size)
{
	void *e = bpf_ringbuf_reserve(&cb_events, size, 0);

	if (!e)
		cb_count_lost();
	return e;
}

static __always_inline void cb_event_submit(void *e)
{
	bpf_ringbuf_submit(e, cb_wakeup_flag());
}

/* Variable-size events built in a scratch buffer: only `size` bytes use ring space. */
static __always_inline void cb_event_output(void *data, __u64 size)
{
	if (bpf_ringbuf_output(&cb_events, data, size, cb_wakeup_flag()))
		cb_count_lost();
}

/* A per-CPU scratch area for building large events off the 512-byte BPF stack. */
#define CB_SCRATCH(name, value_type)                                                                     \
	struct {                                                                                   \
		__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);                                           \
		__uint(max_entries, 1);                                                            \
		__type(key, __u32);                                                                \
		__type(value, value_type);                                                             \
	} name SEC(".maps")

static __always_inline void *cb_scratch(void *map)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(map, &zero);
}
