/* Aggregation in the kernel: log2 and linear histograms, per-key counters, and the
 * map generation that lets user space read and clear a map without losing counts.
 *
 * Every aggregation map's key starts with `__u32 gen`. Programs add to entries of the
 * current generation (cb_gen, in .bss); at the end of an interval user space flips
 * cb_gen, waits for programs already running to finish, then reads and deletes the
 * old generation's entries, which nothing writes any more (src/core/aggregate.h). */
#pragma once
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <corebox/hist.h>

_Static_assert((CB_HIST_SLOTS & (CB_HIST_SLOTS - 1)) == 0, "slot masks need a power of two");

volatile __u32 cb_gen = 0;

/* Updates lost because their map was full, per CPU: reported at exit. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} cb_hist_drops SEC(".maps");

static __always_inline void *cb_count_drop(void *v)
{
	__u32 zero = 0;
	__u64 *n;

	if (!v && (n = bpf_map_lookup_elem(&cb_hist_drops, &zero)))
		(*n)++;
	return v;
}

static __always_inline __u32 cb_current_gen(void)
{
	return cb_gen & 1;
}

/* floor(log2(v)), and 0 for 0. */
static __always_inline __u64 cb_log2(__u64 v)
{
	__u64 r = 0, s;

	s = (v > 0xFFFFFFFFull) << 5; v >>= s; r |= s;
	s = (v > 0xFFFF) << 4; v >>= s; r |= s;
	s = (v > 0xFF) << 3; v >>= s; r |= s;
	s = (v > 0xF) << 2; v >>= s; r |= s;
	s = (v > 0x3) << 1; v >>= s; r |= s;
	r |= (v >> 1);
	return r;
}

static __always_inline __u64 cb_log2_slot(__u64 v)
{
	__u64 s = cb_log2(v);

	return s < CB_HIST_SLOTS ? s : CB_HIST_SLOTS - 1;
}

/* slots[i] += 1 for an i already clamped below CB_HIST_SLOTS. The 6.1 verifier loses
 * the clamp's bound when clang indexes through a 32-bit copy of the register, so the
 * index is masked again, behind a barrier that keeps clang from dropping the mask. */
static __always_inline void cb_hist_slot_add(struct cb_hist *h, __u64 i)
{
	asm volatile("" : "+r"(i));
	i &= CB_HIST_SLOTS - 1;
	__sync_fetch_and_add(&h->slots[i], 1);
}

/* The value for `key` in a hash map, inserted as `init` when missing. NULL only when
 * the map is full. */
static __always_inline void *cb_lookup_or_init(void *map, const void *key, const void *init)
{
	void *v = bpf_map_lookup_elem(map, key);

	if (v)
		return v;
	bpf_map_update_elem(map, key, init, BPF_NOEXIST);
	return cb_count_drop(bpf_map_lookup_elem(map, key));
}

/* The histogram for `key`, created empty. */
static __always_inline struct cb_hist *cb_hist_get(void *map, const void *key)
{
	struct cb_hist zero = {};
	struct cb_hist *h = bpf_map_lookup_elem(map, key);

	if (h)
		return h;
	bpf_map_update_elem(map, key, &zero, BPF_NOEXIST);
	return cb_count_drop(bpf_map_lookup_elem(map, key));
}

/* The same, recording the command name of `t` (NULL: the current task) on creation. */
static __always_inline struct cb_hist *cb_hist_get_comm(void *map, const void *key, struct task_struct *t)
{
	struct cb_hist zero = {};
	struct cb_hist *h = bpf_map_lookup_elem(map, key);

	if (h)
		return h;
	if (t)
		BPF_CORE_READ_STR_INTO(&zero.comm, t, comm);
	else
		bpf_get_current_comm(zero.comm, sizeof(zero.comm));
	bpf_map_update_elem(map, key, &zero, BPF_NOEXIST);
	return cb_count_drop(bpf_map_lookup_elem(map, key));
}

static __always_inline void cb_hist_log2_add(struct cb_hist *h, __u64 v)
{
	cb_hist_slot_add(h, cb_log2_slot(v));
}

/* Linear buckets: [base + i*step, base + (i+1)*step), clamped at both ends. */
static __always_inline void cb_hist_linear_add(struct cb_hist *h, __u64 v, __u64 base, __u64 step)
{
	__u64 i = v < base ? 0 : (v - base) / (step ? step : 1);

	if (i >= CB_HIST_SLOTS)
		i = CB_HIST_SLOTS - 1;
	cb_hist_slot_add(h, i);
}

/* A hash map of histograms: `key_type` starts with `__u32 gen`. */
#define CB_HIST_MAP(name, key_type, max)                                                   \
	struct {                                                                           \
		__uint(type, BPF_MAP_TYPE_HASH);                                           \
		__uint(max_entries, (max));                                                \
		__type(key, key_type);                                                     \
		__type(value, struct cb_hist);                                             \
	} name SEC(".maps")

/* A hash map of counters of any value type; `key_type` starts with `__u32 gen`. */
#define CB_COUNT_MAP(name, key_type, value_type, max)                                      \
	struct {                                                                           \
		__uint(type, BPF_MAP_TYPE_HASH);                                           \
		__uint(max_entries, (max));                                                \
		__type(key, key_type);                                                     \
		__type(value, value_type);                                                 \
	} name SEC(".maps")
