/*
 * secrets-bench: how close every libsecrets generator comes to the fixed
 * floor of the OS random source (one bare 32-byte getrandom() system call),
 * and how it compares with libsodium and OpenSSL where they were found at
 * build time.
 *
 *   secrets-bench [--syscall] [--quick] [--rounds N] [--batch-ms MS] [--filter TEXT]
 *
 * --syscall sets SECRETS_ENTROPY_PATH=syscall before the first call, so the
 * library takes the getrandom() system call instead of the vDSO.
 *
 * Method, per row:
 *  1. Calibration, in a child process forked before the library's first
 *     call, with SECRETS_ENTROPY_PATH=syscall (the requests a function
 *     makes do not depend on the path): the bench exports its own syscall(),
 *     which counts SYS_getrandom requests and bytes. A few calls of the
 *     function give the requests and the bytes per call (the median).
 *  2. Timing: N calls of the function, N bare getrandom(32) system calls
 *     (the floor), N bare getrandom() system calls of the bytes the
 *     function requested, and N calls of the peer are timed as interleaved
 *     batches (at most ~1 ms each: longer batches distort on a shared VM),
 *     in a rotating order, for 101 rounds.
 *  3. Printed: medians over the rounds of ns/op and of the per-round ratios:
 *     ours / the 32-byte floor, ours / the same-bytes request, and the
 *     peer's time / ours (our speed-up).
 * It prints numbers; it asserts nothing (a benchmark is not a test).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "secrets.h"

#ifdef SECRETS_BENCH_HAVE_SODIUM
#include <sodium.h>
#endif
#ifdef SECRETS_BENCH_HAVE_OPENSSL
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#endif

/* ------------------------------------------------------------------------
 * The counting syscall(): exported from the executable (ENABLE_EXPORTS /
 * -rdynamic), so libsecrets (static or shared) resolves to it, and the C
 * library's getrandom() likewise. They count only in the calibration child.
 * ---------------------------------------------------------------------- */
typedef long (*syscall_fn)(long, ...);
static syscall_fn real_syscall;
static volatile int counting;
static unsigned long counted_requests, counted_bytes;

