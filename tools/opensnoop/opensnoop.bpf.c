// SPDX-License-Identifier: GPL-2.0
/* opensnoop: open(), openat() and openat2() with their results.
 *
 * One program per call at its exit tracepoint reads the arguments back from the saved
 * user registers (corebox/syscall.bpf.h): a traced open costs one program run, and other
 * syscalls none. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include <corebox/syscall.bpf.h>
#include "opensnoop.h"

#define O_ACCMODE 3

const volatile bool failed_only = false;
const volatile __u32 flag_mask = 0;    /* -f: any of these flags ... */
const volatile __u32 accmode_mask = 0; /* ... or one of these access modes (bit 1 << mode) */

CB_SCRATCH(scratch, struct opensnoop_event);

static __always_inline bool flags_selected(__u32 flags)
{
	if (!flag_mask && !accmode_mask)
		return true;
	return (flags & flag_mask) || (accmode_mask & (1u << (flags & O_ACCMODE)));
}

static __always_inline bool traced(long nr)
{
#ifdef CB_NR_open
	if (nr == CB_NR_open)
		return true;
#endif
	return nr == CB_NR_openat || nr == CB_NR_openat2;
}

static __always_inline int open_exit(struct pt_regs *regs, long nr, long ret)
{
	struct opensnoop_event *e;
	const char *path;
	__u32 flags, mode;
	__u64 arg[6];
	long len;

	if (failed_only && ret >= 0)
		return 0;
	if (!cb_task_selected())
		return 0;
	if (cb_regs_syscall_args(regs, arg))
		return 0;
	if (nr == CB_NR_openat2) {
		struct open_how how = {};

		path = (const char *)arg[1];
		bpf_probe_read_user(&how, sizeof(how), (void *)arg[2]);
		flags = how.flags;
		mode = how.mode;
	} else if (nr == CB_NR_openat) {
		path = (const char *)arg[1];
		flags = arg[2];
		mode = arg[3];
	} else {
		path = (const char *)arg[0];
		flags = arg[1];
		mode = arg[2];
	}
	if (!flags_selected(flags))
		return 0;

	e = cb_scratch(&scratch);
	if (!e)
		return 0;
	cb_event_fill(e);
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->ret = ret;
	e->flags = flags;
	e->mode = mode;
	len = bpf_probe_read_user_str(e->path, sizeof(e->path), path);
	if (len <= 0) {
		e->path[0] = 0;
		len = 1;
	}
	/* A full buffer means the string did not fit (open() would have failed with
	 * ENAMETOOLONG). */
	e->truncated = len == sizeof(e->path);
	e->path_len = len;
	cb_event_output(e, offsetof(struct opensnoop_event, path) + (len & (CB_PATH_LEN - 1)) + 1);
	return 0;
}

#ifdef CB_NR_open
CB_SYSCALL_EXIT(open, open, open_exit)
#endif
CB_SYSCALL_EXIT(open, openat, open_exit)
CB_SYSCALL_EXIT(open, openat2, open_exit)
CB_SYSCALL_EXIT_ANY(open, traced, open_exit)

char LICENSE[] SEC("license") = "GPL";
