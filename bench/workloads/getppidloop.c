/* getppidloop: the workload for the unrelated-syscall rows.
 *
 *   getppidloop N [WARMUP]
 *
 * Calls getppid() WARMUP times untimed, then N times timed, and prints one line in the
 * format of openloop:  iterations=N warmup=W ns_per_op=X cpu_ns_per_op=Y
 * getppid is a syscall no corebox tool traces: whatever a tracer adds to it is the cost
 * its hooks put on every other program's syscalls (a raw tracepoint on sys_enter/sys_exit
 * runs for all of them; a per-syscall tracepoint only checks a bit). It is called through
 * syscall(2) so that no libc ever answers it from a cache. Y, the thread's CPU time, holds
 * the BPF programs run in its syscalls and does not grow while other processes hold the
 * CPU. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: getppidloop N [WARMUP]\n");
		return 2;
	}
	long n = atol(argv[1]);
	long warmup = argc > 2 ? atol(argv[2]) : 0;

	if (n <= 0 || warmup < 0) {
		fprintf(stderr, "getppidloop: N must be > 0 and WARMUP >= 0\n");
		return 2;
	}
	/* The sum keeps the calls from being treated as dead code. */
	long sum = 0;
	for (long i = 0; i < warmup; i++)
		sum += syscall(SYS_getppid);
	double t0 = now_ns(CLOCK_MONOTONIC), c0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
	for (long i = 0; i < n; i++)
		sum += syscall(SYS_getppid);
	double t1 = now_ns(CLOCK_MONOTONIC), c1 = now_ns(CLOCK_THREAD_CPUTIME_ID);
	if (sum <= 0) {
		fprintf(stderr, "getppidloop: getppid() returned nothing sensible\n");
		return 1;
	}
	printf("iterations=%ld warmup=%ld ns_per_op=%.1f cpu_ns_per_op=%.1f\n", n, warmup, (t1 - t0) / (double)n,
	       (c1 - c0) / (double)n);
	return 0;
}
