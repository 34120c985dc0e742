#pragma once
#include <corebox/abi.h>

enum sigsnoop_source {
	SIGSNOOP_GENERATED = 0, /* signal:signal_generate */
	SIGSNOOP_SYSCALL = 1,   /* kill(), tkill() or tgkill() returned */
};

struct sigsnoop_event {
	CB_EVENT_HEAD;   /* the sender */
	__s32 tpid;      /* the target: a process (kill) or a thread */
	__s32 sig;
	__s32 ret;       /* 0, or a negative errno */
	__u32 source;    /* enum sigsnoop_source */
	__u32 syscall_nr; /* for SIGSNOOP_SYSCALL */
	__u32 pad;
	char comm[CB_COMM_LEN];  /* the sender's */
	char tcomm[CB_COMM_LEN]; /* the target's, for generated signals */
};
