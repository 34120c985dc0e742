#pragma once
#include <corebox/abi.h>

struct statsnoop_event {
	__u64 ts_ns; /* CLOCK_MONOTONIC, at return */
	__u32 tgid, tid;
	__s32 ret;
	__u32 nr;       /* x86_64 syscall number */
	__s32 dirfd;    /* newfstatat and statx; AT_FDCWD (-100) otherwise */
	__u32 path_len; /* bytes in path, with the NUL */
	char comm[CB_COMM_LEN];
	char path[CB_PATH_LEN];
};
