/* The common task filter (cli::TaskFilter): -p, -t, -u, -n, --cgroup.
 * User space sets these read-only globals before load, so the verifier prunes the
 * checks a run does not use. */
#pragma once
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <corebox/abi.h>

const volatile __u32 cb_targ_tgid = 0;
const volatile __u32 cb_targ_tid = 0;
const volatile bool cb_filter_uid = false;
const volatile __u32 cb_targ_uid = 0;
const volatile __u32 cb_targ_comm_len = 0; /* 0: no comm filter */
const volatile char cb_targ_comm[CB_COMM_LEN] = {};
const volatile bool cb_filter_cgroup = false;

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cb_cgroup SEC(".maps");

/* -n NAME matches a substring of the task's comm, as in bcc. */
static __always_inline bool cb_comm_matches(void)
{
	char comm[CB_COMM_LEN];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < CB_COMM_LEN; i++) {
		bool hit = true;

		if (i + cb_targ_comm_len > CB_COMM_LEN - 1)
			return false;
		for (int j = 0; j < CB_COMM_LEN - 1; j++) {
			if (j >= cb_targ_comm_len)
				break;
			if (comm[(i + j) & (CB_COMM_LEN - 1)] != cb_targ_comm[j]) {
				hit = false;
				break;
			}
		}
		if (hit)
			return true;
	}
	return false;
}

/* True if the current task passes every filter the user asked for. */
static __always_inline bool cb_task_selected(void)
{
	__u64 id = bpf_get_current_pid_tgid();

	if (cb_targ_tgid && (id >> 32) != cb_targ_tgid)
		return false;
	if (cb_targ_tid && (__u32)id != cb_targ_tid)
		return false;
	if (cb_filter_uid && (__u32)bpf_get_current_uid_gid() != cb_targ_uid)
		return false;
	if (cb_targ_comm_len && !cb_comm_matches())
		return false;
	if (cb_filter_cgroup && !bpf_current_task_under_cgroup(&cb_cgroup, 0))
		return false;
	return true;
}
