/*
 * Proof of the rules the benchmark numbers rest on, for every exported
 * function, as a user's program sees them:
 *   1. the request promise: outputs over 256 bytes make one 32-byte request
 *      that keys a per-call ChaCha20 stream; every other call makes one
 *      request in at least 99 % of calls, and a third request has
 *      probability below 2^-64. (An output's size here is the random bytes
 *      it takes.) A function that needs no randomness, or fails before
 *      needing it, makes none;
 *   2. no call allocates on the heap or maps memory, on success or on any
 *      error path (the vDSO state pool maps its pages at the first call, the
 *      warm-up, and never again while calls do not overlap).
 *
 * Every way the library can reach the kernel's random source is seen here:
 *   - the vDSO: this program exports its own getauxval(), which hands the
 *     library a small ELF image (built below) whose __vdso_getrandom counts
 *     the request and serves it with the system call; so the library's ELF
 *     reader, state pool and vDSO calls are all exercised;
 *   - the raw system call: this program exports syscall() and counts
 *     SYS_getrandom;
 *   - the C library's getrandom(), which the library uses where glibc (2.41
 *     and later) serves it from the vDSO: this program exports getrandom().
 * It also exports the malloc() family, free(), mmap() and munmap(). All of
 * this needs -rdynamic (for libsecrets.so; libsecrets.a binds to them at
 * link time). Counting is on only in a window around the measured calls,
 * after one warm-up call of each pattern (lazy symbol binding, the first
 * pool page).
 *
 * SECRETS_ENTROPY_PATH selects the library's path, as for any program:
 * tests/os_requests_and_heap.rs runs this program unset (the vDSO; glibc's
 * getrandom() on glibc >= 2.41) and with "syscall", and checks that the
 * requests came through that path and no other.
 *
 * Run by tests/os_requests_and_heap.rs, which also checks that every
 * function in include/secrets.h is listed as "covered" by this program.
 * The counters are themselves tested first (a direct request through each
 * channel and a deliberate malloc() must be seen), so a broken
 * interposition fails.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <gnu/libc-version.h>
#include <errno.h>
#include <link.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include "secrets.h"

/* ---- the interposers ------------------------------------------------- */

static volatile int counting;
enum channel { VDSO, SYSCALL, LIBC, CHANNELS };
static const char *const CHANNEL_NAMES[CHANNELS] = {"vdso", "syscall", "libc"};
static unsigned long requests[CHANNELS], request_bytes;
/* Requests in the current call, and the size of its second one. */
static unsigned long call_requests, second_request_bytes;
static unsigned long heap_calls, map_calls;

static void count_request(enum channel c, size_t len) {
    if (!counting) return;
    requests[c]++;
    request_bytes += len;
    if (++call_requests == 2) second_request_bytes = len;
}

typedef long (*syscall_fn)(long, ...);
typedef unsigned long (*getauxval_fn)(unsigned long);
typedef void *(*mmap_fn)(void *, size_t, int, int, int, off_t);
typedef int (*munmap_fn)(void *, size_t);
static syscall_fn real_syscall;
static getauxval_fn real_getauxval;
static mmap_fn real_mmap;
static munmap_fn real_munmap;

/* The C library's own definitions, found once (dlsym may allocate: before
 * any counting). */
__attribute__((constructor)) static void find_real_functions(void) {
    real_syscall = (syscall_fn)dlsym(RTLD_NEXT, "syscall");
    real_getauxval = (getauxval_fn)dlsym(RTLD_NEXT, "getauxval");
    real_mmap = (mmap_fn)dlsym(RTLD_NEXT, "mmap");
    real_munmap = (munmap_fn)dlsym(RTLD_NEXT, "munmap");
    if (!real_syscall || !real_getauxval || !real_mmap || !real_munmap) {
        fprintf(stderr, "FAIL cannot find the C library's functions\n");
        _exit(2);
    }
}

long syscall(long number, ...) {
    va_list ap;
    va_start(ap, number);
    long a[6];
    for (int i = 0; i < 6; i++) a[i] = va_arg(ap, long);
    va_end(ap);
    if (number == SYS_getrandom) count_request(SYSCALL, (size_t)a[1]);
    return real_syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags);
