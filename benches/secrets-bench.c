/*
 * secrets-bench: how close every libsecrets generator comes to the physical
 * limit (one getrandom() of the same number of bytes), and how it compares
 * with libsodium and OpenSSL where they were found at build time.
 *
 *   secrets-bench [--quick] [--rounds N] [--batch-ms MS] [--filter TEXT]
 *
 * Method, per row:
 *  1. Calibration: the bench exports its own getrandom() (the Rust getrandom
 *     crate finds it with dlsym(RTLD_DEFAULT, "getrandom")), which counts
 *     requests and bytes and forwards to glibc's. A few calls of the function
 *     give the requests and the bytes per call (the median).
 *  2. Timing: N calls of the function, N bare getrandom() calls of that many
 *     bytes, and N calls of the peer (libsodium/OpenSSL) are timed as
 *     interleaved batches, in a rotating order, for several rounds. Both
 *     paths go through the same counting getrandom(), so it cancels out.
 *  3. Printed: medians over the rounds of ns/op and of the per-round ratios
 *     (ours / bare getrandom, and peer / ours = our speed-up).
 * It prints numbers; it asserts nothing (a benchmark is not a test).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "secrets.h"

#ifdef SECRETS_BENCH_HAVE_SODIUM
#include <sodium.h>
#endif
#ifdef SECRETS_BENCH_HAVE_OPENSSL
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif

/* ------------------------------------------------------------------------
 * The counting getrandom(): exported from the executable (ENABLE_EXPORTS /
 * -rdynamic), so libsecrets (static or shared) and libsodium resolve to it.
 * ---------------------------------------------------------------------- */
typedef ssize_t (*getrandom_fn)(void *, size_t, unsigned int);
static getrandom_fn real_getrandom;
static unsigned long counted_requests, counted_bytes;

ssize_t getrandom(void *buf, size_t len, unsigned int flags) {
    counted_requests++;
    counted_bytes += len;
    if (real_getrandom) return real_getrandom(buf, len, flags);
    return syscall(SYS_getrandom, buf, len, flags);
}

/* The physical limit: one request for `len` bytes (looping only on the
 * short reads the kernel may give for large requests). */
static void bare_getrandom(void *buf, size_t len) {
    uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);
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
    const char *target;   /* the ratio target, for the reader ("" if none) */
    const char *peer_name;
    op_fn peer;
    size_t bulk_bytes;    /* > 0: a throughput row, print MB/s */
    size_t floor_bytes;   /* the output's entropy, rounded up to bytes: the floor is
                             one bare getrandom() of that many (0: no randomness) */
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
static int opt_rounds = 21;
static double opt_batch_ms = 4.0;
static const char *opt_filter;

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static size_t bare_len;  /* bytes for the bare getrandom() of this row */
static size_t floor_len; /* bytes of entropy in this row's output */
static uint8_t g_floor[64];
static void bare_op(void) { bare_getrandom(bare_len <= sizeof g_bytes ? (void *)g_bytes : (void *)g_big, bare_len); }
static void floor_op(void) { bare_getrandom(g_floor, floor_len); }

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
    unsigned long req0 = counted_requests;
    for (int i = 0; i < CALLS; i++) {
        unsigned long b0 = counted_bytes;
        op();
        bytes[i] = (double)(counted_bytes - b0);
    }
    *requests_per_call = (double)(counted_requests - req0) / CALLS;
    *bytes_per_call = (size_t)median(bytes, CALLS);
}

/* Calls per batch so that a batch of the slower of `a` and `b` takes about
 * opt_batch_ms. */
static long batch_size(op_fn a, op_fn b) {
    a();
    if (b) b();
    double t = time_batch(a, 20);
    if (b) {
        double tb = time_batch(b, 20);
        if (tb > t) t = tb;
    }
    long n = (long)(opt_batch_ms * 1e6 / (t > 1 ? t : 1));
    return n < 1 ? 1 : n > 1000000 ? 1000000 : n;
}

static void print_header(void) {
    printf("| function | getrandom calls/op | bytes/op | ns/op | bare getrandom(bytes/op) ns | ratio | target | entropy bytes | × floor | peer | peer ns/op | speed-up |\n");
    printf("|---|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---:|\n");
}

