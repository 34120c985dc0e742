// SPDX-License-Identifier: GPL-2.0
/* execsnoop: execve() and execveat() with their arguments and results.
 *
 * The arguments are read at entry (after a successful exec the old memory is gone) and
 * kept per thread until the exit tracepoint gives the result. The filters run at exit,
 * so -n matches the new command name, as in bcc. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include "execsnoop.h"

const volatile __u32 max_args = 20;
const volatile bool failed_only = false;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, struct execsnoop_event);
} inflight SEC(".maps");

CB_SCRATCH(scratch, struct execsnoop_event);

/* One argument appended to e->args. A global function: the verifier checks it once, not
 * once per loop iteration and path, which took 100+ ms per program with the loop body
 * inline (and the 1M-instruction limit at --max-args 29 and up on some kernels). `arg` is
 * a user address, passed as a number. Returns 0 if the next argument may follow. */
__noinline int execsnoop_copy_arg(struct execsnoop_event *e, __u64 arg)
{
	__u32 off;
	long len;

	if (!e)
		return -1;
	off = e->args_size;
	if (off > EXECSNOOP_ARGS_BYTES - EXECSNOOP_ARG_LEN) {
		e->truncated = 1;
		return -1;
	}
	len = bpf_probe_read_user_str(&e->args[off], EXECSNOOP_ARG_LEN, (const void *)arg);
	if (len <= 0)
		return -1;
	if (len == EXECSNOOP_ARG_LEN)
		e->truncated = 1;
	e->args_size = off + len;
	e->args_count++;
	return 0;
}

static __always_inline void exec_enter(const char *const *argv)
{
	struct execsnoop_event *e = cb_scratch(&scratch);
	struct task_struct *task;
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id;

	if (!e)
		return;
	task = (struct task_struct *)bpf_get_current_task();
	e->ts_ns = bpf_ktime_get_ns();
	e->tgid = id >> 32;
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->ret = 0;
	e->args_count = 0;
	e->args_size = 0;
	e->truncated = 0;

	/* One more than the most shown: an argument past max_args marks the list as cut. */
	for (int i = 0; i < EXECSNOOP_MAX_ARGS + 1; i++) {
		const char *arg = NULL;

		bpf_probe_read_user(&arg, sizeof(arg), &argv[i]);
		if (!arg)
			break;
		if (i >= max_args) {
			e->truncated = 1;
			break;
		}
		if (execsnoop_copy_arg(e, (__u64)arg))
			break;
	}
	bpf_map_update_elem(&inflight, &tid, e, BPF_ANY);
}

static __always_inline void exec_exit(long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct execsnoop_event *e = bpf_map_lookup_elem(&inflight, &tid);
	__u32 size;

	if (!e)
		return;
	if ((!failed_only || ret < 0) && cb_task_selected()) {
		e->ret = ret;
		bpf_get_current_comm(e->comm, sizeof(e->comm));
		size = e->args_size;
		if (size > EXECSNOOP_ARGS_BYTES)
			size = EXECSNOOP_ARGS_BYTES;
		cb_event_output(e, offsetof(struct execsnoop_event, args) + size);
	}
	bpf_map_delete_elem(&inflight, &tid);
}

SEC("tracepoint/syscalls/sys_enter_execve")
int execve_enter(struct trace_event_raw_sys_enter *ctx)
{
	exec_enter((const char *const *)ctx->args[1]);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_execveat")
int execveat_enter(struct trace_event_raw_sys_enter *ctx)
{
	exec_enter((const char *const *)ctx->args[2]);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_execve")
int execve_exit(struct trace_event_raw_sys_exit *ctx)
{
	exec_exit(ctx->ret);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_execveat")
int execveat_exit(struct trace_event_raw_sys_exit *ctx)
{
	exec_exit(ctx->ret);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
