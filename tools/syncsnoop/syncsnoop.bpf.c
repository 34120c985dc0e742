// SPDX-License-Identifier: GPL-2.0
/* syncsnoop: sync(), syncfs(), fsync(), fdatasync(), msync() and sync_file_range().
 *
 * One program per call at its exit, as opensnoop: arguments from the saved user
 * registers (corebox/syscall.bpf.h). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include <corebox/syscall.bpf.h>
#include "syncsnoop.h"

static __always_inline bool traced(long nr)
{
	return nr == CB_NR_msync || nr == CB_NR_fsync || nr == CB_NR_fdatasync || nr == CB_NR_sync ||
	       nr == CB_NR_sync_file_range || nr == CB_NR_syncfs;
}

static __always_inline int sync_exit(struct pt_regs *regs, long nr, long ret)
{
	struct syncsnoop_event *e;
	__u64 arg[6] = {};

	if (!cb_task_selected())
		return 0;
	if (nr != CB_NR_sync && cb_regs_syscall_args(regs, arg))
		return 0;
	e = cb_event_reserve(sizeof(*e));
	if (!e)
		return 0;
	cb_event_fill(e);
	e->ret = ret;
	e->arg0 = arg[0];
	e->nr = nr;
	e->pad = 0;
	cb_event_submit(e);
	return 0;
}

CB_SYSCALL_EXIT(sync, msync, sync_exit)
CB_SYSCALL_EXIT(sync, fsync, sync_exit)
CB_SYSCALL_EXIT(sync, fdatasync, sync_exit)
CB_SYSCALL_EXIT(sync, sync, sync_exit)
CB_SYSCALL_EXIT(sync, sync_file_range, sync_exit)
CB_SYSCALL_EXIT(sync, syncfs, sync_exit)
CB_SYSCALL_EXIT_ANY(sync, traced, sync_exit)

char LICENSE[] SEC("license") = "GPL";
