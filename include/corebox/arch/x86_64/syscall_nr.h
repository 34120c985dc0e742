/* x86_64 (64-bit ABI) syscall numbers: arch/x86/entry/syscalls/syscall_64.tbl. */
#pragma once

#define CB_NR_open 2
#define CB_NR_stat 4
#define CB_NR_lstat 6
#define CB_NR_msync 26
#define CB_NR_execve 59
#define CB_NR_kill 62
#define CB_NR_fsync 74
#define CB_NR_fdatasync 75
#define CB_NR_creat 85
#define CB_NR_unlink 87
#define CB_NR_getppid 110
#define CB_NR_statfs 137
#define CB_NR_sync 162
#define CB_NR_mount 165
#define CB_NR_umount2 166
#define CB_NR_tkill 200
#define CB_NR_tgkill 234
#define CB_NR_openat 257
#define CB_NR_newfstatat 262
#define CB_NR_unlinkat 263
#define CB_NR_sync_file_range 277
#define CB_NR_syncfs 306
#define CB_NR_execveat 322
#define CB_NR_statx 332
#define CB_NR_move_mount 429
#define CB_NR_fsopen 430
#define CB_NR_fsconfig 431
#define CB_NR_fsmount 432
#define CB_NR_openat2 437
