/* corebox-rt-thread: a dynamically linked program for the threadsnoop cases (and an
 * ELF fixture for the unit tests): creates one thread whose start routine has a name
 * nothing else uses, joins it, then stays alive for argv[1] milliseconds so the
 * tracer can still read its /proc/PID/maps. */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

__attribute__((noinline, used)) void *corebox_rt_thread_start(void *arg)
{
	__asm__ volatile("" ::: "memory");
	return arg;
}

int main(int argc, char **argv)
{
	long ms = argc > 1 ? atol(argv[1]) : 0;
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	pthread_t t;

	if (pthread_create(&t, NULL, corebox_rt_thread_start, NULL) != 0)
		return 1;
	pthread_join(t, NULL);
	nanosleep(&ts, NULL);
	return 0;
}
