#pragma once
#include <corebox/abi.h>

struct opensnoop_event {
	CB_EVENT_HEAD; /* at return */
	__u32 uid;
	__s32 ret;
	__u32 flags, mode;
	__u32 path_len; /* bytes in path, with the NUL */
	__u32 truncated;
	char comm[CB_COMM_LEN];
	char path[CB_PATH_LEN];
};
