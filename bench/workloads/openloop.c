/* openloop: the traced workload for the per-event overhead rows.
 *
 *   openloop PATH N [WARMUP]
 *
 * Opens and closes PATH (read-only) WARMUP times untimed, then N times timed, and prints
 * one line:  iterations=N warmup=W ns_per_op=X cpu_ns_per_op=Y
 * X is wall time, Y the thread's CPU time (user + system, which includes the BPF programs
 * run in its syscalls): Y does not grow when other processes take the CPU away, so it is
 * the steadier measure on a shared machine. openat() is what glibc's open() calls, so
 * each iteration is one openat + one close. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int open_close(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: openloop PATH N [WARMUP]\n");
		return 2;
	}
	const char *path = argv[1];
	long n = atol(argv[2]);
	long warmup = argc > 3 ? atol(argv[3]) : 0;

	if (n <= 0 || warmup < 0) {
		fprintf(stderr, "openloop: N must be > 0 and WARMUP >= 0\n");
		return 2;
	}
	for (long i = 0; i < warmup; i++)
		if (open_close(path)) {
			perror(path);
			return 1;
		}
	double t0 = now_ns(CLOCK_MONOTONIC), c0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
	for (long i = 0; i < n; i++)
		if (open_close(path)) {
			perror(path);
			return 1;
		}
	double t1 = now_ns(CLOCK_MONOTONIC), c1 = now_ns(CLOCK_THREAD_CPUTIME_ID);
	printf("iterations=%ld warmup=%ld ns_per_op=%.1f cpu_ns_per_op=%.1f\n", n, warmup, (t1 - t0) / (double)n,
	       (c1 - c0) / (double)n);
	return 0;
}