ssize_t getrandom(void *buf, size_t len, unsigned int flags) {
    count_request(LIBC, len);
    return real_syscall(SYS_getrandom, buf, len, flags);
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
    if (counting) map_calls++;
    return real_mmap(addr, len, prot, flags, fd, off);
}
int munmap(void *addr, size_t len) {
    if (counting) map_calls++;
    return real_munmap(addr, len);
}

/* ---- a vDSO of our own ----------------------------------------------- */

/* The parameters the kernel's vDSO reports for its opaque states. */
struct vgetrandom_params {
    uint32_t size_of_opaque_state, mmap_prot, mmap_flags, reserved[13];
};
enum { FAKE_STATE_SIZE = 200 }; /* not a divisor of the page: exercises the layout */
static volatile int fake_vdso_broken; /* a wrong argument was seen */

/* States are marked busy during a call: a state shared by two calls at once
 * (a broken pool) is seen. */
static long fake_vdso_getrandom(void *buf, size_t len, unsigned int flags, void *state,
                                size_t state_len) {
    if (!buf && !len && !flags && state_len == ~(size_t)0) {
        struct vgetrandom_params *p = state;
        memset(p, 0, sizeof *p);
        p->size_of_opaque_state = FAKE_STATE_SIZE;
        p->mmap_prot = PROT_READ | PROT_WRITE;
        p->mmap_flags = MAP_PRIVATE | MAP_ANONYMOUS;
        return 0;
    }
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    if (!state || state_len != FAKE_STATE_SIZE ||
        ((uintptr_t)state & (page - 1)) + FAKE_STATE_SIZE > page) {
        fake_vdso_broken = 1;
        return -EFAULT;
    }
    volatile uint8_t *busy = state;
    if (*busy) fake_vdso_broken = 1;
    *busy = 1;
    count_request(VDSO, len);
    long n = real_syscall(SYS_getrandom, buf, len, flags);
    long result = n < 0 ? -errno : n;
    *busy = 0;
    return result;
}

/* The smallest image the library's reader accepts: an ELF header, a PT_LOAD
 * and a PT_DYNAMIC program header, a dynamic section pointing at a symbol
 * table, a string table and a DT_HASH table. Addresses in it are offsets
 * from the image (p_vaddr 0); the symbol's value is the offset of
 * fake_vdso_getrandom from the image, modulo 2^N, as the loader computes it. */
static struct {
    ElfW(Ehdr) ehdr;
    ElfW(Phdr) phdr[2];
    ElfW(Dyn) dyn[4];
    ElfW(Sym) sym[2];
    uint32_t hash[5];
    char strtab[24];
} fake_vdso;

#define FAKE_OFFSET(field) ((uintptr_t)&fake_vdso.field - (uintptr_t)&fake_vdso)

static void build_fake_vdso(void) {
    ElfW(Ehdr) *e = &fake_vdso.ehdr;
    memcpy(e->e_ident, ELFMAG, SELFMAG);
    e->e_ident[EI_CLASS] = sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32;
    e->e_ident[EI_DATA] = ELFDATA2LSB;
    e->e_ident[EI_VERSION] = EV_CURRENT;
    e->e_type = ET_DYN;
    e->e_phoff = FAKE_OFFSET(phdr);
    e->e_phentsize = sizeof(ElfW(Phdr));
    e->e_phnum = 2;
    fake_vdso.phdr[0].p_type = PT_LOAD;
    fake_vdso.phdr[1].p_type = PT_DYNAMIC;
    fake_vdso.phdr[1].p_offset = FAKE_OFFSET(dyn);
    fake_vdso.phdr[1].p_vaddr = FAKE_OFFSET(dyn);
    fake_vdso.dyn[0].d_tag = DT_HASH;
    fake_vdso.dyn[0].d_un.d_ptr = FAKE_OFFSET(hash);
    fake_vdso.dyn[1].d_tag = DT_SYMTAB;
    fake_vdso.dyn[1].d_un.d_ptr = FAKE_OFFSET(sym);
    fake_vdso.dyn[2].d_tag = DT_STRTAB;
    fake_vdso.dyn[2].d_un.d_ptr = FAKE_OFFSET(strtab);
    fake_vdso.dyn[3].d_tag = DT_NULL;
    strcpy(fake_vdso.strtab + 1, "__vdso_getrandom");
    fake_vdso.sym[1].st_name = 1;
    fake_vdso.sym[1].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
    fake_vdso.sym[1].st_shndx = 1;
    fake_vdso.sym[1].st_value =
        (ElfW(Addr))((uintptr_t)fake_vdso_getrandom - (uintptr_t)&fake_vdso);
    /* nbucket 1, nchain 2 (the symbol count), bucket, chains. */
    fake_vdso.hash[0] = 1;
    fake_vdso.hash[1] = 2;
    fake_vdso.hash[2] = 1;
}

