/* Plain C shared by the BPF programs and the C++ front ends. */
#pragma once

#ifdef __BPF__
/* vmlinux.h provides the __u32 & co. */
#else
#include <linux/types.h>
#endif

#define CB_COMM_LEN 16

/* The fields most events open with: when (CLOCK_MONOTONIC) and which task. The BPF side
 * fills them, and the event's comm, with cb_event_fill() (bpf/corebox/event.bpf.h). */
#define CB_EVENT_HEAD                                                                      \
	__u64 ts_ns;                                                                       \
	__u32 tgid, tid
#define CB_PATH_LEN 4096 /* PATH_MAX */

/* Size of the event ring buffer, in bytes (a power of two), and how many bytes written
 * to it wake the consumer (bpf/corebox/event.bpf.h). */
#define CB_RING_BYTES (1u << 19)
#define CB_RING_WAKEUP_BYTES (CB_RING_BYTES / 4)
