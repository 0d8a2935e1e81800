/*
 * Blocks in one system call with a timeout, over and over, and reports on standard error every
 * call that does not end as asked: a call the filter denied (EPERM), one a stop interrupted
 * (EINTR), one that returned early. Used by DumpSafetyIT to prove that an audit leaves it alone.
 *
 * usage: waiter futex|poll|nanosleep SECONDS
 *        waiter stack N: stacks N copies of a 41-instruction filter of argument tests on itself
 *        (no privilege needed, with no_new_privs), then waits in pause(). Each copy has 2^17 paths:
 *        what a container can do to stall an analysis that enumerates them.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/futex.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int stack(int copies) {
    struct sock_filter code[64];
    int n = 0;
    code[n++] = (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    code[n++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
    code[n++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    for (int i = 0; n < 37; i++) {
        /* A test whose both branches meet again: a diamond, doubling the paths. */
        code[n++] = (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 16 + 8 * (i % 6) + ((i / 6) % 2 ? 4 : 0));
        code[n++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 1u << (i % 31), 0, 0);
    }
    /* Bit 30 of the sixth argument, which no call the program makes sets, decides: errno, else allow. */
    code[n++] = (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 16 + 8 * 5);
    code[n++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 1u << 30, 0, 1);
    code[n++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 1);
    code[n++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    struct sock_fprog program = {.len = (unsigned short) n, .filter = code};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        perror("no_new_privs");
        return 1;
    }
    for (int i = 0; i < copies; i++) {
        if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &program) != 0) {
            perror("seccomp");
            return 1;
        }
    }
    for (;;) {
        pause();
    }
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "stack") == 0) {
        return stack(atoi(argv[2]));
    }
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
