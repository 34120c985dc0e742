#pragma once
#include <corebox/abi.h>

#define FILELIFE_NAME_LEN 256 /* NAME_MAX + 1 */

struct filelife_event {
	CB_EVENT_HEAD; /* at the deletion, by the deleting task */
	__u64 age_ns;  /* from the creation to the deletion */
	char comm[CB_COMM_LEN];
	char name[FILELIFE_NAME_LEN];
};
