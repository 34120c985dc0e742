// SPDX-License-Identifier: GPL-2.0
/* threadsnoop: pthread_create() calls, with the new thread's start routine.
 *
 * The front end attaches create_enter to pthread_create in the target libc;
 * pthread_create(thread, attr, start_routine, arg): the routine is the third argument.
 * User space symbolizes it while the process is (usually) still there. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include "threadsnoop.h"

SEC("uprobe")
int create_enter(struct pt_regs *ctx)
{
	struct threadsnoop_event *e;

	if (!cb_task_selected())
		return 0;
	e = cb_event_reserve(sizeof(*e));
	if (!e)
		return 0;
	cb_event_fill(e);
	e->start_fn = PT_REGS_PARM3(ctx);
	cb_event_submit(e);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
