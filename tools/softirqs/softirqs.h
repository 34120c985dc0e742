#pragma once
#include <corebox/hist.h>

struct softirqs_key {
	__u32 gen;
	__u32 vec; /* softirq vector number (HI_SOFTIRQ ...) */
};
