// SPDX-License-Identifier: GPL-2.0
/* statsnoop: stat(), lstat(), newfstatat(), statx() and statfs() with path and result.
 *
 * As opensnoop: one program per call at its exit reads the arguments back from the saved
 * user registers (corebox/syscall.bpf.h; the path is still in user memory there). arm64
 * has no stat() or lstat(). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include <corebox/syscall.bpf.h>
#include "statsnoop.h"

#define AT_FDCWD -100

const volatile bool failed_only = false;

CB_SCRATCH(scratch, struct statsnoop_event);

static __always_inline bool traced(long nr)
{
#ifdef CB_NR_stat
	if (nr == CB_NR_stat || nr == CB_NR_lstat)
		return true;
#endif
	return nr == CB_NR_statfs || nr == CB_NR_newfstatat || nr == CB_NR_statx;
}

static __always_inline int stat_exit(struct pt_regs *regs, long nr, long ret)
{
	struct statsnoop_event *e;
	const char *path;
	int dirfd = AT_FDCWD;
	__u64 arg[6];
	long len;

	if (failed_only && ret >= 0)
		return 0;
	if (!cb_task_selected())
		return 0;
	if (cb_regs_syscall_args(regs, arg))
		return 0;
	if (nr == CB_NR_newfstatat || nr == CB_NR_statx) {
		dirfd = arg[0];
		path = (const char *)arg[1];
	} else {
		path = (const char *)arg[0];
	}
	e = cb_scratch(&scratch);
	if (!e)
		return 0;
	cb_event_fill(e);
	e->ret = ret;
	e->nr = nr;
	e->dirfd = dirfd;
	len = bpf_probe_read_user_str(e->path, sizeof(e->path), path);
	if (len <= 0) {
		e->path[0] = 0;
		len = 1;
	}
	e->path_len = len;
	cb_event_output(e, offsetof(struct statsnoop_event, path) + (len & (CB_PATH_LEN - 1)) + 1);
	return 0;
}

#ifdef CB_NR_stat
CB_SYSCALL_EXIT_AS(stat, stat, newstat, stat_exit)
CB_SYSCALL_EXIT_AS(stat, lstat, newlstat, stat_exit)
#endif
CB_SYSCALL_EXIT(stat, statfs, stat_exit)
CB_SYSCALL_EXIT(stat, newfstatat, stat_exit)
CB_SYSCALL_EXIT(stat, statx, stat_exit)
CB_SYSCALL_EXIT_ANY(stat, traced, stat_exit)

char LICENSE[] SEC("license") = "GPL";
