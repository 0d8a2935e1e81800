/*
 * Blocks in one system call with a timeout, over and over, and reports on standard error every
 * call that does not end as asked: a call the filter denied (EPERM), one a stop interrupted
 * (EINTR), one that returned early. Used by DumpSafetyIT to prove that an audit leaves it alone.
 *
 * usage: waiter futex|poll|nanosleep SECONDS
 */
#include <errno.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: waiter futex|poll|nanosleep SECONDS\n");
        return 2;
    }
    const char *mode = argv[1];
    long seconds = atol(argv[2]);
    int word = 0;
    for (;;) {
        struct timespec timeout = {seconds, 0};
        long result;
        int expected = 0;
        if (strcmp(mode, "futex") == 0) {
            result = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &timeout, NULL, 0);
            expected = ETIMEDOUT;
        } else if (strcmp(mode, "poll") == 0) {
            result = syscall(SYS_poll, NULL, 0, (int) (seconds * 1000));
        } else {
            result = syscall(SYS_nanosleep, &timeout, NULL);
        }
        if ((result == 0 && expected != 0) || (result < 0 && errno != expected)) {
            fprintf(stderr, "FAILED %s: result %ld, errno %d\n", mode, result, errno);
            fflush(stderr);
        }
    }
}
