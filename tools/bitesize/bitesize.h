#pragma once
#include <corebox/hist.h>

struct bitesize_key {
	__u32 gen;
	char comm[CB_COMM_LEN]; /* the issuing process, as bcc keys it */
};
