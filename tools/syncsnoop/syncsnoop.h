#pragma once
#include <corebox/abi.h>

struct syncsnoop_event {
	CB_EVENT_HEAD; /* at return */
	__s64 ret;
	__u64 arg0; /* fd, or msync's address */
	__u32 nr;   /* syscall number (corebox/syscall_nr.h) */
	__u32 pad;
	char comm[CB_COMM_LEN];
};
