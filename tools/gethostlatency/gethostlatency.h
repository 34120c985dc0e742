#pragma once
#include <corebox/abi.h>

#define GETHOSTLATENCY_HOST_LEN 128

struct gethostlatency_event {
	__u64 ts_ns;      /* CLOCK_MONOTONIC, at return */
	__u64 latency_ns;
	__u32 tgid, tid;
	char comm[CB_COMM_LEN];
	char host[GETHOSTLATENCY_HOST_LEN];
};
