/* The event stream: one ring buffer per tool, drops counted per CPU.
 *
 * Wakeups are batched: a record wakes the consumer only when it crosses a multiple of
 * CB_RING_WAKEUP_BYTES in the ring (a quarter of it), so at full rate the consumer is woken
 * once per quarter ring, and otherwise drains the ring every 20 ms (core/loop.h), which
 * bounds the latency. A wakeup per event would cost the traced task an irq_work (an IPI)
 * per event; waking on a fill level instead would wake on every event until the consumer
 * has run. The batching keeps the ring small (its data pages count twice in the tracer's
 * RSS: the kernel maps them twice) without losses at full rate. Two CPUs racing across a
 * boundary may both miss it; the next boundary wakes the consumer, a quarter ring later,
 * with half the ring still free. */
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

/* Ring bytes a record of `size` takes: an 8-byte header, padded to 8 bytes. */
static __always_inline __u64 cb_record_bytes(__u64 size)
{
	return (size + 8 + 7) & ~7ULL;
}

/* The flag for a record that spans producer positions [start, end). */
static __always_inline __u64 cb_wakeup_flag(__u64 start, __u64 end)
{
	if (start / CB_RING_WAKEUP_BYTES != end / CB_RING_WAKEUP_BYTES)
		return BPF_RB_FORCE_WAKEUP;
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

/* The producer position already counts the reserved record. */
#define cb_event_submit(e) cb_event_submit_sized(e, sizeof(*(e)))
static __always_inline void cb_event_submit_sized(void *e, __u64 size)
{
	__u64 end = bpf_ringbuf_query(&cb_events, BPF_RB_PROD_POS);

	bpf_ringbuf_submit(e, cb_wakeup_flag(end - cb_record_bytes(size), end));
}

/* Variable-size events built in a scratch buffer: only `size` bytes use ring space. */
static __always_inline void cb_event_output(void *data, __u64 size)
{
	__u64 start = bpf_ringbuf_query(&cb_events, BPF_RB_PROD_POS);

	if (bpf_ringbuf_output(&cb_events, data, size, cb_wakeup_flag(start, start + cb_record_bytes(size))))
		cb_count_lost();
}

/* The head (CB_EVENT_HEAD) and comm of an event the current task makes, now. A macro, so
 * that it fills any event type with those fields, wherever its comm is. */
#define cb_event_fill(e) cb_event_fill_current(&(e)->ts_ns, &(e)->tgid, &(e)->tid, (e)->comm)
static __always_inline void cb_event_fill_current(__u64 *ts_ns, __u32 *tgid, __u32 *tid, char comm[CB_COMM_LEN])
{
	__u64 id = bpf_get_current_pid_tgid();

	*ts_ns = bpf_ktime_get_ns();
	*tgid = id >> 32;
	*tid = (__u32)id;
	bpf_get_current_comm(comm, CB_COMM_LEN);
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
