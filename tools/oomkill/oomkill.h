#pragma once
#include <corebox/abi.h>

struct oomkill_event {
	__u64 ts_ns;  /* CLOCK_MONOTONIC */
	__u64 pages;  /* oom_kill_process: the OOM domain's total pages; mark_victim: the victim's total_vm */
	__u32 fpid;   /* the process that triggered the OOM (current) */
	__u32 tpid;   /* the victim */
	__u32 pages_kind; /* 0: none, 1: total pages (oom_control), 2: victim total_vm */
	__u32 pad;
	char fcomm[CB_COMM_LEN];
	char tcomm[CB_COMM_LEN];
};
