/*
 * Proof of the two rules the benchmark numbers rest on, for every exported
 * function, as a user's program sees them:
 *   1. a generator makes exactly ONE request to the OS random source per call
 *      (typical arguments and the largest outputs, 4 KiB), and a function
 *      that needs no randomness, or fails before needing it, makes none;
 *   2. no call allocates on the heap, on success or on any error path.
 *
 * This program defines and exports (link with -rdynamic) its own getrandom(),
 * malloc() family and free(): the Rust getrandom crate finds getrandom with
 * dlsym(RTLD_DEFAULT, ...) and the library's allocator calls malloc, so both
 * land here, with libsecrets.a and with libsecrets.so. Counting is on only in
 * a window around the measured calls, after one warm-up call (getrandom's
 * one-time probe, lazy symbol binding).
 *
 * Run by tests/os_requests_and_heap.rs, which also checks that every
 * function in include/secrets.h is listed as "covered" by this program.
 * The counters are themselves tested first (a direct getrandom() and a
 * deliberate malloc() must be seen), so a broken interposition fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include "secrets.h"

/* ---- the interposers ------------------------------------------------- */

static volatile int counting;
static unsigned long os_requests, os_bytes, heap_calls;

ssize_t getrandom(void *buf, size_t len, unsigned int flags);
ssize_t getrandom(void *buf, size_t len, unsigned int flags) {
    if (counting) {
        os_requests++;
        os_bytes += len;
    }
    return syscall(SYS_getrandom, buf, len, flags);
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

/* `expect_requests`: requests per call; -1 for "at most one" (functions
 * whose randomness depends on the arguments' path). */
static void report(const char *fn, const char *call, int reps, long expect_requests,
                   unsigned long requests, unsigned long bytes, unsigned long heap) {
    bool ok_requests = expect_requests < 0 ? requests <= (unsigned long)reps
                                           : requests == (unsigned long)(expect_requests * reps);
    bool ok_heap = heap == 0;
    checks++;
    printf("covered %s\n", fn);
    if (!ok_requests || !ok_heap) {
        failures++;
        fprintf(stderr,
                "FAIL %s: %d calls made %lu OS requests (%lu bytes), expected %ld per call; "
                "%lu heap calls, expected 0\n",
                call, reps, requests, bytes, expect_requests, heap);
    }
}

#define REPS 4

/* MEASURE runs calls of every return type for their requests alone (EXPECT
 * checks the statuses), so SECRETS_NODISCARD's warning does not apply. */
#pragma GCC diagnostic ignored "-Wunused-result"

/* Runs `call` once to warm up, then REPS times inside the counting window. */
#define MEASURE(fn, expect_requests, call)                                           \
    do {                                                                             \
        (void)(call);                                                                \
        unsigned long r0_ = os_requests, b0_ = os_bytes, h0_ = heap_calls;           \
        counting = 1;                                                                \
        for (int rep_ = 0; rep_ < REPS; rep_++) (void)(call);                        \
        counting = 0;                                                                \
        report(#fn, #call, REPS, (expect_requests), os_requests - r0_, os_bytes - b0_, \
               heap_calls - h0_);                                                    \
    } while (0)

/* A generator: one request per call. */
#define ONE(fn, ...) MEASURE(fn, 1, fn(__VA_ARGS__))
/* No randomness needed (pure functions, verifiers, and calls that fail
 * before any randomness is needed). */
#define NONE(fn, ...) MEASURE(fn, 0, fn(__VA_ARGS__))

/* Also checks the status, so that an error path is really the one measured. */
#define EXPECT(status_expected, fn, expect_requests, ...)                                \
    do {                                                                                 \
        secrets_status got_ = fn(__VA_ARGS__);                                           \
        if (got_ != (status_expected)) {                                                 \
            failures++;                                                                  \
            fprintf(stderr, "FAIL %s(%s) returned %d, expected %s\n", #fn, #__VA_ARGS__, \
                    (int)got_, #status_expected);                                        \
        }                                                                                \
        MEASURE(fn, expect_requests, fn(__VA_ARGS__));                                   \
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

static void check_the_counters(void) {
    unsigned long r0 = os_requests, h0 = heap_calls;
    counting = 1;
    if (getrandom(bytes, 16, 0) != 16) failures++;
    void *volatile p = malloc(24);
    free(p);
    counting = 0;
    if (os_requests - r0 != 1 || heap_calls - h0 != 2) {
        failures++;
        fprintf(stderr, "FAIL the interposers do not count (requests %lu, heap calls %lu)\n",
                os_requests - r0, heap_calls - h0);
    }
    /* The library must reach this getrandom (not a private copy). The first
     * call is the warm-up: the getrandom crate probes with a 0-byte call once. */
    /* (Statuses checked: GCC's warn_unused_result ignores a (void) cast.) */
    if (secrets_token_bytes(bytes, 8) != SECRETS_OK) failures++;
    r0 = os_requests;
    counting = 1;
    if (secrets_token_bytes(bytes, 8) != SECRETS_OK) failures++;
    counting = 0;
    if (os_requests - r0 != 1) {
        failures++;
        fprintf(stderr, "FAIL libsecrets' requests are not seen (link with -rdynamic)\n");
    }
}

/* ---- core randomness -------------------------------------------------- */

static void core(void) {
    ONE(secrets_token_bytes, bytes, 32);
    ONE(secrets_token_bytes, bytes, 4096);
    NONE(secrets_token_bytes, bytes, 0);
    EXPECT(SECRETS_ERR_NULL_POINTER, secrets_token_bytes, 0, NULL, 16);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_token_bytes, 0, bytes, SIZE_MAX);

    ONE(secrets_token_hex, text, sizeof text, 32);
    ONE(secrets_token_hex, text, sizeof text, 2048);
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_token_hex, 0, text, 64, 32);
    EXPECT(SECRETS_ERR_NULL_POINTER, secrets_token_hex, 0, NULL, 65, 32);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_token_hex, 0, text, sizeof text, SIZE_MAX);
    NONE(secrets_token_hex_size, 32);

    ONE(secrets_token_urlsafe, text, sizeof text, 32);
    ONE(secrets_token_urlsafe, text, sizeof text, 3072);
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
    ONE(secrets_shuffle, bytes, 4096, 1);       /* one of the largest plans: 4 KiB of bytes */
    ONE(secrets_shuffle, bytes, 512, 8);
    ONE(secrets_shuffle, bytes, 3, 1365);       /* large elements */
    NONE(secrets_shuffle, bytes, 1, 8);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_shuffle, 0, bytes, 4, 0);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_shuffle, 0, bytes, SIZE_MAX, 2);

    ONE(secrets_sample, idx, 6, 49);
    ONE(secrets_sample, idx, 512, 1000);        /* dense: 4 KiB of indices */
    ONE(secrets_sample, idx, 512, (size_t)1 << 40); /* sparse */
    ONE(secrets_sample, idx, 512, SIZE_MAX);    /* sparse, 16-byte draws */
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
    ONE(secrets_password, text, sizeof text, 4096, SECRETS_PASSWORD_DEFAULT);
    ONE(secrets_password, text, sizeof text, 20, alnum | SECRETS_NO_AMBIGUOUS | SECRETS_EACH_CLASS);
    ONE(secrets_password, text, sizeof text, 4096, SECRETS_DIGITS);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_password, 0, text, sizeof text, 16, 0);
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_password, 0, text, sizeof text, 3,
           SECRETS_PASSWORD_DEFAULT);
    EXPECT(SECRETS_ERR_BUFFER_TOO_SMALL, secrets_password, 0, text, 16, 16, alnum);
    ONE(secrets_password_custom, text, sizeof text, 12, "ab");
    ONE(secrets_password_custom, text, sizeof text, 4096, "0123456789abcdef");
    EXPECT(SECRETS_ERR_INVALID_ARGUMENT, secrets_password_custom, 0, text, sizeof text, 12, "aa");
    NONE(secrets_password_entropy_bits, 16, SECRETS_PASSWORD_DEFAULT);
    NONE(secrets_password_entropy_bits, 16, 0);

    ONE(secrets_passphrase, text, sizeof text, 6, NULL);
    ONE(secrets_passphrase, text, sizeof text, 400, " "); /* up to ~4 KiB of text */
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
    ONE(secrets_api_key, text, sizeof text, NULL, 2000);
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

    EXPECT(SECRETS_OK, secrets_csrf_token, 1, token, sizeof token, key, 32, "session", now);
    EXPECT(SECRETS_OK, secrets_csrf_token, 1, token, sizeof token, key, 32, NULL, now);
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
    check_the_counters();
    core();
#ifdef SECRETS_PASSWORD_DEFAULT
    human();
#endif
#ifdef SECRETS_HMAC_SHA256_BYTES
    auth();
#endif
    printf("os_requests_and_heap: %d call patterns checked, %d failures\n", checks, failures);
    return failures == 0 && checks > 0 ? 0 : 1;
}
