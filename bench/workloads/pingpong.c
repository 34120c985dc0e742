/* pingpong: the scheduler-heavy workload for aggregating tools (runqlat).
 *
 *   pingpong N
 *
 * Two processes pass one byte back and forth over two pipes N times: every round trip
 * is two wakeups and two context switches. Prints one line:
 *   iterations=N ns_per_op=X cpu_ns_per_op=Y cpu=C     (C: the CPU both ran on, -1: unpinned)
 * X: wall nanoseconds per round trip; Y: CPU time of both processes per round trip.
 *
 * Both processes share one CPU (the one the parent starts on, so this works with any
 * number of CPUs): unpinned, the scheduler sometimes puts them on one CPU and sometimes on
 * two, and a round trip then costs 7 or 60 us here (a cross-CPU wakeup in this VM is an
 * IPI and an idle exit), which buries what a tracer adds. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double tv_ns(const struct timeval *tv)
{
	return (double)tv->tv_sec * 1e9 + (double)tv->tv_usec * 1e3;
}

int main(int argc, char **argv)
{
	int ping[2], pong[2];
	char c = 'x';

	if (argc < 2 || atol(argv[1]) <= 0) {
		fprintf(stderr, "usage: pingpong N\n");
		return 2;
	}
	long n = atol(argv[1]);

	cpu_set_t one;
	int cpu = sched_getcpu();

	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (cpu < 0 || sched_setaffinity(0, sizeof(one), &one))
		cpu = -1; /* not allowed: run unpinned, and say so */
	if (pipe(ping) || pipe(pong)) {
		perror("pipe");
		return 1;
	}
	pid_t child = fork();

	if (child < 0) {
		perror("fork");
		return 1;
	}
	if (child == 0) {
		/* The child must not outlive a parent that was killed by a timeout. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(ping[1]);
		close(pong[0]);
		while (read(ping[0], &c, 1) == 1)
			if (write(pong[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(ping[0]);
	close(pong[1]);
	double t0 = now_ns();
	for (long i = 0; i < n; i++) {
		if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1) {
			perror("pingpong");
			kill(child, SIGKILL);
			return 1;
		}
	}
	double t1 = now_ns();
	close(ping[1]);
	waitpid(child, NULL, 0);
	/* Both processes, set-up included: negligible next to N round trips. */
	struct rusage self, kids;

	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &kids);
	double cpu_ns = tv_ns(&self.ru_utime) + tv_ns(&self.ru_stime) + tv_ns(&kids.ru_utime) + tv_ns(&kids.ru_stime);
	printf("iterations=%ld ns_per_op=%.1f cpu_ns_per_op=%.1f cpu=%d\n", n, (t1 - t0) / (double)n,
	       cpu_ns / (double)n, cpu);
	return 0;
}
