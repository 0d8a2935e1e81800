/*
 * Test helper: builds a filter with libseccomp from rules read on standard input and writes it
 * with seccomp_export_bpf on standard output. One directive per line:
 *   arch x86|x32                     add an architecture (the native one is always there)
 *   default ACTION                   (first line) the default action, as a hex number
 *   rule ACTION NAME [INDEX OP VALUE DATUM]...   OP: eq ne lt le gt ge meq
 */
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static enum scmp_compare op(const char *name) {
    if (!strcmp(name, "eq")) return SCMP_CMP_EQ;
    if (!strcmp(name, "ne")) return SCMP_CMP_NE;
    if (!strcmp(name, "lt")) return SCMP_CMP_LT;
    if (!strcmp(name, "le")) return SCMP_CMP_LE;
    if (!strcmp(name, "gt")) return SCMP_CMP_GT;
    if (!strcmp(name, "ge")) return SCMP_CMP_GE;
    return SCMP_CMP_MASKED_EQ;
}

int main(void) {
    char line[4096];
    scmp_filter_ctx ctx = NULL;
    while (fgets(line, sizeof line, stdin)) {
        char *words[64];
        int count = 0;
        for (char *word = strtok(line, " \t\n"); word && count < 64; word = strtok(NULL, " \t\n")) {
            words[count++] = word;
        }
        if (count == 0) continue;
        if (!strcmp(words[0], "default")) {
            ctx = seccomp_init((uint32_t) strtoul(words[1], NULL, 16));
            if (!ctx) { fprintf(stderr, "seccomp_init failed\n"); return 2; }
        } else if (!strcmp(words[0], "arch")) {
            uint32_t arch = seccomp_arch_resolve_name(words[1]);
            if (!arch || seccomp_arch_add(ctx, arch)) { fprintf(stderr, "arch %s refused\n", words[1]); return 2; }
        } else if (!strcmp(words[0], "rule")) {
            struct scmp_arg_cmp args[6];
            unsigned n = 0;
            for (int i = 3; i + 3 < count + 0 && n < 6; i += 4) {
                args[n].arg = (unsigned) atoi(words[i]);
                args[n].op = op(words[i + 1]);
                args[n].datum_a = strtoull(words[i + 2], NULL, 16);
                args[n].datum_b = strtoull(words[i + 3], NULL, 16);
                n++;
            }
            int nr = seccomp_syscall_resolve_name(words[2]);
            int rc = seccomp_rule_add_array(ctx, (uint32_t) strtoul(words[1], NULL, 16), nr, n, args);
            if (rc) { fprintf(stderr, "rule %s refused: %d\n", words[2], rc); return 2; }
        }
    }
    return seccomp_export_bpf(ctx, STDOUT_FILENO) ? 2 : 0;
}
