/* The floor tracer's loader: attach the two counting programs, print "floor: attached",
 * wait for SIGINT or SIGTERM, then print "floor: E enter, X exit" and detach.
 * Linked statically like corebox, so its start-up is comparable too. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bench_floor.skel.h"

/* libbpf 1.1 looks up tracepoint ids under debugfs, which a fresh machine may not have
 * mounted. */
static void ensure_debugfs(void)
{
	if (access("/sys/kernel/debug/tracing/events", F_OK) == 0)
		return;
	if (mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) && errno != EBUSY)
		fprintf(stderr, "floor: mount debugfs: %s\n", strerror(errno));
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, ap) : 0;
}

static int sum_slot(int map_fd, __u32 slot, unsigned long long *out)
{
	int ncpu = libbpf_num_possible_cpus();
	unsigned long long *v;

	if (ncpu <= 0 || !(v = calloc((size_t)ncpu, sizeof(*v))))
		return -1;
	*out = 0;
	if (bpf_map_lookup_elem(map_fd, &slot, v) == 0)
		for (int i = 0; i < ncpu; i++)
			*out += v[i];
	free(v);
	return 0;
}

int main(void)
{
	struct bench_floor_bpf *skel;
	unsigned long long enter = 0, exit_ = 0;
	sigset_t stop;
	int sig, err;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, NULL);
	libbpf_set_print(quiet);
	ensure_debugfs();

	skel = bench_floor_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "floor: load: %s\n", strerror(errno));
		return 1;
	}
	err = bench_floor_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "floor: attach: %s\n", strerror(-err));
		bench_floor_bpf__destroy(skel);
		return 1;
	}
	printf("floor: attached\n");
	fflush(stdout);

	sigwait(&stop, &sig);
	sum_slot(bpf_map__fd(skel->maps.counts), 0, &enter);
	sum_slot(bpf_map__fd(skel->maps.counts), 1, &exit_);
	bench_floor_bpf__destroy(skel);
	printf("floor: %llu enter, %llu exit\n", enter, exit_);
	return 0;
}
