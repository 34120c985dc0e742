#pragma once
#include <corebox/abi.h>

#define FILELIFE_NAME_LEN 256 /* NAME_MAX + 1 */

struct filelife_event {
	__u64 ts_ns;  /* CLOCK_MONOTONIC, at the deletion */
	__u64 age_ns; /* from the creation to the deletion */
	__u32 tgid, tid; /* the deleting task */
	char comm[CB_COMM_LEN];
	char name[FILELIFE_NAME_LEN];
};
