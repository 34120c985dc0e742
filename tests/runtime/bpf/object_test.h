/* The event of object_test.bpf.c, shared with object_test.cpp. */
#pragma once

struct object_test_event {
	__u64 magic;
	__u32 tgid;
	__u32 pad;
};
