#pragma once
#include <corebox/abi.h>

#define GETHOSTLATENCY_HOST_LEN 128

struct gethostlatency_event {
	CB_EVENT_HEAD; /* at return */
	__u64 latency_ns;
	char comm[CB_COMM_LEN];
	char host[GETHOSTLATENCY_HOST_LEN];
};
