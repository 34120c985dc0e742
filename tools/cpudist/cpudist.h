#pragma once
#include <corebox/hist.h>

struct cpudist_key {
	__u32 gen;
	__u32 id; /* PID with -P, TID with -L, else 0 */
};
