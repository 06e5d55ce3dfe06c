/*
 * Stack residue check, run natively by .ci/check-residue.sh: after each
 * exported function returns, the stack it used is dead but still holds
 * whatever its frames left there. This program
 *   1. zeroes DEPTH bytes of stack below a deep frame,
 *   2. makes the one call from that frame (calls.h, known secrets),
 *   3. returns to a frame far above it and scans the dead bytes for any
 *      8-byte window of: the secret inputs (keys, key ^ ipad/opad, codes,
 *      tags, encoded keys), the secret outputs (tags, tokens, passwords,
 *      decoded keys) and every random byte the library drew (entropy_hook.h
 *      records them when they pass through getrandom()/syscall()).
 * Any hit is a copy of a secret left behind: the check fails. It also
 * prints how deep each function wrote (the deepest non-zero byte), the
 * figure a stack scrub must cover.
 *     ./residue [NAME...]      (no name: every function)
 */
#include "entropy_hook.h"
#include "calls.h"

#include <stdlib.h>

#define DEPTH (256 * 1024) /* scanned below the calling frame */
#define PAD (64 * 1024)    /* keeps the scanning frames above the dead stack */
#define WINDOW 8

static unsigned char *dead_top; /* the lowest byte of the calling frame's pad */

__attribute__((noinline)) static void paint(void) {
    unsigned char buf[DEPTH];
    memset(buf, 0, sizeof buf);
    __asm__ volatile("" : : "r"(buf) : "memory");
}

/* The deep frame: the library's frames go right below `pad`. */
__attribute__((noinline)) static void deep_call(const struct call *c) {
    volatile unsigned char pad[PAD];
    pad[0] = 0;
    dead_top = (unsigned char *)pad;
    paint();
    hook_begin();
    c->call();
    hook_end();
    __asm__ volatile("" : : "r"(pad) : "memory");
}

/* A small open-addressing set of 8-byte windows and what they came from. */
#define SLOTS (1u << 17)
static uint64_t set_key[SLOTS];
static const char *set_what[SLOTS];

static uint64_t window_at(const unsigned char *p) {
    uint64_t w;
    memcpy(&w, p, WINDOW);
    return w;
}

static size_t slot_of(uint64_t w) { return (size_t)((w * 0x9e3779b97f4a7c15u) >> 47); }

static void set_add(const unsigned char *p, size_t n, const char *what) {
    size_t len = n < WINDOW ? 0 : n - WINDOW + 1;
    for (size_t i = 0; i < len; i++) {
        uint64_t w = window_at(p + i);
        if (w == 0) continue; /* the paint */
        size_t s = slot_of(w);
        while (set_what[s] && set_key[s] != w) s = (s + 1) & (SLOTS - 1);
        set_key[s] = w;
        set_what[s] = what;
    }
}

static const char *set_find(uint64_t w) {
    for (size_t s = slot_of(w); set_what[s]; s = (s + 1) & (SLOTS - 1))
        if (set_key[s] == w) return set_what[s];
    return NULL;
}

static int run_one(const struct call *c) {
    if (!c->fn) {
        printf("absent %s (not exported by this library)\n", c->name);
        return 0;
    }
    /* A first call outside the measured one: anything done once per
     * process (lazy binding, which saves vector registers on the stack;
     * resolving the OS source) is not what this check is about. */
    prepare(c);
    c->call();
    prepare(c);
    deep_call(c);
    /* The call is over: copy the dead stack out before anything else runs
     * below this frame, then build the patterns (outputs and draws are
     * known only now). */
    static unsigned char dead[DEPTH];
    memcpy(dead, dead_top - DEPTH, DEPTH);
    memset(set_what, 0, sizeof set_what);
    for (int i = 0; i < cx.nsec; i++) set_add(cx.sec[i].p, cx.sec[i].n, cx.sec[i].what);
    for (int i = 0; i < cx.nout; i++) set_add(cx.out[i].p, cx.out[i].n, cx.out[i].what);
    set_add(hook_drawn, hook_drawn_len, "random bytes drawn");

    size_t used = 0; /* bytes below the calling frame the call wrote */
    for (size_t i = 0; i < DEPTH; i++)
        if (dead[i]) {
            used = DEPTH - i;
            break;
        }
    int copies = 0;
    const char *first = NULL;
    size_t first_at = 0;
    for (size_t i = DEPTH - used; i + WINDOW <= DEPTH; i++) {
        const char *what = set_find(window_at(dead + i));
        if (what) {
            if (!copies) first = what, first_at = DEPTH - i;
            copies++;
            i += WINDOW - 1; /* count a copy once, not once per offset */
        }
    }
    int bad = copies > 0;
    if ((c->flags & F_DRAWS) && hook_requests == 0) {
        printf("note %s: no random bytes passed through getrandom()/syscall() "
               "(vDSO?): only its outputs were looked for\n",
               c->name);
    }
    if (cx.has_status && cx.status != SECRETS_OK) {
        printf("FAIL %s: returned %d, expected SECRETS_OK\n", c->name, (int)cx.status);
        bad = 1;
    }
    if (copies)
        printf("FAIL %-36s stack used %6zu B: %d secret copies, e.g. %s at %zu B below the caller\n",
               c->name, used, copies, first, first_at);
    else
        printf("ok   %-36s stack used %6zu B: clean\n", c->name, used);
    return bad;
}

int main(int argc, char **argv) {
    if (argc == 2 && !strcmp(argv[1], "--list")) return list_calls();
    int passed = 0, failed = 0;
    for (size_t i = 0; i < NCALLS || argc > 1; i++) {
        const struct call *c = &CALLS[i];
        if (argc > 1) {
            if ((int)i + 1 >= argc) break;
            if (!(c = find_call(argv[i + 1]))) {
                fprintf(stderr, "unknown function %s\n", argv[i + 1]);
                return 2;
            }
        }
        if (run_one(c)) failed++;
        else if (c->fn) passed++;
    }
    printf("residue: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
