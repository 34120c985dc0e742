#pragma once
#include <corebox/abi.h>

struct statsnoop_event {
	CB_EVENT_HEAD; /* at return */
	__s32 ret;
	__u32 nr;       /* syscall number (corebox/syscall_nr.h) */
	__s32 dirfd;    /* newfstatat and statx; AT_FDCWD (-100) otherwise */
	__u32 path_len; /* bytes in path, with the NUL */
	char comm[CB_COMM_LEN];
	char path[CB_PATH_LEN];
};