unsigned long getauxval(unsigned long type) {
    if (type == AT_SYSINFO_EHDR) return (unsigned long)(uintptr_t)&fake_vdso;
    return real_getauxval ? real_getauxval(type) : 0;
}

/* glibc's own entry points, so the interposers need no dlsym (which itself
 * allocates). */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

#define HEAP_CALL() \
    do {            \
        if (counting) heap_calls++; \
    } while (0)

void *malloc(size_t n) {
    HEAP_CALL();
    return __libc_malloc(n);
}
void *calloc(size_t n, size_t m) {
    HEAP_CALL();
    return __libc_calloc(n, m);
}
void *realloc(void *p, size_t n) {
    HEAP_CALL();
    return __libc_realloc(p, n);
}
void *reallocarray(void *p, size_t n, size_t m) {
    HEAP_CALL();
    if (m && n > SIZE_MAX / m) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, n * m);
}
void free(void *p) {
    if (p) HEAP_CALL();
    __libc_free(p);
}
void *memalign(size_t align, size_t n) {
    HEAP_CALL();
    return __libc_memalign(align, n);
}
void *aligned_alloc(size_t align, size_t n) {
    HEAP_CALL();
    return __libc_memalign(align, n);
}
void *valloc(size_t n) {
    HEAP_CALL();
    return __libc_memalign((size_t)sysconf(_SC_PAGESIZE), n);
}
int posix_memalign(void **out, size_t align, size_t n) {
    HEAP_CALL();
    void *p = __libc_memalign(align, n);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}

/* ---- measurement ----------------------------------------------------- */

static int failures, checks;
static unsigned long total_calls, total_second_requests;

static unsigned long all_requests(void) { return requests[VDSO] + requests[SYSCALL] + requests[LIBC]; }

/* What a pattern must do, per call. */
enum kind {
    NO_REQUEST = 0, /* needs no randomness, or fails before needing it */
    SMALL = 1,      /* one request; rarely (< 1 %) a second, 32-byte one */
    BULK = 2,       /* over 256 bytes: exactly one 32-byte request */
};

/* Calls per pattern: REPS for small outputs (with a second request in at
 * most 1 % of calls, more than MAX_SECOND of REPS calls would happen with
 * probability below 1e-6), fewer for the deterministic kinds. */
#define REPS 64
#define MAX_SECOND 6
#define REPS_OTHER 8

struct tally {
    int calls, zero, one, two, more, bad_bulk, bad_second;
    unsigned long heap, maps, bytes;
};

static void tally_call(struct tally *t, enum kind kind, unsigned long r0, unsigned long b0,
                       unsigned long h0, unsigned long m0) {
    unsigned long n = all_requests() - r0, bytes = request_bytes - b0;
    t->calls++;
    t->heap += heap_calls - h0;
    t->maps += map_calls - m0;
    t->bytes += bytes;
    if (n == 0) t->zero++;
    else if (n == 1) t->one++;
    else if (n == 2) t->two++;
    else t->more++;
    if (kind == BULK && !(n == 1 && bytes == 32)) t->bad_bulk++;
    /* A second request only keys a ChaCha20 stream: 32 bytes. */
    if (kind == SMALL && n == 2 && second_request_bytes != 32) t->bad_second++;
}

