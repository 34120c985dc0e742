#pragma once
#include <corebox/abi.h>

struct runqslower_event {
	__u64 ts_ns; /* CLOCK_MONOTONIC, at switch-in */
	__u64 delta_us;
	__u32 tid, tgid;
	__u32 prev_tid, pad;
	char comm[CB_COMM_LEN];
	char prev_comm[CB_COMM_LEN];
};
