#pragma once
#include <corebox/hist.h>

struct biopattern_key {
	__u32 gen;
	__u32 dev; /* MKDEV encoding */
};

struct biopattern_counter {
	__u64 random;
	__u64 sequential;
	__u64 bytes;
};
