#pragma once
#include <corebox/abi.h>

#define MOUNTSNOOP_STR_LEN 512
#define MOUNTSNOOP_FS_LEN 64

struct mountsnoop_event {
	CB_EVENT_HEAD; /* at return */
	__s64 ret;
	__u64 flags;    /* mount, umount2, fsopen, fsmount, move_mount flags */
	__s64 arg[3];   /* fsconfig: fd, cmd, aux; fsmount: fd, attr flags; move_mount: dirfds */
	__u32 nr;       /* syscall number (corebox/syscall_nr.h) */
	__u32 mnt_ns;   /* the caller's mount namespace (inode number) */
	char comm[CB_COMM_LEN];
	char fs[MOUNTSNOOP_FS_LEN];     /* mount: type; fsopen: fs name */
	char src[MOUNTSNOOP_STR_LEN];   /* mount: source; fsconfig: key; move_mount: from path */
	char dst[MOUNTSNOOP_STR_LEN];   /* mount, umount2: target; fsconfig: value; move_mount: to path */
	char data[MOUNTSNOOP_STR_LEN];  /* mount: data */
};
