#pragma once
#include <corebox/abi.h>

struct exitsnoop_event {
	CB_EVENT_HEAD; /* at exit */
	__u64 age_ns;  /* since the task (thread group leader, or thread) started */
	__u32 ppid;
	__u32 exit_code; /* as wait() reports it: code << 8 | core dump 0x80 | signal */
	char comm[CB_COMM_LEN];
};
