/*
 * Fork safety: a program with four threads busy in the library forks
 * FORKS children; each child makes two 16-byte tokens (and a password)
 * and hands them back through a pipe, the parent makes one after each
 * fork. No two of the 3*FORKS tokens may be equal: a generator state that
 * survived fork (a userspace pool, a vDSO state page not wiped) would give
 * the child the parent's or a sibling's bytes. The child calls only the
 * library, write() and _exit(), as a child of a threaded program must.
 *     ./fork [FORKS]       (default 1000)
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "secrets.h"

#define TOKEN 16

static atomic_int stop;
static atomic_long busy_calls;

static void *busy(void *arg) {
    (void)arg;
    unsigned char buf[64];
    char text[40];
    while (!atomic_load(&stop)) {
        if (secrets_token_bytes(buf, sizeof buf) != SECRETS_OK ||
            secrets_password(text, sizeof text, 20, SECRETS_PASSWORD_DEFAULT) != SECRETS_OK)
            abort();
        atomic_fetch_add(&busy_calls, 1);
    }
    return NULL;
}

static int cmp(const void *a, const void *b) { return memcmp(a, b, TOKEN); }

int main(int argc, char **argv) {
    int forks = argc > 1 ? atoi(argv[1]) : 1000;
    unsigned char(*tokens)[TOKEN] = calloc((size_t)forks * 3, TOKEN);
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) pthread_create(&threads[i], NULL, busy, NULL);
    size_t n = 0;
    int failed = 0;
    for (int i = 0; i < forks; i++) {
        int fds[2];
        if (pipe(fds)) return perror("pipe"), 2;
        pid_t pid = fork();
        if (pid < 0) return perror("fork"), 2;
        if (pid == 0) {
            unsigned char mine[2][TOKEN];
            char pw[24];
            int ok = secrets_token_bytes(mine[0], TOKEN) == SECRETS_OK &&
                     secrets_password(pw, sizeof pw, 20, SECRETS_PASSWORD_DEFAULT) == SECRETS_OK &&
                     secrets_token_bytes(mine[1], TOKEN) == SECRETS_OK;
            _exit(ok && write(fds[1], mine, sizeof mine) == (ssize_t)sizeof mine ? 0 : 1);
        }
        close(fds[1]);
        if (secrets_token_bytes(tokens[n++], TOKEN) != SECRETS_OK) failed++;
        ssize_t got = read(fds[0], tokens[n], 2 * TOKEN);
        close(fds[0]);
        int status;
        waitpid(pid, &status, 0);
        if (got != 2 * TOKEN || !WIFEXITED(status) || WEXITSTATUS(status)) {
            fprintf(stderr, "child %d failed\n", i);
            failed++;
        } else {
            n += 2;
        }
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < 4; i++) pthread_join(threads[i], NULL);
    qsort(tokens, n, TOKEN, cmp);
    int dups = 0;
    for (size_t i = 1; i < n; i++) dups += !memcmp(tokens[i - 1], tokens[i], TOKEN);
    printf("%d forks from a 4-thread program (%ld calls in the threads meanwhile): "
           "%zu tokens, %d duplicates, %d failed calls\n",
           forks, atomic_load(&busy_calls), n, dups, failed);
    int bad = dups || failed;
    printf("fork: %d passed, %d failed\n", bad ? 0 : 1, bad ? 1 : 0);
    return bad;
}
