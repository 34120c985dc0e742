/* arm64 syscall numbers: include/uapi/asm-generic/unistd.h. No open(), creat(), unlink(),
 * stat() or lstat(): libc calls openat(), unlinkat() and newfstatat() instead. */
#pragma once

#define CB_NR_unlinkat 35
#define CB_NR_umount2 39
#define CB_NR_mount 40
#define CB_NR_statfs 43
#define CB_NR_openat 56
#define CB_NR_newfstatat 79
#define CB_NR_sync 81
#define CB_NR_fsync 82
#define CB_NR_fdatasync 83
#define CB_NR_sync_file_range 84
#define CB_NR_kill 129
#define CB_NR_tkill 130
#define CB_NR_tgkill 131
#define CB_NR_getppid 173
#define CB_NR_execve 221
#define CB_NR_msync 227
#define CB_NR_syncfs 267
#define CB_NR_execveat 281
#define CB_NR_statx 291
#define CB_NR_move_mount 429
#define CB_NR_fsopen 430
#define CB_NR_fsconfig 431
#define CB_NR_fsmount 432
#define CB_NR_openat2 437
