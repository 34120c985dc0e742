#pragma once
#include <corebox/hist.h>

struct biolatency_key {
	__u32 gen;
	__u32 dev;   /* with -D (MKDEV encoding) */
	__u32 flags; /* with -F (bpf/corebox/block.bpf.h CB_REQ_*) */
};