static void report(const char *fn, const char *call, enum kind kind, const struct tally *t) {
    bool ok;
    switch (kind) {
    case NO_REQUEST: ok = t->zero == t->calls; break;
    case SMALL: ok = t->zero == 0 && t->more == 0 && t->two <= MAX_SECOND && !t->bad_second; break;
    default: ok = t->bad_bulk == 0; break;
    }
    ok = ok && t->heap == 0 && t->maps == 0;
    checks++;
    if (kind == SMALL) {
        total_calls += (unsigned long)t->calls;
        total_second_requests += (unsigned long)t->two;
    }
    printf("covered %s\n", fn);
    if (!ok) {
        failures++;
        fprintf(stderr,
                "FAIL %s (%s): of %d calls %d made no request, %d one, %d two, %d more "
                "(%lu bytes in all; %d bulk calls not one 32-byte request; %d second requests "
                "not 32 bytes); %lu heap calls, %lu mmap/munmap calls\n",
                call, kind == NO_REQUEST ? "no request" : kind == SMALL ? "small" : "bulk",
                t->calls, t->zero, t->one, t->two, t->more, t->bytes, t->bad_bulk,
                t->bad_second, t->heap, t->maps);
    }
}

/* MEASURE runs calls of every return type for their requests alone (EXPECT
 * checks the statuses), so SECRETS_NODISCARD's warning does not apply. */
#pragma GCC diagnostic ignored "-Wunused-result"

/* Runs `call` once to warm up, then REPS times, each inside the counting
 * window. */
