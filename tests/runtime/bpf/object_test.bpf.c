/* A BPF object with no skeleton, for tests/runtime/object_test.cpp: bpf::Object sets its
 * rodata by name, chooses between its hook variants, and reads its .bss, its event ring
 * and its lost counter, as the language's compiled programs will need. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <corebox/event.bpf.h>
#include <corebox/filter.bpf.h>
#include "object_test.h"

const volatile __u64 magic = 0;
const volatile long target_nr = -1; /* the syscall the tp_btf variant counts */

__u64 hits = 0;
__u64 manual_hits = 0;

static __always_inline void hit(void)
{
	struct object_test_event *e;

	if (!cb_task_selected())
		return;
	__sync_fetch_and_add(&hits, 1);
	e = cb_event_reserve(sizeof(*e));
	if (!e)
		return;
	e->magic = magic;
	e->tgid = bpf_get_current_pid_tgid() >> 32;
	e->pad = 0;
	cb_event_submit(e);
}

SEC("tp_btf/sys_enter")
int BPF_PROG(hit__tp_btf, struct pt_regs *regs, long id)
{
	if (id == target_nr)
		hit();
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getppid")
int hit__tracepoint(void *ctx)
{
	hit();
	return 0;
}

/* Attached by the test through the probe kind table, not by load_and_attach(). */
SEC("tracepoint/syscalls/sys_enter_getpgid")
int manual_getpgid(void *ctx)
{
	if (cb_task_selected())
		__sync_fetch_and_add(&manual_hits, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
