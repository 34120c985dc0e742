/* corebox-rt-thread: a dynamically linked program for the threadsnoop and symbolizer
 * cases: creates one thread whose start routine has a name nothing else uses, joins it,
 * then stays alive for argv[1] milliseconds so the tracer can still read its
 * /proc/PID/maps. With argv[2], a FIFO, it first waits for the test to open and close
 * it (the test changes the file system under it meanwhile). corebox-rt-thread-b is
 * the same with another START_ROUTINE: a different file for one path. */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#ifndef START_ROUTINE
#define START_ROUTINE corebox_rt_thread_start
#endif

__attribute__((noinline, used)) void *START_ROUTINE(void *arg)
{
	__asm__ volatile("" ::: "memory");
	return arg;
}

int main(int argc, char **argv)
{
	long ms = argc > 1 ? atol(argv[1]) : 0;
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	pthread_t t;

	if (argc > 2) {
		int fd = open(argv[2], O_RDONLY);
		char c;

		if (fd < 0)
			return 2;
		while (read(fd, &c, 1) > 0)
			;
		close(fd);
	}
	if (pthread_create(&t, NULL, START_ROUTINE, NULL) != 0)
		return 1;
	pthread_join(t, NULL);
	nanosleep(&ts, NULL);
	return 0;
}
