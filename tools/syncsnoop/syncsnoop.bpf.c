// SPDX-License-Identifier: GPL-2.0
/* syncsnoop: sync(), syncfs(), fsync(), fdatasync(), msync() and sync_file_range().
 *
 * One program at the generic syscall exit, as opensnoop: arguments from the saved user
 * registers, x86_64 syscall numbers. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include "syncsnoop.h"

#define NR_msync 26
#define NR_fsync 74
#define NR_fdatasync 75
#define NR_sync 162
#define NR_sync_file_range 277
#define NR_syncfs 306

SEC("raw_tp/sys_exit")
int BPF_PROG(sync_exit, struct pt_regs *regs, long ret)
{
	long nr = BPF_CORE_READ(regs, orig_ax);
	struct syncsnoop_event *e;

	if (nr != NR_msync && nr != NR_fsync && nr != NR_fdatasync && nr != NR_sync &&
	    nr != NR_sync_file_range && nr != NR_syncfs)
		return 0;
	if (!cb_task_selected())
		return 0;
	e = cb_event_reserve(sizeof(*e));
	if (!e)
		return 0;
	__u64 id = bpf_get_current_pid_tgid();
	e->ts_ns = bpf_ktime_get_ns();
	e->tgid = id >> 32;
	e->tid = (__u32)id;
	e->ret = ret;
	e->arg0 = nr == NR_sync ? 0 : BPF_CORE_READ(regs, di);
	e->nr = nr;
	e->pad = 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	cb_event_submit(e);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
