// SPDX-License-Identifier: GPL-2.0
/* mountsnoop: mount(), umount2(), fsopen(), fsconfig(), fsmount() and move_mount().
 *
 * One program per call at its exit, as opensnoop: the arguments come from the saved user
 * registers (corebox/syscall.bpf.h), the strings are still in user memory there. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include <corebox/syscall.bpf.h>
#include "mountsnoop.h"

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

static __always_inline bool traced(long nr)
{
	return nr == CB_NR_mount || nr == CB_NR_umount2 || nr == CB_NR_move_mount || nr == CB_NR_fsopen ||
	       nr == CB_NR_fsconfig || nr == CB_NR_fsmount;
}

static __always_inline int mount_exit(struct pt_regs *regs, long nr, long ret)
{
	struct mountsnoop_event *e;
	struct task_struct *task;
	__u64 arg[6], a0, a1, a2, a3, a4;

	if (!cb_task_selected())
		return 0;
	e = cb_scratch(&scratch);
	if (!e || cb_regs_syscall_args(regs, arg))
		return 0;
	a0 = arg[0];
	a1 = arg[1];
	a2 = arg[2];
	a3 = arg[3];
	a4 = arg[4];

	task = (struct task_struct *)bpf_get_current_task();
	cb_event_fill(e);
	e->ret = ret;
	e->nr = nr;
	e->mnt_ns = BPF_CORE_READ(task, nsproxy, mnt_ns, ns.inum);
	e->flags = 0;
	e->arg[0] = e->arg[1] = e->arg[2] = 0;
	e->fs[0] = e->src[0] = e->dst[0] = e->data[0] = 0;

	if (nr == CB_NR_mount) {
		read_str(e->src, sizeof(e->src), a0);
		read_str(e->dst, sizeof(e->dst), a1);
		read_str(e->fs, sizeof(e->fs), a2);
		e->flags = a3;
		read_str(e->data, sizeof(e->data), a4);
	} else if (nr == CB_NR_umount2) {
		read_str(e->dst, sizeof(e->dst), a0);
		e->flags = a1;
	} else if (nr == CB_NR_fsopen) {
		read_str(e->fs, sizeof(e->fs), a0);
		e->flags = a1;
	} else if (nr == CB_NR_fsconfig) {
		e->arg[0] = (int)a0;
		e->arg[1] = (unsigned int)a1;
		e->arg[2] = (int)a4;
		read_str(e->src, sizeof(e->src), a2);
		if (a1 == FSCONFIG_SET_STRING || a1 == FSCONFIG_SET_PATH || a1 == FSCONFIG_SET_PATH_EMPTY)
			read_str(e->dst, sizeof(e->dst), a3);
	} else if (nr == CB_NR_fsmount) {
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

CB_SYSCALL_EXIT(mount, mount, mount_exit)
CB_SYSCALL_EXIT_AS(mount, umount2, umount, mount_exit)
CB_SYSCALL_EXIT(mount, fsopen, mount_exit)
CB_SYSCALL_EXIT(mount, fsconfig, mount_exit)
CB_SYSCALL_EXIT(mount, fsmount, mount_exit)
CB_SYSCALL_EXIT(mount, move_mount, mount_exit)
CB_SYSCALL_EXIT_ANY(mount, traced, mount_exit)

char LICENSE[] SEC("license") = "GPL";
