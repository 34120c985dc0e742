#pragma once
#include <corebox/hist.h>

#define HARDIRQS_NAME_LEN 32

struct hardirqs_key {
	__u32 gen;
	char name[HARDIRQS_NAME_LEN]; /* irqaction.name */
};
