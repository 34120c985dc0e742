#pragma once
#include <corebox/abi.h>

struct syncsnoop_event {
	__u64 ts_ns; /* CLOCK_MONOTONIC, at return */
	__u32 tgid, tid;
	__s64 ret;
	__u64 arg0; /* fd, or msync's address */
	__u32 nr;   /* x86_64 syscall number */
	__u32 pad;
	char comm[CB_COMM_LEN];
};