static void run_row(const struct row *r) {
    if (opt_filter && !strstr(r->name, opt_filter)) return;
    double requests;
    size_t bytes;
    count_requests(r->ours, &requests, &bytes);
    double peer_requests = 0;
    size_t peer_bytes = 0;
    if (r->peer) count_requests(r->peer, &peer_requests, &peer_bytes);

    bare_len = bytes;
    floor_len = r->floor_bytes <= sizeof g_floor ? r->floor_bytes : 0;
    bool with_bare = bytes > 0, with_floor = floor_len > 0;
    op_fn ops[4] = {r->ours, with_bare ? bare_op : NULL, r->peer, with_floor ? floor_op : NULL};
    long n = batch_size(r->ours, with_bare ? bare_op : r->peer);
    if (r->peer && with_bare) {
        long np = batch_size(r->peer, NULL);
        if (np < n) n = np;
    }

    double t[4][64], ratio[64], speedup[64], over_floor[64];
    int rounds = opt_rounds > 64 ? 64 : opt_rounds;
    for (int k = 0; k < rounds; k++) {
        for (int j = 0; j < 4; j++) {
            int which = (j + k) % 4; /* rotate the order every round */
            t[which][k] = ops[which] ? time_batch(ops[which], n) : 0;
        }
        ratio[k] = with_bare ? t[0][k] / t[1][k] : 0;
        speedup[k] = r->peer ? t[2][k] / t[0][k] : 0;
        over_floor[k] = with_floor ? t[0][k] / t[3][k] : 0;
    }
    double ours = median(t[0], rounds), bare = median(t[1], rounds);
    double peer = median(t[2], rounds);

    printf("| %s | %.2f | %zu | ", r->name, requests, bytes);
    if (r->bulk_bytes)
        printf("%.0f (%.0f MB/s) | %.0f (%.0f MB/s) | ", ours, r->bulk_bytes / ours * 1e3, bare,
               r->bulk_bytes / bare * 1e3);
    else if (with_bare)
        printf("%.0f | %.0f | ", ours, bare);
    else
        printf("%.0f | – | ", ours);
    if (with_bare)
        printf("**%.3f** | %s | ", median(ratio, rounds), r->target);
    else
        printf("– | %s | ", r->target);
    if (with_floor)
        printf("%zu | %.2f | ", floor_len, median(over_floor, rounds));
    else
        printf("– | – | ");
    if (r->peer && with_bare)
        printf("%s (%.0f getrandom/op) | %.0f | %.2f× |\n", r->peer_name, peer_requests, peer,
               median(speedup, rounds));
    else if (r->peer)
        printf("%s | %.0f | %.2f× |\n", r->peer_name, peer, median(speedup, rounds));
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

static const struct row ROWS[] = {
    {"token_bytes(32)", o_token_bytes32, "≤ 1.15", SODIUM("randombytes_buf", s_buf32), 0, 32},
    {"token_hex(32)", o_token_hex32, "≤ 1.15", SODIUM("randombytes_buf+bin2hex", s_hex32), 0, 32},
    {"token_urlsafe(32)", o_token_urlsafe32, "≤ 1.15",
     SODIUM("randombytes_buf+bin2base64", s_urlsafe32), 0, 32},
    {"randbelow(10^6)", o_randbelow_1e6, "≤ 1.15", SODIUM("randombytes_uniform", s_uniform_1e6), 0, 3},
    {"randbelow(2^63+1)", o_randbelow_2p63, "≤ 1.15", NULL, NULL, 0, 8},
    {"randbits(64)", o_randbits64, "", NULL, NULL, 0, 8},
    {"randrange(-1000,1000,7)", o_randrange, "", NULL, NULL, 0, 2},
    {"choice(62 items)", o_choice, "", SODIUM("randombytes_uniform", s_choice), 0, 1},
    {"shuffle(52 cards)", o_shuffle52, "≤ 1.5",
     SODIUM("Fisher-Yates, randombytes_uniform", s_shuffle52), 0, 29},
    {"sample(6 of 49)", o_sample, "", NULL, NULL, 0, 5},
    {"random_double", o_random_double, "", NULL, NULL, 0, 7},
    {"compare_digest(32)", o_compare32, "≤ sodium_memcmp", SODIUM("sodium_memcmp", s_memcmp32), 0, 0},
    {"token_bytes(1 MiB)", o_token_bytes_1m, "≥ 0.95× throughput (≤ 1.05)",
     SODIUM("randombytes_buf", s_buf_1m), 1u << 20, 0},
    {"password(16, default)", o_password16, "≤ 1.5", SODIUM("16 × randombytes_uniform(94)", s_password16), 0, 13},
    {"password(16, alphanumeric)", o_password16_alnum, "≤ 1.5",
     SODIUM("16 × randombytes_uniform(62)", s_password16_alnum), 0, 12},
    {"passphrase(6 words)", o_passphrase6, "≤ 1.5", SODIUM("6 × randombytes_uniform(7776)", s_passphrase6), 0, 10},
    {"otp_numeric(6)", o_otp_numeric6, "≤ 1.15", SODIUM("6 × randombytes_uniform(10)", s_otp_numeric6), 0, 3},
    {"otp_alphanumeric(8)", o_otp_alnum8, "", SODIUM("8 × randombytes_uniform(32)", s_otp_alnum8), 0, 5},
    {"api_key(\"sk_live\", 32)", o_api_key32, "≤ 1.15", SODIUM("randombytes_buf+bin2hex", s_api_key32), 0, 32},
    {"api_key_checksummed(\"ghp\")", o_api_key_checksummed, "", NULL, NULL, 0, 23},
    {"uuid4", o_uuid4, "≤ 1.15", SODIUM("randombytes_buf+bin2hex", s_uuid4), 0, 16},
    {"hmac_sha256(32 B key, 64 B)", o_hmac64, "≤ 1.3× OpenSSL HMAC()",
     OPENSSL("OpenSSL HMAC()", ssl_hmac64), 0, 0},
    {"hmac_sha256(32 B key, 4 KiB)", o_hmac4k, "≤ 1.3× OpenSSL HMAC()",
     OPENSSL("OpenSSL HMAC()", ssl_hmac4k), 0, 0},
    {"hmac_sha256(64 B) vs libsodium", o_hmac64, "", SODIUM("crypto_auth_hmacsha256", s_hmac64), 0, 0},
    {"hmac_sha256(4 KiB) vs libsodium", o_hmac4k, "", SODIUM("crypto_auth_hmacsha256", s_hmac4k), 0, 0},
    {"hmac_sha256_verify(64 B)", o_hmac_verify64, "",
     SODIUM("crypto_auth_hmacsha256_verify", s_hmac_verify64), 0, 0},
    {"totp(SHA-1, 6 digits)", o_totp, "", OPENSSL("HMAC(EVP_sha1()) + truncation", ssl_totp), 0, 0},
    {"totp_verify(window 1)", o_totp_verify, "", NULL, NULL, 0, 0},
    {"csrf_token", o_csrf_token, "", NULL, NULL, 0, 16},
    {"csrf_verify", o_csrf_verify, "", NULL, NULL, 0, 0},
    {"base32_encode(20 B)", o_base32_20, "", NULL, NULL, 0, 0},
};

static void usage(void) {
    fprintf(stderr, "usage: secrets-bench [--quick] [--rounds N] [--batch-ms MS] [--filter TEXT]\n");
    exit(64);
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick")) {
            opt_rounds = 3;
            opt_batch_ms = 0.2;
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
    if (opt_rounds < 1 || opt_rounds > 64 || !(opt_batch_ms > 0)) usage();

    real_getrandom = (getrandom_fn)dlsym(RTLD_NEXT, "getrandom");
    g_big = malloc(BIG);
    if (!g_big) return 2;
#ifdef SECRETS_BENCH_HAVE_SODIUM
    if (sodium_init() < 0) return 2;
    for (int i = 0; i < 7776; i++) /* stand-in words, 3 to 7 letters like the EFF list's */
        snprintf(s_words[i], sizeof s_words[i], "%.*s", 3 + i % 5, "wordlist" + i % 2);
#endif
    for (size_t i = 0; i < sizeof g_deck; i++) g_deck[i] = (uint8_t)i;
    must(secrets_token_bytes(g_a, sizeof g_a), "token_bytes");
    memcpy(g_b, g_a, sizeof g_b); /* equal inputs: the full comparison runs */
    must(secrets_token_bytes(g_key, sizeof g_key), "token_bytes");
    must(secrets_token_bytes(g_msg64, sizeof g_msg64), "token_bytes");
    must(secrets_token_bytes(g_msg4k, sizeof g_msg4k), "token_bytes");
    o_csrf_token(); /* a token for the csrf_verify row */
    must(secrets_hmac_sha256(g_tag, g_key, 32, g_msg64, sizeof g_msg64), "hmac_sha256");

    /* Is the interposer seen? (If not, the library is not using it and the
     * bytes per call below would read 0.) */
    unsigned long before = counted_requests;
    must(secrets_token_bytes(g_bytes, 1), "token_bytes");
    if (counted_requests == before) {
        fprintf(stderr, "secrets-bench: getrandom() is not interposed (link with -rdynamic); "
                        "cannot count requests\n");
        return 2;
    }

    printf("libsecrets %s; %d rounds of ~%.1f ms batches; medians\n", secrets_version(),
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
    printf("ratio = ours / bare getrandom() of the same bytes (1.00 = the physical limit); "
           "speed-up = peer time / our time\n\n");
    print_header();
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) run_row(&ROWS[i]);
    free(g_big);
    return 0;
}