long syscall(long number, ...) {
    va_list ap;
    va_start(ap, number);
    long a[6];
    for (int i = 0; i < 6; i++) a[i] = va_arg(ap, long);
    va_end(ap);
    if (counting && number == SYS_getrandom) {
        counted_requests++;
        counted_bytes += (unsigned long)a[1];
    }
    return real_syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* Peers (libsodium) may use the C library's getrandom(): counted too. */
ssize_t getrandom(void *buf, size_t len, unsigned int flags);
ssize_t getrandom(void *buf, size_t len, unsigned int flags) {
    if (counting) {
        counted_requests++;
        counted_bytes += len;
    }
    return real_syscall(SYS_getrandom, buf, len, flags);
}

/* The floor: one system call for `len` bytes (looping only on the short
 * reads the kernel may give for large requests), not through the counter. */
static void bare_getrandom(void *buf, size_t len) {
    uint8_t *p = buf;
    while (len > 0) {
        long n = real_syscall(SYS_getrandom, p, len, 0);
        if (n <= 0) {
            perror("getrandom");
            exit(2);
        }
        p += n;
        len -= (size_t)n;
    }
}

/* ------------------------------------------------------------------------
 * Rows.
 * ---------------------------------------------------------------------- */
typedef void (*op_fn)(void);

struct row {
    const char *name;
    op_fn ours;
    const char *target_vdso;    /* the floor-ratio targets, for the reader ("" if none) */
    const char *target_syscall;
    const char *peer_name;
    op_fn peer;
    size_t bulk_bytes;    /* > 0: a throughput row, compared with the kernel's getrandom() */
};

static void must(secrets_status s, const char *what) {
    if (s != SECRETS_OK) {
        fprintf(stderr, "secrets-bench: %s failed: %s\n", what, secrets_strerror(s));
        exit(2);
    }
}

/* Outputs land in globals so no call can be optimised away. */
static uint8_t g_bytes[4096];
static char g_text[4096];
static uint64_t g_u64;
static size_t g_idx[64];
static uint8_t g_deck[52];
static uint8_t g_a[32], g_b[32];
static uint8_t g_key[32];
static uint8_t g_msg64[64], g_msg4k[4096];
static uint8_t *g_big;
static const size_t BIG = 1u << 20;
static volatile int g_sink;
static const uint8_t ALNUM[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

static void o_token_bytes32(void) { must(secrets_token_bytes(g_bytes, 32), "token_bytes"); }
static void o_token_hex32(void) { must(secrets_token_hex(g_text, sizeof g_text, 32), "token_hex"); }
static void o_token_urlsafe32(void) {
    must(secrets_token_urlsafe(g_text, sizeof g_text, 32), "token_urlsafe");
}
static void o_randbelow_1e6(void) { must(secrets_randbelow(&g_u64, 1000000), "randbelow"); }
static void o_randbelow_2p63(void) {
    must(secrets_randbelow(&g_u64, (UINT64_C(1) << 63) + 1), "randbelow");
}
static void o_randbits64(void) { must(secrets_randbits(&g_u64, 64), "randbits"); }
static void o_randrange(void) {
    int64_t v;
    must(secrets_randrange(&v, -1000, 1000, 7), "randrange");
    g_u64 = (uint64_t)v;
}
static void o_choice(void) { must(secrets_choice(g_bytes, ALNUM, 62), "choice"); }
static void o_shuffle52(void) { must(secrets_shuffle(g_deck, 52, 1), "shuffle"); }
static uint32_t g_ints[52];
static void o_shuffle52_ints(void) { must(secrets_shuffle(g_ints, 52, sizeof g_ints[0]), "shuffle"); }
static void o_sample(void) { must(secrets_sample(g_idx, 6, 49), "sample"); }
static void o_random_double(void) {
    double d;
    must(secrets_random_double(&d), "random_double");
    g_sink = d < 0.5;
}
static void o_compare32(void) { g_sink = secrets_compare_digest(g_a, 32, g_b, 32); }
static void o_token_bytes_1m(void) { must(secrets_token_bytes(g_big, BIG), "token_bytes"); }

/* human-facing secrets */
static void o_password16(void) {
    must(secrets_password(g_text, sizeof g_text, 16, SECRETS_PASSWORD_DEFAULT), "password");
}
static void o_password16_alnum(void) {
    must(secrets_password(g_text, sizeof g_text, 16, SECRETS_LOWER | SECRETS_UPPER | SECRETS_DIGITS),
         "password");
}
static void o_passphrase6(void) { must(secrets_passphrase(g_text, sizeof g_text, 6, NULL), "passphrase"); }
static void o_otp_numeric6(void) { must(secrets_otp_numeric(g_text, sizeof g_text, 6), "otp_numeric"); }
static void o_otp_alnum8(void) {
    must(secrets_otp_alphanumeric(g_text, sizeof g_text, 8), "otp_alphanumeric");
}
static void o_api_key32(void) { must(secrets_api_key(g_text, sizeof g_text, "sk_live", 32), "api_key"); }
static void o_api_key_checksummed(void) {
    must(secrets_api_key_checksummed(g_text, sizeof g_text, "ghp"), "api_key_checksummed");
}
static void o_uuid4(void) { must(secrets_uuid4(g_text, sizeof g_text), "uuid4"); }

static char g_csrf[SECRETS_CSRF_TOKEN_SIZE];
/* authentication codes and tokens */
static uint8_t g_tag[SECRETS_HMAC_SHA256_BYTES];
static const uint64_t NOW = 1700000000;
static void o_hmac64(void) {
    must(secrets_hmac_sha256(g_bytes, g_key, 32, g_msg64, sizeof g_msg64), "hmac_sha256");
}
static void o_hmac4k(void) {
    must(secrets_hmac_sha256(g_bytes, g_key, 32, g_msg4k, sizeof g_msg4k), "hmac_sha256");
}
static void o_hmac_verify64(void) {
    g_sink = secrets_hmac_sha256_verify(g_tag, 32, g_key, 32, g_msg64, sizeof g_msg64);
}
static void o_totp(void) {
    must(secrets_totp(g_text, sizeof g_text, g_key, 20, NOW, 30, 6, SECRETS_OTP_SHA1), "totp");
}
static void o_totp_verify(void) {
    g_sink = secrets_totp_verify(NULL, "123456", g_key, 20, NOW, 30, 6, SECRETS_OTP_SHA1, 1);
}
static void o_csrf_token(void) {
    must(secrets_csrf_token(g_csrf, sizeof g_csrf, g_key, 32, "session-1234", NOW), "csrf_token");
}
static void o_csrf_verify(void) {
    must(secrets_csrf_verify(g_csrf, g_key, 32, "session-1234", NOW, 3600), "csrf_verify");
}
static void o_base32_20(void) {
    must(secrets_base32_encode(g_text, sizeof g_text, g_key, 20), "base32_encode");
}

#ifdef SECRETS_BENCH_HAVE_SODIUM
static void s_buf32(void) { randombytes_buf(g_bytes, 32); }
static void s_hex32(void) {
    uint8_t b[32];
    randombytes_buf(b, 32);
    sodium_bin2hex(g_text, sizeof g_text, b, 32);
    sodium_memzero(b, sizeof b);
}
static void s_urlsafe32(void) {
    uint8_t b[32];
    randombytes_buf(b, 32);
    sodium_bin2base64(g_text, sizeof g_text, b, 32, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(b, sizeof b);
}
static void s_uniform_1e6(void) { g_u64 = randombytes_uniform(1000000); }
static void s_choice(void) { g_bytes[0] = ALNUM[randombytes_uniform(62)]; }
static void s_shuffle52(void) {
    for (uint32_t i = 51; i > 0; i--) {
        uint32_t j = randombytes_uniform(i + 1);
        uint8_t t = g_deck[i];
        g_deck[i] = g_deck[j];
        g_deck[j] = t;
    }
}
static void s_shuffle52_ints(void) {
    for (uint32_t i = 51; i > 0; i--) {
        uint32_t j = randombytes_uniform(i + 1);
        uint32_t t = g_ints[i];
        g_ints[i] = g_ints[j];
        g_ints[j] = t;
    }
}
static void s_memcmp32(void) { g_sink = sodium_memcmp(g_a, g_b, 32); }
static void s_buf_1m(void) { randombytes_buf(g_big, BIG); }
/* What an application writes on libsodium: one randombytes_uniform() (one
 * getrandom() on Linux) per character or word. The password peer draws from
 * the same 94 characters but does not enforce one of each class. */
static const char PRINTABLE94[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
static char s_words[7776][8];
static void s_password16(void) {
    for (int i = 0; i < 16; i++) g_text[i] = PRINTABLE94[randombytes_uniform(94)];
    g_text[16] = 0;
}
static void s_password16_alnum(void) {
    for (int i = 0; i < 16; i++) g_text[i] = (char)ALNUM[randombytes_uniform(62)];
    g_text[16] = 0;
}
static void s_passphrase6(void) {
    char *p = g_text;
    for (int i = 0; i < 6; i++) {
        const char *w = s_words[randombytes_uniform(7776)];
        if (i) *p++ = '-';
        size_t n = strlen(w);
        memcpy(p, w, n);
        p += n;
    }
    *p = 0;
}
static void s_otp_numeric6(void) {
    for (int i = 0; i < 6; i++) g_text[i] = (char)('0' + randombytes_uniform(10));
    g_text[6] = 0;
}
static void s_otp_alnum8(void) {
    static const char A[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    for (int i = 0; i < 8; i++) g_text[i] = A[randombytes_uniform(32)];
    g_text[8] = 0;
}
static void s_api_key32(void) {
    uint8_t b[32];
    randombytes_buf(b, sizeof b);
    memcpy(g_text, "sk_live_", 8);
    sodium_bin2hex(g_text + 8, sizeof g_text - 8, b, sizeof b);
    sodium_memzero(b, sizeof b);
}
static void s_uuid4(void) {
    uint8_t b[16];
    char hex[33];
    randombytes_buf(b, sizeof b);
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
    sodium_bin2hex(hex, sizeof hex, b, sizeof b);
    memcpy(g_text, hex, 8);
    g_text[8] = '-';
    memcpy(g_text + 9, hex + 8, 4);
    g_text[13] = '-';
    memcpy(g_text + 14, hex + 12, 4);
    g_text[18] = '-';
    memcpy(g_text + 19, hex + 16, 4);
    g_text[23] = '-';
    memcpy(g_text + 24, hex + 20, 13);
    sodium_memzero(b, sizeof b);
    sodium_memzero(hex, sizeof hex);
}
static void s_hmac64(void) { crypto_auth_hmacsha256(g_bytes, g_msg64, sizeof g_msg64, g_key); }
static void s_hmac4k(void) { crypto_auth_hmacsha256(g_bytes, g_msg4k, sizeof g_msg4k, g_key); }
static void s_hmac_verify64(void) {
    g_sink = crypto_auth_hmacsha256_verify(g_tag, g_msg64, sizeof g_msg64, g_key);
}
#endif

#ifdef SECRETS_BENCH_HAVE_OPENSSL
static void ssl_rand32(void) {
    if (RAND_bytes(g_bytes, 32) != 1) exit(2);
}
static void ssl_rand_1m(void) {
    if (RAND_bytes(g_big, (int)BIG) != 1) exit(2);
}
static void ssl_hmac64(void) {
    unsigned int len;
    HMAC(EVP_sha256(), g_key, 32, g_msg64, sizeof g_msg64, g_bytes, &len);
}
static void ssl_hmac4k(void) {
    unsigned int len;
    HMAC(EVP_sha256(), g_key, 32, g_msg4k, sizeof g_msg4k, g_bytes, &len);
}
/* RFC 6238 TOTP as an application writes it on OpenSSL: HMAC-SHA1 of the
 * big-endian step, dynamic truncation, 6 digits. */
static void ssl_totp(void) {
    uint64_t step = 1700000000 / 30;
    uint8_t msg[8], mac[20];
    unsigned int len;
    for (int i = 7; i >= 0; i--, step >>= 8) msg[i] = (uint8_t)step;
    HMAC(EVP_sha1(), g_key, 20, msg, 8, mac, &len);
    unsigned off = mac[19] & 0x0f;
    uint32_t bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
                   ((uint32_t)mac[off + 2] << 8) | mac[off + 3];
    snprintf(g_text, sizeof g_text, "%06u", bin % 1000000u);
}
#endif

/* ------------------------------------------------------------------------
 * Measurement.
 * ---------------------------------------------------------------------- */
static int opt_rounds = 101;
static double opt_batch_ms = 1.0;
static const char *opt_filter;
static bool opt_syscall;

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static size_t same_len; /* bytes of the same-bytes request of this row */
static uint8_t g_floor[32];
static void same_op(void) { bare_getrandom(same_len <= sizeof g_bytes ? (void *)g_bytes : (void *)g_big, same_len); }
static void floor_op(void) { bare_getrandom(g_floor, sizeof g_floor); }

static double time_batch(op_fn op, long n) {
    double t0 = now_ns();
    for (long i = 0; i < n; i++) op();
    return (now_ns() - t0) / (double)n;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Calls `op` a few times with counting on: requests and median bytes per call. */
static void count_requests(op_fn op, double *requests_per_call, size_t *bytes_per_call) {
    enum { CALLS = 33 };
    double bytes[CALLS];
    op(); /* warm-up */
    unsigned long req0 = counted_requests;
    counting = 1;
    for (int i = 0; i < CALLS; i++) {
        unsigned long b0 = counted_bytes;
        op();
        bytes[i] = (double)(counted_bytes - b0);
    }
    counting = 0;
    *requests_per_call = (double)(counted_requests - req0) / CALLS;
    *bytes_per_call = (size_t)median(bytes, CALLS);
}

/* Calls per batch so that a batch of the slowest op takes about
 * opt_batch_ms (at least one call). */
static long batch_size(op_fn *ops, int count) {
    double t = 1;
    for (int i = 0; i < count; i++) {
        if (!ops[i]) continue;
        ops[i]();
        double ti = time_batch(ops[i], 20);
        if (ti > t) t = ti;
    }
    long n = (long)(opt_batch_ms * 1e6 / t);
    return n < 1 ? 1 : n > 1000000 ? 1000000 : n;
}

static void print_header(void) {
    printf("| function | requests/op | bytes/op | ns/op | ratio to getrandom(32) | target | "
           "same-bytes ratio | peer | peer ns/op | speed-up |\n");
    printf("|---|---:|---:|---:|---:|---|---:|---|---:|---:|\n");
}

/* Calibration results, one per row, from the child. */
struct calibration {
    double requests;
    size_t bytes;
    double peer_requests;
};

static void run_row(const struct row *r, const struct calibration *c) {
    if (opt_filter && !strstr(r->name, opt_filter)) return;
    /* A throughput row compares with the kernel producing the same output. */
    same_len = r->bulk_bytes ? r->bulk_bytes : c->bytes;
    bool with_same = same_len > 0;
    op_fn ops[4] = {r->ours, floor_op, with_same ? same_op : NULL, r->peer};
    long n = batch_size(ops, 4);

    double t[4][128], floor_ratio[128], same_ratio[128], speedup[128];
    int rounds = opt_rounds > 128 ? 128 : opt_rounds;
    for (int k = 0; k < rounds; k++) {
        for (int j = 0; j < 4; j++) {
            int which = (j + k) % 4; /* rotate the order every round */
            t[which][k] = ops[which] ? time_batch(ops[which], n) : 0;
        }
        floor_ratio[k] = t[0][k] / t[1][k];
        same_ratio[k] = with_same ? t[0][k] / t[2][k] : 0;
        speedup[k] = r->peer ? t[3][k] / t[0][k] : 0;
    }
    double ours = median(t[0], rounds), same = median(t[2], rounds), peer = median(t[3], rounds);
    const char *target = opt_syscall ? r->target_syscall : r->target_vdso;

    printf("| %s | %.2f | %zu | ", r->name, c->requests, c->bytes);
    if (r->bulk_bytes)
        printf("%.0f (%.2f GB/s; kernel %.2f GB/s: **%.2f×**) | ", ours, r->bulk_bytes / ours,
               r->bulk_bytes / same, same / ours);
    else
        printf("%.0f | ", ours);
    printf("**%.2f** | %s | ", median(floor_ratio, rounds), target);
    if (with_same)
        printf("%.2f | ", median(same_ratio, rounds));
    else
        printf("– | ");
    if (r->peer)
        printf("%s (%.0f requests/op) | %.0f | %.2f× |\n", r->peer_name, c->peer_requests, peer,
               median(speedup, rounds));
    else
        printf("– | – | – |\n");
    fflush(stdout);
}

#ifdef SECRETS_BENCH_HAVE_SODIUM
#define SODIUM(name, fn) name, fn
#else
#define SODIUM(name, fn) NULL, NULL
#endif
#ifdef SECRETS_BENCH_HAVE_OPENSSL
#define OPENSSL(name, fn) name, fn
#else
#define OPENSSL(name, fn) NULL, NULL
#endif

/* Targets: ratio to a bare getrandom(32), with the vDSO / on the syscall path. */
static const struct row ROWS[] = {
    {"token_bytes(32)", o_token_bytes32, "", "", SODIUM("randombytes_buf", s_buf32), 0},
    {"token_bytes(32) vs OpenSSL", o_token_bytes32, "", "", OPENSSL("RAND_bytes", ssl_rand32), 0},
    {"token_hex(32)", o_token_hex32, "≤ 0.6", "≤ 1.15", SODIUM("randombytes_buf+bin2hex", s_hex32), 0},
    {"token_urlsafe(32)", o_token_urlsafe32, "≤ 0.6", "≤ 1.15",
     SODIUM("randombytes_buf+bin2base64", s_urlsafe32), 0},
    {"randbelow(10^6)", o_randbelow_1e6, "≤ 0.45", "≤ 1.15", SODIUM("randombytes_uniform", s_uniform_1e6), 0},
    {"randbelow(2^63+1)", o_randbelow_2p63, "", "", NULL, NULL, 0},
    {"randbits(64)", o_randbits64, "", "", NULL, NULL, 0},
    {"randrange(-1000,1000,7)", o_randrange, "", "", NULL, NULL, 0},
    {"choice(62 items)", o_choice, "", "", SODIUM("randombytes_uniform", s_choice), 0},
    {"shuffle(52 ints)", o_shuffle52_ints, "≤ 1.2", "≤ 1.6",
     SODIUM("Fisher-Yates, randombytes_uniform", s_shuffle52_ints), 0},
    {"shuffle(52 cards, 1 byte)", o_shuffle52, "", "", SODIUM("Fisher-Yates, randombytes_uniform", s_shuffle52), 0},
    {"sample(6 of 49)", o_sample, "", "", NULL, NULL, 0},
    {"random_double", o_random_double, "", "", NULL, NULL, 0},
    {"compare_digest(32)", o_compare32, "", "", SODIUM("sodium_memcmp", s_memcmp32), 0},
    {"token_bytes(1 MiB)", o_token_bytes_1m, "≥ 2.5× kernel", "≥ 2.5× kernel",
     SODIUM("randombytes_buf", s_buf_1m), 1u << 20},
    {"token_bytes(1 MiB) vs OpenSSL", o_token_bytes_1m, "", "", OPENSSL("RAND_bytes", ssl_rand_1m), 1u << 20},
    {"password(16, default)", o_password16, "≤ 1.2", "≤ 2.0", SODIUM("16 × randombytes_uniform(94)", s_password16), 0},
    {"password(16, alphanumeric)", o_password16_alnum, "", "",
     SODIUM("16 × randombytes_uniform(62)", s_password16_alnum), 0},
    {"passphrase(6 words)", o_passphrase6, "≤ 5", "≤ 5", SODIUM("6 × randombytes_uniform(7776)", s_passphrase6), 0},
    {"otp_numeric(6)", o_otp_numeric6, "≤ 0.45", "≤ 1.15", SODIUM("6 × randombytes_uniform(10)", s_otp_numeric6), 0},
    {"otp_alphanumeric(8)", o_otp_alnum8, "", "", SODIUM("8 × randombytes_uniform(32)", s_otp_alnum8), 0},
    {"api_key(\"sk_live\", 32)", o_api_key32, "", "", SODIUM("randombytes_buf+bin2hex", s_api_key32), 0},
    {"api_key_checksummed(\"ghp\")", o_api_key_checksummed, "", "", NULL, NULL, 0},
    {"uuid4", o_uuid4, "≤ 0.45", "≤ 1.15", SODIUM("randombytes_buf+bin2hex", s_uuid4), 0},
    {"hmac_sha256(32 B key, 64 B)", o_hmac64, "", "", OPENSSL("OpenSSL HMAC()", ssl_hmac64), 0},
    {"hmac_sha256(32 B key, 4 KiB)", o_hmac4k, "", "", OPENSSL("OpenSSL HMAC()", ssl_hmac4k), 0},
    {"hmac_sha256_verify(64 B)", o_hmac_verify64, "", "",
     SODIUM("crypto_auth_hmacsha256_verify", s_hmac_verify64), 0},
    {"totp(SHA-1, 6 digits)", o_totp, "", "", OPENSSL("HMAC(EVP_sha1()) + truncation", ssl_totp), 0},
    {"totp_verify(window 1)", o_totp_verify, "", "", NULL, NULL, 0},
    {"csrf_token", o_csrf_token, "", "", NULL, NULL, 0},
    {"csrf_verify", o_csrf_verify, "", "", NULL, NULL, 0},
    {"base32_encode(20 B)", o_base32_20, "", "", NULL, NULL, 0},
};
enum { NROWS = sizeof ROWS / sizeof ROWS[0] };

static void usage(void) {
    fprintf(stderr,
            "usage: secrets-bench [--syscall] [--quick] [--rounds N] [--batch-ms MS] "
            "[--filter TEXT]\n");
    exit(64);
}

/* Counts every row's requests in a child that takes the system-call path
 * (seen by the counting syscall()); the parent has made no library call
 * yet, so its own path is still unresolved. */
static void calibrate(struct calibration *c) {
    int fds[2];
    if (pipe(fds) != 0) exit(2);
    pid_t pid = fork();
    if (pid < 0) exit(2);
    if (pid == 0) {
        setenv("SECRETS_ENTROPY_PATH", "syscall", 1);
        for (int i = 0; i < NROWS; i++) {
            if (opt_filter && !strstr(ROWS[i].name, opt_filter)) continue;
            count_requests(ROWS[i].ours, &c[i].requests, &c[i].bytes);
            if (ROWS[i].peer) {
                size_t ignored;
                count_requests(ROWS[i].peer, &c[i].peer_requests, &ignored);
            }
        }
        ssize_t want = (ssize_t)(NROWS * sizeof *c);
        _exit(write(fds[1], c, (size_t)want) == want ? 0 : 1);
    }
    close(fds[1]);
    size_t got = 0;
    while (got < NROWS * sizeof *c) {
        ssize_t n = read(fds[0], (char *)c + got, NROWS * sizeof *c - got);
        if (n <= 0) break;
        got += (size_t)n;
    }
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    if (got != NROWS * sizeof *c || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "secrets-bench: calibration failed (is syscall() interposed? link with "
                        "-rdynamic)\n");
        exit(2);
    }
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick")) {
            opt_rounds = 5;
            opt_batch_ms = 0.2;
        } else if (!strcmp(argv[i], "--syscall")) {
            opt_syscall = true;
        } else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
            opt_rounds = atoi(argv[++i]);
        } else if (!strcmp(argv[i], "--batch-ms") && i + 1 < argc) {
            opt_batch_ms = atof(argv[++i]);
        } else if (!strcmp(argv[i], "--filter") && i + 1 < argc) {
            opt_filter = argv[++i];
        } else {
            usage();
        }
    }
    if (opt_rounds < 1 || opt_rounds > 128 || !(opt_batch_ms > 0)) usage();

    real_syscall = (syscall_fn)dlsym(RTLD_NEXT, "syscall");
    if (!real_syscall) return 2;
    g_big = malloc(BIG);
    if (!g_big) return 2;
#ifdef SECRETS_BENCH_HAVE_SODIUM
    if (sodium_init() < 0) return 2;
    for (int i = 0; i < 7776; i++) /* stand-in words, 3 to 7 letters like the EFF list's */
        snprintf(s_words[i], sizeof s_words[i], "%.*s", 3 + i % 5, "wordlist" + i % 2);
#endif
    for (size_t i = 0; i < sizeof g_deck; i++) g_deck[i] = (uint8_t)i;
    for (size_t i = 0; i < 52; i++) g_ints[i] = (uint32_t)i;
    bare_getrandom(g_a, sizeof g_a);
    memcpy(g_b, g_a, sizeof g_b); /* equal inputs: the full comparison runs */
    bare_getrandom(g_key, sizeof g_key);
    bare_getrandom(g_msg64, sizeof g_msg64);
    bare_getrandom(g_msg4k, sizeof g_msg4k);

    static struct calibration cal[NROWS];
    calibrate(cal); /* before the library's first call in this process */
    if (opt_syscall) setenv("SECRETS_ENTROPY_PATH", "syscall", 1);
    o_csrf_token(); /* a token for the csrf_verify row */
    must(secrets_hmac_sha256(g_tag, g_key, 32, g_msg64, sizeof g_msg64), "hmac_sha256");

    printf("libsecrets %s, %s path; %d rounds of ≤ %.1f ms batches; medians\n", secrets_version(),
           opt_syscall ? "system-call (--syscall)" : "default (vDSO where the kernel has it)",
           opt_rounds, opt_batch_ms);
#ifdef SECRETS_BENCH_HAVE_SODIUM
    printf("libsodium %s", sodium_version_string());
#else
    printf("libsodium: not found at build time");
#endif
#ifdef SECRETS_BENCH_HAVE_OPENSSL
    printf("; %s\n", OpenSSL_version(OPENSSL_VERSION));
#else
    printf("; OpenSSL: not found at build time\n");
#endif
    printf("ratio to getrandom(32) = our time / a bare 32-byte getrandom() system call (the fixed "
           "floor); same-bytes ratio = our time / a bare getrandom() of the bytes we requested; "
           "speed-up = peer time / our time\n\n");
    print_header();
    for (int i = 0; i < NROWS; i++) run_row(&ROWS[i], &cal[i]);
    free(g_big);
    return 0;
}