#define MEASURE(fn, kind, call)                                                        \
    do {                                                                               \
        (void)(call);                                                                  \
        struct tally t_ = {0};                                                         \
        for (int rep_ = 0; rep_ < ((kind) == SMALL ? REPS : REPS_OTHER); rep_++) {     \
            unsigned long r0_ = all_requests(), b0_ = request_bytes, h0_ = heap_calls, \
                          m0_ = map_calls;                                             \
            call_requests = 0;                                                         \
            second_request_bytes = 0;                                                  \
            counting = 1;                                                              \
            (void)(call);                                                              \
            counting = 0;                                                              \
            tally_call(&t_, (kind), r0_, b0_, h0_, m0_);                               \
        }                                                                              \
        report(#fn, #call, (kind), &t_);                                               \
    } while (0)

/* A generator of a small output. */
#define ONE(fn, ...) MEASURE(fn, SMALL, fn(__VA_ARGS__))
/* A generator of an output over 256 bytes. */
#define BIG(fn, ...) MEASURE(fn, BULK, fn(__VA_ARGS__))
/* No randomness needed (pure functions, verifiers, and calls that fail
 * before any randomness is needed). */
#define NONE(fn, ...) MEASURE(fn, NO_REQUEST, fn(__VA_ARGS__))

/* Also checks the status, so that an error path is really the one measured. */
#define EXPECT(status_expected, fn, kind, ...)                                           \
    do {                                                                                 \
        secrets_status got_ = fn(__VA_ARGS__);                                           \
        if (got_ != (status_expected)) {                                                 \
            failures++;                                                                  \
            fprintf(stderr, "FAIL %s(%s) returned %d, expected %s\n", #fn, #__VA_ARGS__, \
                    (int)got_, #status_expected);                                        \
        }                                                                                \
        MEASURE(fn, (kind), fn(__VA_ARGS__));                                            \
    } while (0)

static uint8_t bytes[8192];
static char text[8192];
static uint64_t u64;
static int64_t i64;
static double dbl;
static size_t idx[512];
/* Key for the authentication functions (when they are in the header). */
static uint8_t key[32] __attribute__((unused)) = "0123456789abcdef0123456789abcde";

/* ---- the counters themselves must work -------------------------------- */

static enum channel expected_channel;

static void check_the_counters(void) {
    unsigned long h0 = heap_calls, m0 = map_calls, r0[CHANNELS];
    memcpy(r0, requests, sizeof r0);
    counting = 1;
    if (getrandom(bytes, 16, 0) != 16) failures++;
    if (syscall(SYS_getrandom, bytes, 16, 0) != 16) failures++;
    if (fake_vdso_getrandom(bytes, 16, 0, bytes + 64, FAKE_STATE_SIZE) != 16) failures++;
    memset(bytes + 64, 0, FAKE_STATE_SIZE);
    void *volatile p = malloc(24);
    free(p);
    void *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m != MAP_FAILED) munmap(m, 4096);
    counting = 0;
    for (int c = 0; c < CHANNELS; c++) {
        if (requests[c] - r0[c] != 1) {
            failures++;
            fprintf(stderr, "FAIL the %s interposer does not count\n", CHANNEL_NAMES[c]);
        }
    }
    if (heap_calls - h0 != 2 || map_calls - m0 != 2) {
        failures++;
        fprintf(stderr, "FAIL the interposers do not count (heap calls %lu, mmap calls %lu)\n",
                heap_calls - h0, map_calls - m0);
    }
    /* The library must reach these (not private copies), through the
     * expected path. The first call is the warm-up (it maps the first page
     * of the state pool). */
    /* (Statuses checked: GCC's warn_unused_result ignores a (void) cast.) */
    if (secrets_token_bytes(bytes, 8) != SECRETS_OK) failures++;
    memcpy(r0, requests, sizeof r0);
    counting = 1;
    secrets_status s = secrets_token_bytes(bytes, 8);
    counting = 0;
    for (int c = 0; c < CHANNELS; c++) {
        unsigned long want = c == (int)expected_channel;
        if (requests[c] - r0[c] != want || s != SECRETS_OK) {
            failures++;
            fprintf(stderr,
                    "FAIL libsecrets made %lu requests through %s, expected %lu (status %d; "
                    "link with -rdynamic)\n",
                    requests[c] - r0[c], CHANNEL_NAMES[c], want, (int)s);
        }
    }
    printf("path %s\n", CHANNEL_NAMES[expected_channel]);
}

/* ---- core randomness -------------------------------------------------- */

static void core(void) {
    ONE(secrets_token_bytes, bytes, 32);
    BIG(secrets_token_bytes, bytes, 4096);
    BIG(secrets_token_bytes, bytes, 257);
    ONE(secrets_token_bytes, bytes, 256);
    NONE(secrets_token_bytes, bytes, 0);
    EXPECT(SECRETS_ERR_NULL_POINTER, secrets_token_bytes, 0, NULL, 16);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_token_bytes, 0, bytes, SIZE_MAX);

    ONE(secrets_token_hex, text, sizeof text, 32);
    BIG(secrets_token_hex, text, sizeof text, 2048);
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_token_hex, 0, text, 64, 32);
    EXPECT(SECRETS_ERR_NULL_POINTER, secrets_token_hex, 0, NULL, 65, 32);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_token_hex, 0, text, sizeof text, SIZE_MAX);
    NONE(secrets_token_hex_size, 32);

    ONE(secrets_token_urlsafe, text, sizeof text, 32);
    BIG(secrets_token_urlsafe, text, sizeof text, 3072);
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_token_urlsafe, 0, text, 43, 32);
    NONE(secrets_token_urlsafe_size, 32);

    ONE(secrets_randbelow, &u64, 6);
    ONE(secrets_randbelow, &u64, 1000000);
    ONE(secrets_randbelow, &u64, (UINT64_C(1) << 63) + 1);
    ONE(secrets_randbelow, &u64, UINT64_MAX);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_randbelow, 0, &u64, 0);
    EXPECT(SECRETS_ERR_NULL_POINTER, secrets_randbelow, 0, NULL, 6);

    ONE(secrets_randbits, &u64, 1);
    ONE(secrets_randbits, &u64, 64);
    NONE(secrets_randbits, &u64, 0);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_randbits, 0, &u64, 65);

    ONE(secrets_randrange, &i64, 0, 10, 1);
    ONE(secrets_randrange, &i64, INT64_MIN, INT64_MAX, 1);
    ONE(secrets_randrange, &i64, 10, 0, -3);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_randrange, 0, &i64, 0, 10, 0);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_randrange, 0, &i64, 5, 5, 1);

    ONE(secrets_choice, bytes, (const uint8_t *)"abcdef", 6);
    ONE(secrets_choice, bytes, bytes + 16, 4096);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_choice, 0, bytes, bytes + 16, 0);
    EXPECT(SECRETS_ERR_NULL_POINTER, secrets_choice, 0, bytes, NULL, 6);

    ONE(secrets_shuffle, bytes, 52, 1);
    BIG(secrets_shuffle, bytes, 4096, 1);
    BIG(secrets_shuffle, bytes, 512, 8);
    ONE(secrets_shuffle, bytes, 3, 1365);       /* large elements */
    NONE(secrets_shuffle, bytes, 1, 8);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_shuffle, 0, bytes, 4, 0);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_shuffle, 0, bytes, SIZE_MAX, 2);

    ONE(secrets_sample, idx, 6, 49);
    BIG(secrets_sample, idx, 512, 1000);        /* dense: 4 KiB of indices */
    BIG(secrets_sample, idx, 512, SIZE_MAX / 8);  /* sparse */
    BIG(secrets_sample, idx, 512, SIZE_MAX);    /* sparse, 16-byte draws */
    NONE(secrets_sample, idx, 0, 10);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_sample, 0, idx, 11, 10);

    ONE(secrets_random_double, &dbl);
    EXPECT(SECRETS_ERR_NULL_POINTER, secrets_random_double, 0, NULL);
    ONE(secrets_uniform, &dbl, -1.0, 1.0);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_uniform, 0, &dbl, 0.0, INFINITY);

    NONE(secrets_compare_digest, bytes, 32, bytes + 32, 32);
    NONE(secrets_compare_digest, bytes, 4096, bytes + 4096, 4096);
    NONE(secrets_compare_digest, NULL, 0, NULL, 0);
    NONE(secrets_compare_digest, NULL, 5, bytes, 5);
    NONE(secrets_memzero, bytes, 4096);
    NONE(secrets_memzero, NULL, 16);
    NONE(secrets_strerror, SECRETS_ERR_ENTROPY);
    NONE(secrets_strerror, 12345);
    NONE(secrets_version);
}

