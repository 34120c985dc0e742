/* Reading other tasks than the current one with CO-RE, and filtering on them. */
#pragma once
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <corebox/filter.bpf.h>

/* task_struct.state became __state in 5.14 (commit 2f064a59a11f "sched: Change
 * task_struct::state"). */
struct task_struct___pre514 {
	volatile long state;
} __attribute__((preserve_access_index));

static __always_inline long cb_task_state(struct task_struct *t)
{
	if (bpf_core_field_exists(t->__state))
		return BPF_CORE_READ(t, __state);
	return BPF_CORE_READ((struct task_struct___pre514 *)t, state);
}

static __always_inline __u32 cb_task_pidns(struct task_struct *t)
{
	return BPF_CORE_READ(t, nsproxy, pid_ns_for_children, ns.inum);
}

/* -p/-t for a task that is not the current one (a woken or switched-in task). The
 * cgroup filter can only test the current task, as in bcc. */
static __always_inline bool cb_other_task_selected(struct task_struct *t)
{
	if (cb_targ_tgid && BPF_CORE_READ(t, tgid) != cb_targ_tgid)
		return false;
	if (cb_targ_tid && BPF_CORE_READ(t, pid) != cb_targ_tid)
		return false;
	if (cb_filter_cgroup && !bpf_current_task_under_cgroup(&cb_cgroup, 0))
		return false;
	return true;
}
