/* x86_64: the syscall number and arguments in the saved user registers. The kernel never
 * writes the argument registers on the way out (only ax, with the result), so they still
 * hold the arguments at syscall exit. Included by corebox/syscall.bpf.h only. */
#pragma once
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>

static __always_inline long cb_regs_syscall_nr(struct pt_regs *regs)
{
	return BPF_CORE_READ(regs, orig_ax);
}

/* One copy of the registers instead of a read per argument: each helper call costs tens
 * of nanoseconds on the traced task. */
static __always_inline int cb_regs_syscall_args(struct pt_regs *regs, __u64 arg[6])
{
	struct pt_regs r;

	if (bpf_core_read(&r, sizeof(r), regs))
		return -1;
	arg[0] = r.di;
	arg[1] = r.si;
	arg[2] = r.dx;
	arg[3] = r.r10; /* the syscall ABI's fourth register: rcx holds the return address */
	arg[4] = r.r8;
	arg[5] = r.r9;
	return 0;
}
