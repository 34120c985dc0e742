// SPDX-License-Identifier: GPL-2.0
/* opensnoop: open(), openat() and openat2() with their results.
 *
 * One program on the generic syscall-exit raw tracepoint reads the arguments back from
 * the saved user registers: no entry program and no in-flight map, so a traced open
 * costs one program run. Syscall numbers are x86_64's. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include "opensnoop.h"

#define NR_open 2
#define NR_openat 257
#define NR_openat2 437

#define O_ACCMODE 3

const volatile bool failed_only = false;
const volatile __u32 flag_mask = 0;    /* -f: any of these flags ... */
const volatile __u32 accmode_mask = 0; /* ... or one of these access modes (bit 1 << mode) */

CB_SCRATCH(scratch, struct opensnoop_event);

static __always_inline bool flags_selected(__u32 flags)
{
	if (!flag_mask && !accmode_mask)
		return true;
	return (flags & flag_mask) || (accmode_mask & (1u << (flags & O_ACCMODE)));
}

SEC("raw_tp/sys_exit")
int BPF_PROG(open_exit, struct pt_regs *regs, long ret)
{
	long nr = BPF_CORE_READ(regs, orig_ax);
	struct pt_regs r;
	const char *path;
	__u32 flags, mode;
	struct opensnoop_event *e;
	long len;

	if (nr != NR_openat && nr != NR_open && nr != NR_openat2)
		return 0;
	if (failed_only && ret >= 0)
		return 0;
	if (!cb_task_selected())
		return 0;

	/* One copy of the saved registers instead of a probe-read per argument: each helper
	 * call costs tens of nanoseconds on the traced task. */
	if (bpf_core_read(&r, sizeof(r), regs))
		return 0;
	if (nr == NR_open) {
		path = (const char *)r.di;
		flags = r.si;
		mode = r.dx;
	} else if (nr == NR_openat) {
		path = (const char *)r.si;
		flags = r.dx;
		mode = r.r10;
	} else {
		struct open_how how = {};

		path = (const char *)r.si;
		bpf_probe_read_user(&how, sizeof(how), (void *)r.dx);
		flags = how.flags;
		mode = how.mode;
	}
	if (!flags_selected(flags))
		return 0;

	e = cb_scratch(&scratch);
	if (!e)
		return 0;
	__u64 id = bpf_get_current_pid_tgid();
	e->ts_ns = bpf_ktime_get_ns();
	e->tgid = id >> 32;
	e->tid = (__u32)id;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->ret = ret;
	e->flags = flags;
	e->mode = mode;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	len = bpf_probe_read_user_str(e->path, sizeof(e->path), path);
	if (len <= 0) {
		e->path[0] = 0;
		len = 1;
	}
	/* A full buffer means the string did not fit (open() would have failed with
	 * ENAMETOOLONG). */
	e->truncated = len == sizeof(e->path);
	e->path_len = len;
	cb_event_output(e, offsetof(struct opensnoop_event, path) + (len & (CB_PATH_LEN - 1)) + 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
