// SPDX-License-Identifier: GPL-2.0
/* statsnoop: stat(), lstat(), newfstatat(), statx() and statfs() with path and result.
 *
 * As opensnoop: one program at the generic syscall exit reads the arguments back from
 * the saved user registers (x86_64 numbers; the path is still in user memory there). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include "statsnoop.h"

#define NR_stat 4
#define NR_lstat 6
#define NR_statfs 137
#define NR_newfstatat 262
#define NR_statx 332
#define AT_FDCWD -100

const volatile bool failed_only = false;

CB_SCRATCH(scratch, struct statsnoop_event);

SEC("raw_tp/sys_exit")
int BPF_PROG(stat_exit, struct pt_regs *regs, long ret)
{
	long nr = BPF_CORE_READ(regs, orig_ax);
	struct statsnoop_event *e;
	const char *path;
	int dirfd = AT_FDCWD;
	long len;

	if (nr != NR_stat && nr != NR_lstat && nr != NR_statfs && nr != NR_newfstatat && nr != NR_statx)
		return 0;
	if (failed_only && ret >= 0)
		return 0;
	if (!cb_task_selected())
		return 0;
	if (nr == NR_newfstatat || nr == NR_statx) {
		dirfd = BPF_CORE_READ(regs, di);
		path = (const char *)BPF_CORE_READ(regs, si);
	} else {
		path = (const char *)BPF_CORE_READ(regs, di);
	}
	e = cb_scratch(&scratch);
	if (!e)
		return 0;
	__u64 id = bpf_get_current_pid_tgid();
	e->ts_ns = bpf_ktime_get_ns();
	e->tgid = id >> 32;
	e->tid = (__u32)id;
	e->ret = ret;
	e->nr = nr;
	e->dirfd = dirfd;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	len = bpf_probe_read_user_str(e->path, sizeof(e->path), path);
	if (len <= 0) {
		e->path[0] = 0;
		len = 1;
	}
	e->path_len = len;
	cb_event_output(e, offsetof(struct statsnoop_event, path) + (len & (CB_PATH_LEN - 1)) + 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
