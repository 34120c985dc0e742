// SPDX-License-Identifier: GPL-2.0
/* gethostlatency: getaddrinfo(), gethostbyname() and gethostbyname2() latency.
 *
 * The front end attaches lookup_enter and lookup_return to each function in the target
 * libc; the host name is the first argument of all three. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include "gethostlatency.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct gethostlatency_event);
} inflight SEC(".maps");

CB_SCRATCH(scratch, struct gethostlatency_event);

SEC("uprobe")
int lookup_enter(struct pt_regs *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct gethostlatency_event *e;

	if (!cb_task_selected())
		return 0;
	e = cb_scratch(&scratch);
	if (!e)
		return 0;
	cb_event_fill(e);
	e->latency_ns = 0;
	if (bpf_probe_read_user_str(e->host, sizeof(e->host), (const void *)PT_REGS_PARM1(ctx)) < 0)
		e->host[0] = 0;
	bpf_map_update_elem(&inflight, &tid, e, BPF_ANY);
	return 0;
}

SEC("uretprobe")
int lookup_return(struct pt_regs *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct gethostlatency_event *e = bpf_map_lookup_elem(&inflight, &tid);
	__u64 now = bpf_ktime_get_ns();

	if (!e)
		return 0;
	e->latency_ns = now - e->ts_ns;
	e->ts_ns = now;
	cb_event_output(e, sizeof(*e));
	bpf_map_delete_elem(&inflight, &tid);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
