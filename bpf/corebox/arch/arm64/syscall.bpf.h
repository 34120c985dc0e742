/* arm64: the syscall number and arguments in the saved user registers. x0 carries the
 * first argument in and the result out, so at syscall exit regs[0] holds the result and
 * the argument survives only in orig_x0 (saved at entry, el0_svc_common()). Included by
 * corebox/syscall.bpf.h only.
 *
 * A local flavor of struct pt_regs with only the fields read here: CO-RE matches it to the
 * kernel's by name (the suffix is ignored), and it keeps this header compilable against
 * another architecture's vmlinux.h. */
#pragma once
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>

struct pt_regs___cb_arm64 {
	__u64 regs[31];
	__u64 orig_x0;
	__s32 syscallno;
} __attribute__((preserve_access_index));

static __always_inline long cb_regs_syscall_nr(struct pt_regs *regs)
{
	return BPF_CORE_READ((struct pt_regs___cb_arm64 *)regs, syscallno);
}

static __always_inline int cb_regs_syscall_args(struct pt_regs *regs, __u64 arg[6])
{
	struct pt_regs___cb_arm64 *r = (struct pt_regs___cb_arm64 *)regs;

	/* x1-x5 in one read: they are contiguous in regs[]. */
	if (bpf_core_read(&arg[1], 5 * sizeof(__u64), &r->regs[1]))
		return -1;
	arg[0] = BPF_CORE_READ(r, orig_x0);
	return 0;
}
