#pragma once
#include <corebox/abi.h>

#define EXECSNOOP_ARG_LEN 128     /* bytes read per argument, with the NUL */
#define EXECSNOOP_MAX_ARGS 60     /* --max-args upper bound */
#define EXECSNOOP_ARGS_BYTES 7680 /* EXECSNOOP_MAX_ARGS * EXECSNOOP_ARG_LEN */

struct execsnoop_event {
	__u64 ts_ns; /* CLOCK_MONOTONIC, at exec entry */
	__u32 tgid, ppid, uid;
	__s32 ret;
	__u32 args_count; /* arguments in args, each NUL-terminated */
	__u32 args_size;  /* bytes used in args */
	__u32 truncated;  /* an argument was cut, or arguments were left out */
	char comm[CB_COMM_LEN];
	char args[EXECSNOOP_ARGS_BYTES];
};