/* ---- human-facing secrets ----------------------------------------------- */

#ifdef SECRETS_PASSWORD_DEFAULT
static void human(void) {
    static const char *const words[] = {"correct", "horse", "battery", "staple"};
    const uint32_t alnum = SECRETS_LOWER | SECRETS_UPPER | SECRETS_DIGITS;

    ONE(secrets_password, text, sizeof text, 16, SECRETS_PASSWORD_DEFAULT);
    ONE(secrets_password, text, sizeof text, 4, SECRETS_PASSWORD_DEFAULT); /* many attempts planned */
    BIG(secrets_password, text, sizeof text, 4096, SECRETS_PASSWORD_DEFAULT);
    ONE(secrets_password, text, sizeof text, 20, alnum | SECRETS_NO_AMBIGUOUS | SECRETS_EACH_CLASS);
    BIG(secrets_password, text, sizeof text, 4096, SECRETS_DIGITS);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_password, 0, text, sizeof text, 16, 0);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_password, 0, text, sizeof text, 3,
           SECRETS_PASSWORD_DEFAULT);
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_password, 0, text, 16, 16, alnum);
    ONE(secrets_password_custom, text, sizeof text, 12, "ab");
    BIG(secrets_password_custom, text, sizeof text, 4096, "0123456789abcdef");
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_password_custom, 0, text, sizeof text, 12, "aa");
    NONE(secrets_password_entropy_bits, 16, SECRETS_PASSWORD_DEFAULT);
    NONE(secrets_password_entropy_bits, 16, 0);

    ONE(secrets_passphrase, text, sizeof text, 6, NULL);
    BIG(secrets_passphrase, text, sizeof text, 400, " "); /* up to ~4 KiB of text */
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_passphrase, 0, text, 8, 6, NULL);
    NONE(secrets_passphrase_size, 6, NULL);
    NONE(secrets_passphrase_custom_size, 5, words, 4, "-");
    ONE(secrets_passphrase_custom, text, sizeof text, 5, words, 4, "-");
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_passphrase_custom, 0, text, sizeof text, 5, words,
           1, "-");

    ONE(secrets_otp_numeric, text, sizeof text, 6);
    ONE(secrets_otp_numeric, text, sizeof text, 64);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_otp_numeric, 0, text, sizeof text, 0);
    ONE(secrets_otp_alphanumeric, text, sizeof text, 8);
    ONE(secrets_otp_alphanumeric, text, sizeof text, 64);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_otp_alphanumeric, 0, text, sizeof text, 65);

    ONE(secrets_api_key, text, sizeof text, "sk_live", 32);
    BIG(secrets_api_key, text, sizeof text, NULL, 2000);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_api_key, 0, text, sizeof text, "bad-prefix", 32);
    NONE(secrets_api_key_size, "sk_live", 32);
    ONE(secrets_api_key_checksummed, text, sizeof text, "ghp");
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_api_key_checksummed, 0, text, 20, "ghp");
    NONE(secrets_api_key_checksummed_size, "ghp");
    if (secrets_api_key_checksummed(text, sizeof text, "ghp") != SECRETS_OK) failures++;
    EXPECT(SECRETS_OK, secrets_api_key_check, 0, text);
    EXPECT(SECRETS_ERR_MALFORMED, secrets_api_key_check, 0, "ghp_0000");
    EXPECT(SECRETS_OK, secrets_api_key_check_prefix, 0, text, "ghp");
    EXPECT(SECRETS_ERR_MISMATCH, secrets_api_key_check_prefix, 0, text, "gho");

    ONE(secrets_uuid4, text, sizeof text);
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_uuid4, 0, text, SECRETS_UUID_SIZE - 1);
    NONE(secrets_entropy_bits, 16, 94);
}
#endif

