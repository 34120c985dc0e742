/* Histogram values shared by the BPF programs (bpf/corebox/hist.bpf.h) and the C++
 * side (src/output/hist.h, src/core/aggregate.h). */
#pragma once
#include <corebox/abi.h>

/* Log2 slots: slot i counts values in [2^i, 2^(i+1)) (slot 0 also holds 0); values
 * beyond the last slot are clamped into it. Linear histograms use the same array. */
#define CB_HIST_SLOTS 32

struct cb_hist {
	__u32 slots[CB_HIST_SLOTS];
	char comm[CB_COMM_LEN]; /* for per-process/per-thread keys; empty otherwise */
};
