/*
 * Failure injection: a seccomp filter makes the getrandom syscall fail
 * with the given errno, then every generator (the F_DRAWS entries of
 * calls.h) must return SECRETS_ERR_ENTROPY with its whole output zeroed,
 * and never weak bytes:
 *   round 1  right after the filter is installed;
 *   round 2  after closing every descriptor above 2 and opening a file of
 *            'A' bytes on the freed numbers, which is what a daemon that
 *            closes its descriptors and opens a file looks like to a
 *            library that cached a /dev/urandom descriptor.
 * A generator that succeeds while getrandom fails is accepted only for
 * ENOSYS/EPERM (a kernel without the syscall: a per-call /dev/urandom
 * fallback that checks the device is allowed) and only if its output is
 * not weak: of eight calls, not all may give the same output (bytes read
 * from the 'A' file make every call give the same one; by chance, even
 * the 40-item choice repeats 8 times with probability 40^-7).
 *     seccomp_fail ENOSYS|EPERM|EIO|EAGAIN   filter, then both rounds
 *     seccomp_fail none                           no filter (with
 *         SECRETS_ENTROPY_PATH=fail every call must fail all the same)
 * seccomp cannot fail a request the vDSO serves from its state pages:
 * .ci/check-seccomp.sh forces the syscall path (SECRETS_ENTROPY_PATH=syscall)
 * and reports what the default path does.
 */
#define _GNU_SOURCE
#include "calls.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__i386__)
#define ARCH AUDIT_ARCH_I386
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#else
#error "add this architecture's AUDIT_ARCH"
#endif

static int install_filter(int err) {
    struct sock_filter prog[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getrandom, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog fprog = {sizeof prog / sizeof prog[0], prog};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) return -1;
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog);
}

static int all_zero(const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i]) return 0;
    return 1;
}

static int fallback_allowed;

/* One generator: 0 if it failed closed (or, where allowed, succeeded with
 * output that is not weak). */
static int check(const struct call *c, const char *round) {
    enum { CALLS_EACH = 8 };
    unsigned char seen[CALLS_EACH][512];
    int ok_calls = 0;
    for (int i = 0; i < CALLS_EACH; i++) {
        prepare(c);
        /* Poison the output, unless it is also the input (shuffle). */
        if (!cx.nsec || cx.sec[0].p != cx.res.p) memset((void *)cx.res.p, 0xAA, cx.res.n);
        c->call();
        if (cx.status == SECRETS_ERR_ENTROPY) {
            if (!all_zero(cx.res.p, cx.res.n)) {
                printf("FAIL %-28s %s: SECRETS_ERR_ENTROPY but the output is not zeroed\n",
                       c->name, round);
                return 1;
            }
            continue;
        }
        if (cx.status != SECRETS_OK) {
            printf("FAIL %-28s %s: returned %d (%s)\n", c->name, round, (int)cx.status,
                   secrets_strerror(cx.status));
            return 1;
        }
        memcpy(seen[ok_calls++], cx.res.p, cx.res.n);
    }
    if (ok_calls == 0) {
        printf("ok   %-28s %s: SECRETS_ERR_ENTROPY, output zeroed\n", c->name, round);
        return 0;
    }
    int same = 1;
    for (int i = 1; i < ok_calls; i++) same &= !memcmp(seen[0], seen[i], cx.res.n);
    if (ok_calls > 1 && same) {
        printf("FAIL %-28s %s: SECRETS_OK with weak bytes (%d calls, one output)\n", c->name,
               round, ok_calls);
        return 1;
    }
    if (!fallback_allowed || ok_calls != CALLS_EACH) {
        printf("FAIL %-28s %s: SECRETS_OK although the random source failed (%d of %d calls)\n",
               c->name, round, ok_calls, CALLS_EACH);
        return 1;
    }
    printf("ok   %-28s %s: SECRETS_OK from a fallback source, output not weak\n", c->name, round);
    return 0;
}

static void hijack_descriptors(void);

/* Every generator; `hijack`: with fresh 'A' files on the descriptors first. */
static int round_all(const char *round, int hijack, int *passed) {
    int failed = 0;
    for (size_t i = 0; i < NCALLS; i++)
        if (CALLS[i].fn && CALLS[i].flags & F_DRAWS) {
            if (hijack) hijack_descriptors();
            if (check(&CALLS[i], round)) failed++;
            else ++*passed;
        }
    return failed;
}

/* What a daemonising program does: close every descriptor but 0-2, then
 * open files. Each freed number now reads 'A' bytes. */
static void hijack_descriptors(void) {
    char path[] = "/tmp/secrets-hijack-XXXXXX";
    int fd = mkstemp(path);
    static char as[1 << 16];
    memset(as, 'A', sizeof as);
    if (fd < 0 || write(fd, as, sizeof as) != (ssize_t)sizeof as) {
        perror("hijack file");
        exit(2);
    }
    close(fd);
    for (int d = 3; d < 1024; d++) close(d);
    for (int i = 0; i < 64; i++)
        if (open(path, O_RDONLY) < 0) break;
    unlink(path);
}

int main(int argc, char **argv) {
    static const struct {
        const char *name;
        int value;
    } errnos[] = {{"ENOSYS", ENOSYS}, {"EPERM", EPERM}, {"EIO", EIO},
                  {"EAGAIN", EAGAIN}, {"none", 0}};
    /* Not EINTR: a source retries an interrupted call, as it should, and a
     * filter answering EINTR forever would only make it spin. */
    if (argc == 2 && !strcmp(argv[1], "--list")) return list_calls();
    int err = -1;
    for (size_t i = 0; argc == 2 && i < sizeof errnos / sizeof errnos[0]; i++)
        if (!strcmp(argv[1], errnos[i].name)) err = errnos[i].value;
    if (err < 0) {
        fprintf(stderr, "usage: %s ENOSYS|EPERM|EIO|EAGAIN|none\n", argv[0]);
        return 2;
    }
    if (err && install_filter(err)) {
        perror("seccomp");
        return 2;
    }
    fallback_allowed = err == ENOSYS || err == EPERM;
    int passed = 0, failed = 0;
    char round[64];
    snprintf(round, sizeof round, "[%s]", argv[1]);
    failed += round_all(round, 0, &passed);
    snprintf(round, sizeof round, "[%s, fds hijacked]", argv[1]);
    failed += round_all(round, 1, &passed);
    printf("seccomp %s: %d passed, %d failed\n", argv[1], passed, failed);
    return failed ? 1 : 0;
}
