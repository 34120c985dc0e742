#pragma once
#include <corebox/hist.h>

struct syscount_key {
	__u32 gen;
	__u32 id; /* syscall number, or the process ID with -P */
};

struct syscount_value {
	__u64 count;
	__u64 total_ns; /* with -L */
	char comm[CB_COMM_LEN];
};
