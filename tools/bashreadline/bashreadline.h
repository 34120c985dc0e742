#pragma once
#include <corebox/abi.h>

#define BASHREADLINE_LINE_LEN 256

struct bashreadline_event {
	__u64 ts_ns; /* CLOCK_MONOTONIC, when readline() returned */
	__u32 tgid, uid;
	char comm[CB_COMM_LEN];
	char line[BASHREADLINE_LINE_LEN];
};
