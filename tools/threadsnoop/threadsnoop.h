#pragma once
#include <corebox/abi.h>

struct threadsnoop_event {
	CB_EVENT_HEAD;  /* the creating thread, at pthread_create() */
	__u64 start_fn; /* the start routine, an address in the caller */
	char comm[CB_COMM_LEN];
};
