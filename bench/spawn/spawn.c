/* spawn: run a command and report its resource usage, for the benchmark runner.
 *
 *   bench_spawn REPORT_FILE PROG [ARGS...]
 *
 * Writes "pid=N" to REPORT_FILE as soon as PROG is forked, then, once it has exited,
 * "status=S utime_us=U stime_us=T maxrss_kib=R" from wait4(), and exits with PROG's
 * exit code (128+signal if it was killed).
 *
 * Why not wait4 from the runner itself: Linux carries the exec'ing process's old peak
 * RSS over into the new program's ru_maxrss (exec_mmap -> setmax_mm_hiwater_rss), so a
 * program spawned from a 30 MB Python would report at least 30 MB. Forked from this
 * small static process, ru_maxrss is the program's own.
 *
 * The runner signals the program by the pid in REPORT_FILE; if this process is killed,
 * the program gets SIGKILL too (PR_SET_PDEATHSIG). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child;

static void forward(int sig)
{
	if (child > 0)
		kill(child, sig);
}

static int report(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int report(int fd, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return write(fd, buf, (size_t)n) == n ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = {.sa_handler = forward};
	struct rusage ru;
	int status, fd;
	pid_t parent = getpid();

	if (argc < 3) {
		fprintf(stderr, "usage: bench_spawn REPORT_FILE PROG [ARGS...]\n");
		return 2;
	}
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "bench_spawn: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	child = fork();
	if (child < 0) {
		fprintf(stderr, "bench_spawn: fork: %s\n", strerror(errno));
		return 2;
	}
	if (child == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);
		execvp(argv[2], argv + 2);
		fprintf(stderr, "bench_spawn: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	report(fd, "pid=%d\n", (int)child);
	while (wait4(child, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "bench_spawn: wait4: %s\n", strerror(errno));
			return 2;
		}
	report(fd, "status=%d utime_us=%ld stime_us=%ld maxrss_kib=%ld\n", status,
	       (long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec,
	       (long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec, ru.ru_maxrss);
	close(fd);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
