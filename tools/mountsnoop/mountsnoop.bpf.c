// SPDX-License-Identifier: GPL-2.0
/* mountsnoop: mount(), umount2(), fsopen(), fsconfig(), fsmount() and move_mount().
 *
 * One program at the generic syscall exit, as opensnoop: the arguments come from the
 * saved user registers (x86_64 numbers), the strings are still in user memory there. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include "mountsnoop.h"

#define NR_mount 165
#define NR_umount2 166
#define NR_move_mount 429
#define NR_fsopen 430
#define NR_fsconfig 431
#define NR_fsmount 432

#define FSCONFIG_SET_STRING 1
#define FSCONFIG_SET_PATH 3
#define FSCONFIG_SET_PATH_EMPTY 4

CB_SCRATCH(scratch, struct mountsnoop_event);

static __always_inline void read_str(char *dst, __u32 size, __u64 uptr)
{
	dst[0] = 0;
	if (uptr && bpf_probe_read_user_str(dst, size, (const void *)uptr) < 0)
		dst[0] = 0;
}

SEC("raw_tp/sys_exit")
int BPF_PROG(mount_exit, struct pt_regs *regs, long ret)
{
	long nr = BPF_CORE_READ(regs, orig_ax);
	struct mountsnoop_event *e;
	struct task_struct *task;
	__u64 a0, a1, a2, a3, a4;

	if (nr != NR_mount && nr != NR_umount2 && nr != NR_move_mount && nr != NR_fsopen &&
	    nr != NR_fsconfig && nr != NR_fsmount)
		return 0;
	if (!cb_task_selected())
		return 0;
	e = cb_scratch(&scratch);
	if (!e)
		return 0;
	a0 = BPF_CORE_READ(regs, di);
	a1 = BPF_CORE_READ(regs, si);
	a2 = BPF_CORE_READ(regs, dx);
	a3 = BPF_CORE_READ(regs, r10);
	a4 = BPF_CORE_READ(regs, r8);

	__u64 id = bpf_get_current_pid_tgid();
	task = (struct task_struct *)bpf_get_current_task();
	e->ts_ns = bpf_ktime_get_ns();
	e->tgid = id >> 32;
	e->tid = (__u32)id;
	e->ret = ret;
	e->nr = nr;
	e->mnt_ns = BPF_CORE_READ(task, nsproxy, mnt_ns, ns.inum);
	e->flags = 0;
	e->arg[0] = e->arg[1] = e->arg[2] = 0;
	e->fs[0] = e->src[0] = e->dst[0] = e->data[0] = 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));

	if (nr == NR_mount) {
		read_str(e->src, sizeof(e->src), a0);
		read_str(e->dst, sizeof(e->dst), a1);
		read_str(e->fs, sizeof(e->fs), a2);
		e->flags = a3;
		read_str(e->data, sizeof(e->data), a4);
	} else if (nr == NR_umount2) {
		read_str(e->dst, sizeof(e->dst), a0);
		e->flags = a1;
	} else if (nr == NR_fsopen) {
		read_str(e->fs, sizeof(e->fs), a0);
		e->flags = a1;
	} else if (nr == NR_fsconfig) {
		e->arg[0] = (int)a0;
		e->arg[1] = (unsigned int)a1;
		e->arg[2] = (int)a4;
		read_str(e->src, sizeof(e->src), a2);
		if (a1 == FSCONFIG_SET_STRING || a1 == FSCONFIG_SET_PATH || a1 == FSCONFIG_SET_PATH_EMPTY)
			read_str(e->dst, sizeof(e->dst), a3);
	} else if (nr == NR_fsmount) {
		e->arg[0] = (int)a0;
		e->flags = a1;
		e->arg[1] = (unsigned int)a2;
	} else {
		e->arg[0] = (int)a0;
		read_str(e->src, sizeof(e->src), a1);
		e->arg[1] = (int)a2;
		read_str(e->dst, sizeof(e->dst), a3);
		e->flags = a4;
	}
	cb_event_output(e, sizeof(*e));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
