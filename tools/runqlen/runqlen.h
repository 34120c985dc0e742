#pragma once
#include <corebox/hist.h>

struct runqlen_key {
	__u32 gen;
	__u32 cpu; /* with -C, else 0 */
};
