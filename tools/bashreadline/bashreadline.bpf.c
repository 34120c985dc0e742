// SPDX-License-Identifier: GPL-2.0
/* bashreadline: lines returned by readline() in bash.
 *
 * A uretprobe, attached by the front end on the resolved binary (bash, or the
 * libreadline it uses), reads the returned string. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include "bashreadline.h"

SEC("uretprobe")
int readline_ret(struct pt_regs *ctx)
{
	const char *ret = (const char *)PT_REGS_RC(ctx);
	struct bashreadline_event *e;

	if (!ret || !cb_task_selected())
		return 0;
	e = cb_event_reserve(sizeof(*e));
	if (!e)
		return 0;
	__u64 id = bpf_get_current_pid_tgid();
	e->ts_ns = bpf_ktime_get_ns();
	e->tgid = id >> 32;
	e->uid = (__u32)bpf_get_current_uid_gid();
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	if (bpf_probe_read_user_str(e->line, sizeof(e->line), ret) < 0)
		e->line[0] = 0;
	cb_event_submit(e);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
