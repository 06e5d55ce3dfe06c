/*
 * Secret-taint check (the ctgrind technique), run under valgrind memcheck
 * by .ci/check-taint.sh:
 *     valgrind --suppressions=ctests/checks/declassify.supp ./taint NAME...
 * Before each call its secret inputs are marked undefined, and so is every
 * random byte the library draws (entropy_hook.h). Memcheck then reports
 * every conditional branch and every memory address that depends on a
 * secret: each is a timing or cache leak. The allowed ones are the
 * declassification points, all in one table: declassify.supp (inside the
 * library) and, here, the results a caller is meant to branch on:
 *   - F_VERDICT: the status (and matched counter, compare_digest's bool)
 *     of a verification is its verdict: made defined before it is checked;
 *   - every other status and every public result (sizes, lengths, entropy
 *     figures) must come out defined: a status that depends on a secret
 *     is itself a leak, so it is checked with VALGRIND_CHECK_MEM_IS_DEFINED.
 * Outside valgrind the client requests do nothing: `./taint NAME` then
 * only runs the calls (a smoke test).
 */
#include "entropy_hook.h"
#include "calls.h"

/*
 * Declassification point: secrets_core::declassify::declassify_len, the
 * identity function the core passes public counts through (base32_decode's
 * character counts, which give the decoded length it returns). The core
 * cannot make a value defined itself (no unsafe code, no client requests),
 * so this wrapper (valgrind function wrapping, matched by name in
 * libsecrets.so*: `*declassify_len*` Z-encoded) calls it and marks its
 * result defined. Listed in declassify.supp with the other points. If the
 * function is renamed the wrap stops matching and base32_decode fails the
 * check again, so the entry cannot go stale silently.
 */
size_t I_WRAP_SONAME_FNNAME_ZZ(libsecretsZdsoZa, ZadeclassifyZulenZa)(size_t n);
size_t I_WRAP_SONAME_FNNAME_ZZ(libsecretsZdsoZa, ZadeclassifyZulenZa)(size_t n) {
    OrigFn fn;
    size_t r;
    VALGRIND_GET_ORIG_FN(fn);
    CALL_FN_W_W(r, fn, n);
    VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
    return r;
}

static int run_one(const struct call *c) {
    if (!c->fn) {
        printf("absent %s (not exported by this library)\n", c->name);
        return 0;
    }
    prepare(c);
    for (int i = 0; i < cx.nsec; i++) VALGRIND_MAKE_MEM_UNDEFINED(cx.sec[i].p, cx.sec[i].n);
    hook_begin();
    c->call();
    hook_end();
    if (c->flags & F_VERDICT) {
        /* Declassification: the verdict, which the caller must branch on. */
        VALGRIND_MAKE_MEM_DEFINED(&cx.status, sizeof cx.status);
        VALGRIND_MAKE_MEM_DEFINED(&cx.verdict, sizeof cx.verdict);
        for (int i = 0; i < cx.npub; i++) VALGRIND_MAKE_MEM_DEFINED(cx.pub[i].p, cx.pub[i].n);
    }
    int bad = 0;
    if (cx.has_status && VALGRIND_CHECK_MEM_IS_DEFINED(&cx.status, sizeof cx.status)) {
        fprintf(stderr, "%s: the status depends on a secret\n", c->name);
        bad = 1;
    }
    for (int i = 0; i < cx.npub; i++)
        if (VALGRIND_CHECK_MEM_IS_DEFINED(cx.pub[i].p, cx.pub[i].n)) {
            fprintf(stderr, "%s: the %s depends on a secret\n", c->name, cx.pub[i].what);
            bad = 1;
        }
    /* Reported once is enough: make them defined before looking at them. */
    VALGRIND_MAKE_MEM_DEFINED(&cx.status, sizeof cx.status);
    VALGRIND_MAKE_MEM_DEFINED(&cx.verdict, sizeof cx.verdict);
    if ((c->flags & F_DRAWS) && hook_requests == 0) {
        fprintf(stderr,
                "%s: no random bytes passed through getrandom()/syscall(): they were "
                "not tainted (vDSO path not forced off?)\n",
                c->name);
        bad = 1;
    }
    if (cx.has_status && cx.status != SECRETS_OK) {
        fprintf(stderr, "%s: returned %d (%s), expected SECRETS_OK\n", c->name, (int)cx.status,
                secrets_strerror(cx.status));
        bad = 1;
    }
    if (c->flags & F_VERDICT && !cx.has_status && !cx.verdict) {
        fprintf(stderr, "%s: returned false, expected true\n", c->name);
        bad = 1;
    }
    printf("%s %s (%lu random requests, %zu bytes)\n", bad ? "FAIL" : "ran ", c->name,
           hook_requests, hook_drawn_len);
    return bad;
}

int main(int argc, char **argv) {
    if (argc == 2 && !strcmp(argv[1], "--list")) return list_calls();
    int bad = 0;
    if (argc == 1)
        for (size_t i = 0; i < NCALLS; i++) bad |= run_one(&CALLS[i]);
    for (int i = 1; i < argc; i++) {
        const struct call *c = find_call(argv[i]);
        if (!c) {
            fprintf(stderr, "unknown function %s\n", argv[i]);
            return 2;
        }
        bad |= run_one(c);
    }
    return bad;
}
