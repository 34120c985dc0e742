/* The syscall numbers our tools name, for the architecture being built: the BPF programs
 * filter on them and the front ends name them, so both sides take them from here.
 * CB_NR_<call> is left undefined where an architecture lacks the call (arm64 has no open(),
 * creat(), unlink(), stat() or lstat()): code for such a call sits under #ifdef CB_NR_<call>.
 * The full name tables (every call, both architectures) are in src/sym. */
#pragma once

#if defined(__TARGET_ARCH_x86) || (!defined(__BPF__) && defined(__x86_64__))
#include <corebox/arch/x86_64/syscall_nr.h>
#elif defined(__TARGET_ARCH_arm64) || (!defined(__BPF__) && defined(__aarch64__))
#include <corebox/arch/arm64/syscall_nr.h>
#else
#error "corebox: no syscall numbers for this architecture (x86_64 and arm64 only)"
#endif
