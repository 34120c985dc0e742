#pragma once
#include <corebox/abi.h>

struct threadsnoop_event {
	__u64 ts_ns;    /* CLOCK_MONOTONIC */
	__u64 start_fn; /* the start routine, an address in the caller */
	__u32 tgid, tid;
	char comm[CB_COMM_LEN];
};
