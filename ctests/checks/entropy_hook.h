/*
 * Sees the random bytes the library draws: this program defines
 * `getrandom` and `syscall`, so the library's calls to them (through libc,
 * the syscall path of its OS source) land here first, are passed on to the
 * real ones, and the bytes the kernel wrote are then
 *   - recorded (`hook_drawn`), for the stack residue scan, and
 *   - marked undefined under valgrind, for the secret-taint check: taint
 *     applies to the very bytes the library reads, wherever it keeps them
 *     (marking the output after the call would miss its internal pools).
 * A vDSO request does not pass through here: the checks force the syscall
 * path (`SECRETS_ENTROPY_PATH=syscall`; valgrind hides the vDSO anyway),
 * and `hook_requests` lets them prove that the bytes were seen.
 * Link with -rdynamic (or -Wl,-E) so that the shared library binds to these
 * definitions, and -ldl.
 */
#ifndef SECRETS_CHECKS_ENTROPY_HOOK_H
#define SECRETS_CHECKS_ENTROPY_HOOK_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <valgrind/memcheck.h>

#define HOOK_MAX_DRAWN 65536

static unsigned char hook_drawn[HOOK_MAX_DRAWN];
static size_t hook_drawn_len;
static unsigned long hook_requests;
static int hook_active; /* record and taint only between hook_begin/hook_end */

static void hook_begin(void) {
    hook_drawn_len = 0;
    hook_requests = 0;
    hook_active = 1;
}

static void hook_end(void) { hook_active = 0; }

typedef long (*hook_syscall_fn)(long, ...);

static long hook_real_getrandom(void *buf, size_t len, unsigned int flags) {
    static hook_syscall_fn real;
    if (!real) real = (hook_syscall_fn)dlsym(RTLD_NEXT, "syscall");
    return real(SYS_getrandom, buf, len, flags);
}

static void hook_filled(void *buf, long got) {
    if (!hook_active || got <= 0) return;
    hook_requests++;
    size_t n = (size_t)got;
    size_t room = HOOK_MAX_DRAWN - hook_drawn_len;
    memcpy(hook_drawn + hook_drawn_len, buf, n < room ? n : room);
    hook_drawn_len += n < room ? n : room;
    /* A no-op outside valgrind. */
    VALGRIND_MAKE_MEM_UNDEFINED(buf, n);
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags) {
    long got = hook_real_getrandom(buf, len, flags); /* -1 and errno on error */
    hook_filled(buf, got);
    return got;
}

/* Every syscall but getrandom goes straight through; the six argument
 * registers are passed on whatever the call uses. */
long syscall(long number, ...) {
    static hook_syscall_fn real;
    if (!real) real = (hook_syscall_fn)dlsym(RTLD_NEXT, "syscall");
    va_list ap;
    va_start(ap, number);
    long a[6];
    for (int i = 0; i < 6; i++) a[i] = va_arg(ap, long);
    va_end(ap);
    long got = real(number, a[0], a[1], a[2], a[3], a[4], a[5]);
    if (number == SYS_getrandom && got > 0) hook_filled((void *)a[0], got);
    return got;
}

#endif