/* ---- authentication codes and tokens ---------------------------------- */

#ifdef SECRETS_HMAC_SHA256_BYTES
static void auth(void) {
    static uint8_t msg[4096];
    uint8_t tag[SECRETS_HMAC_SHA256_BYTES];
    char token[SECRETS_CSRF_TOKEN_SIZE], code[SECRETS_HOTP_CODE_SIZE];
    const uint64_t now = 1700000000;
    size_t len;

    NONE(secrets_hmac_sha256, tag, key, 32, msg, 64);
    NONE(secrets_hmac_sha256, tag, key, 32, msg, sizeof msg);
    NONE(secrets_hmac_sha256, tag, key, 200, msg, 0); /* long key: hashed first */
    EXPECT(SECRETS_ERR_NULL_POINTER, secrets_hmac_sha256, 0, tag, NULL, 32, msg, 64);
    NONE(secrets_hmac_sha256_hex, text, sizeof text, key, 32, msg, sizeof msg);
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_hmac_sha256_hex, 0, text, 64, key, 32, msg, 4);
    if (secrets_hmac_sha256(tag, key, 32, msg, 64) != SECRETS_OK) failures++;
    EXPECT(SECRETS_OK, secrets_hmac_sha256_verify, 0, tag, 32, key, 32, msg, 64);
    EXPECT(SECRETS_ERR_MISMATCH, secrets_hmac_sha256_verify, 0, tag, 32, key, 32, msg, 65);
    EXPECT(SECRETS_ERR_MISMATCH, secrets_hmac_sha256_verify, 0, tag, 16, key, 32, msg, 64);

    EXPECT(SECRETS_OK, secrets_csrf_token, SMALL, token, sizeof token, key, 32, "session", now);
    EXPECT(SECRETS_OK, secrets_csrf_token, SMALL, token, sizeof token, key, 32, NULL, now);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_csrf_token, 0, token, sizeof token, key, 8,
           NULL, now);
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_csrf_token, 0, token, sizeof token - 1, key,
           32, NULL, now);
    if (secrets_csrf_token(token, sizeof token, key, 32, "session", now) != SECRETS_OK) failures++;
    EXPECT(SECRETS_OK, secrets_csrf_verify, 0, token, key, 32, "session", now + 10, 3600);
    EXPECT(SECRETS_ERR_MISMATCH, secrets_csrf_verify, 0, token, key, 32, "other", now, 3600);
    EXPECT(SECRETS_ERR_EXPIRED, secrets_csrf_verify, 0, token, key, 32, "session", now + 7200,
           3600);
    EXPECT(SECRETS_ERR_MALFORMED, secrets_csrf_verify, 0, "not a token", key, 32, "session", now,
           3600);

    EXPECT(SECRETS_OK, secrets_hotp, 0, code, sizeof code, key, 20, 1, 6, SECRETS_OTP_SHA1);
    EXPECT(SECRETS_OK, secrets_hotp, 0, code, sizeof code, key, 64, 1, 10, SECRETS_OTP_SHA512);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_hotp, 0, code, sizeof code, key, 20, 1, 5,
           SECRETS_OTP_SHA1);
    EXPECT(SECRETS_OK, secrets_totp, 0, code, sizeof code, key, 32, now, 30, 8,
           SECRETS_OTP_SHA256);
    if (secrets_totp(code, sizeof code, key, 20, now, 30, 6, SECRETS_OTP_SHA1) != SECRETS_OK) failures++;
    uint64_t counter;
    EXPECT(SECRETS_OK, secrets_totp_verify, 0, &counter, code, key, 20, now + 30, 30, 6,
           SECRETS_OTP_SHA1, 1);
    EXPECT(SECRETS_OK, secrets_totp_verify, 0, NULL, code, key, 20, now, 30, 6,
           SECRETS_OTP_SHA1, SECRETS_TOTP_MAX_WINDOW);
    EXPECT(SECRETS_ERR_MISMATCH, secrets_totp_verify, 0, &counter, code, key, 20, now + 300, 30,
           6, SECRETS_OTP_SHA1, 1);
    EXPECT(SECRETS_ERR_MALFORMED, secrets_totp_verify, 0, &counter, "12x456", key, 20, now, 30,
           6, SECRETS_OTP_SHA1, 1);

    NONE(secrets_base32_encode, text, sizeof text, msg, 20);
    NONE(secrets_base32_encode, text, sizeof text, msg, 2560); /* 4 KiB of text */
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_base32_encode, 0, text, 32, msg, 20);
    NONE(secrets_base32_encode_size, 20);
    EXPECT(SECRETS_OK, secrets_base32_decode, 0, bytes, sizeof bytes, &len,
           "JBSW Y3DP-EHPK3PXP");
    EXPECT(SECRETS_ERR_MALFORMED, secrets_base32_decode, 0, bytes, sizeof bytes, &len, "JBS!");
    NONE(secrets_base32_decode_size, 16);
    EXPECT(SECRETS_OK, secrets_otpauth_uri, 0, text, sizeof text, "Example Co", "alice@example.com",
           key, 20, 30, 6, SECRETS_OTP_SHA1);
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_otpauth_uri, 0, text, 16, "Example Co", "alice",
           key, 20, 30, 6, SECRETS_OTP_SHA1);
    EXPECT(SECRETS_OK, secrets_otpauth_uri_hotp, 0, text, sizeof text, "Example Co",
           "alice@example.com", key, 20, 0, 6, SECRETS_OTP_SHA1);
    NONE(secrets_otpauth_uri_size, "Example Co", "alice@example.com", 20);
    if (secrets_hotp(code, sizeof code, key, 20, 5, 6, SECRETS_OTP_SHA1) != SECRETS_OK) failures++;
    EXPECT(SECRETS_OK, secrets_hotp_verify, 0, &counter, code, key, 20, 0, 20, 6, SECRETS_OTP_SHA1);
    EXPECT(SECRETS_ERR_MISMATCH, secrets_hotp_verify, 0, &counter, code, key, 20, 6, 20, 6,
           SECRETS_OTP_SHA1);
}
#endif

int main(void) {
    build_fake_vdso();
    const char *path = getenv("SECRETS_ENTROPY_PATH");
    if (path && !strcmp(path, "syscall")) {
        expected_channel = SYSCALL;
    } else {
        unsigned major = 0, minor = 0;
        sscanf(gnu_get_libc_version(), "%u.%u", &major, &minor);
        /* glibc 2.41 and later serve getrandom() from the vDSO themselves. */
        expected_channel = major > 2 || (major == 2 && minor >= 41) ? LIBC : VDSO;
    }
    check_the_counters();
    core();
#ifdef SECRETS_PASSWORD_DEFAULT
    human();
#endif
#ifdef SECRETS_HMAC_SHA256_BYTES
    auth();
#endif
    if (fake_vdso_broken) {
        failures++;
        fprintf(stderr, "FAIL the library called the vDSO with a bad or shared state\n");
    }
    printf("os_requests_and_heap (%s): %d call patterns checked, %d failures; "
           "%lu of %lu small calls made a second request\n",
           CHANNEL_NAMES[expected_channel], checks, failures, total_second_requests, total_calls);
    return failures == 0 && checks > 0 ? 0 : 1;
}
