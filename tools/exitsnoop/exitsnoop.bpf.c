// SPDX-License-Identifier: GPL-2.0
/* exitsnoop: process (or thread) exits with their age and exit status.
 *
 * The exiting task is the current one at sched_process_exit, so the raw tracepoint needs
 * none of its arguments (whose list changed in 6.16: group_dead was added). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include "exitsnoop.h"

const volatile bool failed_only = false;
const volatile bool per_thread = false;

SEC("raw_tp/sched_process_exit")
int exit_raw(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	__u64 id = bpf_get_current_pid_tgid();
	struct exitsnoop_event *e;
	__u32 code;

	/* Without --per-thread, a process is reported when its leader exits. */
	if (!per_thread && (id >> 32) != (__u32)id)
		return 0;
	code = BPF_CORE_READ(task, exit_code);
	if (failed_only && code == 0)
		return 0;
	if (!cb_task_selected())
		return 0;
	e = cb_event_reserve(sizeof(*e));
	if (!e)
		return 0;
	cb_event_fill(e);
	if (per_thread)
		e->age_ns = e->ts_ns - BPF_CORE_READ(task, start_time);
	else
		e->age_ns = e->ts_ns - BPF_CORE_READ(task, group_leader, start_time);
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->exit_code = code;
	cb_event_submit(e);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
