#pragma once
#include <corebox/hist.h>

enum runqlat_key_by { RUNQLAT_ALL = 0, RUNQLAT_PID, RUNQLAT_TID, RUNQLAT_PIDNS };

struct runqlat_key {
	__u32 gen;
	__u32 id; /* PID, TID or PID namespace inode; 0 for the single histogram */
};
