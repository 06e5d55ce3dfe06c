/*
 * Timing evidence (dudect: Reparaz, Balasch, Verbauwhede, "Dude, is my
 * code constant time?", DATE 2017) for every function that handles
 * secrets. Not a CI gate: timing on a shared machine is noisy, and the
 * figures go to SECURITY.md.
 *
 * For each function, N samples (default 10^6) are taken in random order
 * from two classes of secret input, the cycles of each call measured with
 * rdtscp; Welch's t statistic compares the classes on the raw timings and
 * on timings cropped at several percentiles (dudect's pre-processing);
 * the largest |t| is reported. |t| above 10 means a timing difference
 * that N samples can tell apart (dudect's threshold); below ~5 none was
 * seen. Every test also runs as an A/A control (both classes drawn the
 * same way), which shows the noise floor of the machine.
 *
 * Secrets that the library draws itself (generators) are controlled by
 * answering its getrandom()/syscall(SYS_getrandom) requests here: class 0
 * gets the same bytes on every call, class 1 fresh ones (run with
 * SECRETS_ENTROPY_PATH=syscall so that the requests come here).
 *
 *     dudect [-n SAMPLES] [NAME...]
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <x86intrin.h>

#include "secrets.h"

/* ---- a fast PRNG for the inputs (not for secrets: it is the test's) ---- */
static uint64_t rng_state = 0x853c49e6748fea9bu;
static uint64_t rnd(void) {
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}
static void rnd_fill(void *p, size_t n) {
    unsigned char *b = p;
    for (size_t i = 0; i < n; i++) b[i] = (unsigned char)rnd();
}

/* ---- the library's random requests ---- */
/* -1: pass through; else the bytes come from `stream`, which each timed
 * call starts from its input's seed (one constant for class 0, a fresh
 * one for class 1): the same work for both classes. */
static int entropy_class = -1;
static uint64_t stream;

static void fake_entropy(void *buf, size_t len) {
    unsigned char *b = buf;
    for (size_t i = 0; i < len; i++) {
        uint64_t z = (stream += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 31)) * 0xbf58476d1ce4e5b9u;
        b[i] = (unsigned char)(z >> 56);
    }
}

typedef long (*syscall_fn)(long, ...);
static syscall_fn real_syscall(void) {
    static syscall_fn real;
    if (!real) real = (syscall_fn)dlsym(RTLD_NEXT, "syscall");
    return real;
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags) {
    if (entropy_class < 0) return real_syscall()(SYS_getrandom, buf, len, flags);
    fake_entropy(buf, len);
    return (ssize_t)len;
}

long syscall(long number, ...) {
    va_list ap;
    va_start(ap, number);
    long a[6];
    for (int i = 0; i < 6; i++) a[i] = va_arg(ap, long);
    va_end(ap);
    if (number == SYS_getrandom && entropy_class >= 0) {
        fake_entropy((void *)a[0], (size_t)a[1]);
        return a[1];
    }
    return real_syscall()(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* ---- Welch's t-test, online ---- */
struct ttest {
    double mean[2], m2[2], n[2];
};
static void t_push(struct ttest *t, int cls, double x) {
    t->n[cls]++;
    double d = x - t->mean[cls];
    t->mean[cls] += d / t->n[cls];
    t->m2[cls] += d * (x - t->mean[cls]);
}
static double t_value(const struct ttest *t) {
    if (t->n[0] < 2 || t->n[1] < 2) return 0;
    double v0 = t->m2[0] / (t->n[0] - 1), v1 = t->m2[1] / (t->n[1] - 1);
    double den = sqrt(v0 / t->n[0] + v1 / t->n[1]);
    return den > 0 ? (t->mean[0] - t->mean[1]) / den : 0;
}

/* ---- the tests ---- */
/* Inputs are all made before the timing loop (as dudect does), so that
 * making them leaves no class-dependent trace in caches or store buffers. */
struct input {
    unsigned char a[32];
    char text[80];
    uint64_t seed;
};
static unsigned char OUT[512]; /* outputs, the same for every sample */
static unsigned char KEY[32], TAG[32];
static char CODE[12], TOKEN[80], B32[64], APIKEY[64];
static const unsigned char MSG[] = "a public message";
static const uint64_t NOW = 1700000000;
static volatile int sink;

/* Each test: `prepare` makes class `cls`'s input (outside the timing),
 * `run` is the timed call. */
struct test {
    const char *name;
    void (*prepare)(int cls, struct input *in);
    void (*run)(struct input *in);
    int draws; /* the secret is the library's own random bytes */
};

static void p_key(int cls, struct input *in) {
    if (cls) rnd_fill(in->a, 32);
    else memcpy(in->a, KEY, 32);
}
static void p_none(int cls, struct input *in) { in->seed = cls ? rnd() : 0x1234; }

static void r_compare(struct input *in) { sink = secrets_compare_digest(in->a, 32, KEY, 32); }
static void r_hmac(struct input *in) { sink = secrets_hmac_sha256(OUT, in->a, 32, MSG, sizeof MSG); }
static void r_hmac_hex(struct input *in) {
    sink = secrets_hmac_sha256_hex((char *)OUT, 65, in->a, 32, MSG, sizeof MSG);
}
/* Verifiers: both classes are rejected (the verdict is public and may
 * take its own time); class 0 differs from the right value only at the
 * end, class 1 is random, so an early-exit comparison would show. */
static void p_tag(int cls, struct input *in) {
    if (cls) rnd_fill(in->a, 32);
    else memcpy(in->a, TAG, 32), in->a[31] ^= 1;
}
static void r_hmac_verify(struct input *in) {
    sink = secrets_hmac_sha256_verify(in->a, 32, KEY, 32, MSG, sizeof MSG);
}
static void r_csrf_token(struct input *in) {
    sink = secrets_csrf_token((char *)OUT, 77, in->a, 32, "session", NOW);
}
static void p_csrf(int cls, struct input *in) {
    memcpy(in->text, TOKEN, 77);
    if (!cls) in->text[75] = in->text[75] == 'A' ? 'B' : 'A'; /* the tag's last bits */
    else /* the tag characters, replaced by random base64url */
        for (int i = 34; i < 76; i++)
            in->text[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[rnd() & 63];
}
static void r_csrf_verify(struct input *in) {
    sink = secrets_csrf_verify(in->text, KEY, 32, "session", NOW, 3600);
}
static void r_hotp(struct input *in) {
    sink = secrets_hotp((char *)OUT, 11, in->a, 20, 12345, 8, SECRETS_OTP_SHA1);
}
static void r_totp(struct input *in) {
    sink = secrets_totp((char *)OUT, 11, in->a, 20, NOW, 30, 8, SECRETS_OTP_SHA256);
}
static void p_code(int cls, struct input *in) {
    memcpy(in->text, CODE, 9);
    if (!cls) in->text[7] = in->text[7] == '0' ? '1' : '0';
    else
        for (int i = 0; i < 8; i++) in->text[i] = (char)('0' + rnd() % 10);
}
static void r_totp_verify(struct input *in) {
    sink = secrets_totp_verify(NULL, in->text, KEY, 20, NOW, 30, 8, SECRETS_OTP_SHA1, 1);
}
static void r_b32_encode(struct input *in) { sink = secrets_base32_encode((char *)OUT, 64, in->a, 20); }
static void p_b32(int cls, struct input *in) {
    /* Class 0 letters only; class 1 any base32 text (letters and 2-7),
     * the comparison of the audit. */
    for (int i = 0; i < 32; i++)
        in->text[i] = cls ? "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[rnd() & 31] : B32[i];
    in->text[32] = 0;
}
static void r_b32_decode(struct input *in) {
    size_t n;
    sink = secrets_base32_decode(OUT, 64, &n, in->text);
}
static void r_otpauth(struct input *in) {
    sink = secrets_otpauth_uri((char *)OUT, sizeof OUT, "Example", "alice", in->a, 20, 30, 6,
                               SECRETS_OTP_SHA1);
}
static void p_apikey(int cls, struct input *in) {
    if (cls) {
        if (secrets_api_key_checksummed(in->text, 64, "ghp") != SECRETS_OK) abort();
    } else {
        memcpy(in->text, APIKEY, 64);
    }
}
static void r_apikey_check(struct input *in) { sink = secrets_api_key_check(in->text); }
static void r_token_hex(struct input *in) { (void)in, sink = secrets_token_hex((char *)OUT, 65, 32); }
static void r_token_urlsafe(struct input *in) { (void)in, sink = secrets_token_urlsafe((char *)OUT, 44, 32); }
static void r_apikey_sum(struct input *in) { (void)in, sink = secrets_api_key_checksummed((char *)OUT, 64, "ghp"); }
static void r_password(struct input *in) {
    (void)in;
    sink = secrets_password((char *)OUT, 21, 20, SECRETS_LOWER | SECRETS_UPPER | SECRETS_DIGITS);
}
static void r_passphrase(struct input *in) { (void)in, sink = secrets_passphrase((char *)OUT, 80, 6, "-"); }
static void r_uuid(struct input *in) { (void)in, sink = secrets_uuid4((char *)OUT, 37); }
static void r_otp(struct input *in) { (void)in, sink = secrets_otp_numeric((char *)OUT, 9, 8); }
static void r_choice(struct input *in) { (void)in, sink = secrets_choice(OUT, KEY, 32); }

static const struct test TESTS[] = {
    {"compare_digest", p_key, r_compare, 0},
    {"hmac_sha256", p_key, r_hmac, 0},
    {"hmac_sha256_hex", p_key, r_hmac_hex, 0},
    {"hmac_sha256_verify", p_tag, r_hmac_verify, 0},
    {"csrf_token", p_key, r_csrf_token, 0},
    {"csrf_verify", p_csrf, r_csrf_verify, 0},
    {"hotp", p_key, r_hotp, 0},
    {"totp", p_key, r_totp, 0},
    {"totp_verify", p_code, r_totp_verify, 0},
    {"base32_encode", p_key, r_b32_encode, 0},
    {"base32_decode", p_b32, r_b32_decode, 0},
    {"otpauth_uri", p_key, r_otpauth, 0},
    {"api_key_check", p_apikey, r_apikey_check, 0},
    {"token_hex", p_none, r_token_hex, 1},
    {"token_urlsafe", p_none, r_token_urlsafe, 1},
    {"api_key_checksummed", p_none, r_apikey_sum, 1},
    {"password", p_none, r_password, 1},
    {"passphrase", p_none, r_passphrase, 1},
    {"uuid4", p_none, r_uuid, 1},
    {"otp_numeric", p_none, r_otp, 1},
    {"choice", p_none, r_choice, 1},
};
#define NTESTS (sizeof TESTS / sizeof TESTS[0])

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

#define CROPS 5
static const double CROP_AT[CROPS] = {0.5, 0.75, 0.9, 0.95, 0.99};

/* One run: the largest |t| over the raw and cropped timings. `aa`: both
 * classes prepared as class 1 (the A/A control), labels still random. */
static double measure(const struct test *t, long n, int aa) {
    uint64_t *cycles = malloc(sizeof *cycles * (size_t)n);
    unsigned char *cls = malloc((size_t)n);
    struct input *in = calloc((size_t)n, sizeof *in);
    for (long i = 0; i < n; i++) {
        cls[i] = (unsigned char)(rnd() & 1);
        t->prepare(aa ? 1 : cls[i], &in[i]);
    }
    for (long i = 0; i < n; i++) {
        if (t->draws) {
            entropy_class = 1;
            stream = in[i].seed;
        }
        unsigned aux;
        _mm_lfence();
        uint64_t t0 = __rdtscp(&aux);
        t->run(&in[i]);
        uint64_t t1 = __rdtscp(&aux);
        _mm_lfence();
        entropy_class = -1;
        cycles[i] = t1 - t0;
    }
    free(in);
    /* Drop the first 1% (warm-up), set the crop thresholds from the rest. */
    long skip = n / 100;
    uint64_t *sorted = malloc(sizeof *sorted * (size_t)(n - skip));
    memcpy(sorted, cycles + skip, sizeof *sorted * (size_t)(n - skip));
    qsort(sorted, (size_t)(n - skip), sizeof *sorted, cmp_u64);
    uint64_t limit[CROPS];
    for (int k = 0; k < CROPS; k++) limit[k] = sorted[(long)(CROP_AT[k] * (double)(n - skip - 1))];
    struct ttest tt[CROPS + 1];
    memset(tt, 0, sizeof tt);
    for (long i = skip; i < n; i++) {
        t_push(&tt[0], cls[i], (double)cycles[i]);
        for (int k = 0; k < CROPS; k++)
            if (cycles[i] <= limit[k]) t_push(&tt[k + 1], cls[i], (double)cycles[i]);
    }
    double worst = 0;
    for (int k = 0; k <= CROPS; k++) worst = fmax(worst, fabs(t_value(&tt[k])));
    free(cycles), free(cls), free(sorted);
    return worst;
}

static double median_cycles(const struct test *t) {
    static struct input in;
    uint64_t c[2001];
    for (int i = 0; i < 2001; i++) {
        t->prepare(1, &in);
        if (t->draws) entropy_class = 1, stream = in.seed;
        unsigned aux;
        uint64_t t0 = __rdtscp(&aux);
        t->run(&in);
        c[i] = __rdtscp(&aux) - t0;
        entropy_class = -1;
    }
    qsort(c, 2001, sizeof c[0], cmp_u64);
    return (double)c[1000];
}

int main(int argc, char **argv) {
    long n = 1000000;
    int first = 1;
    if (argc > 2 && !strcmp(argv[1], "-n")) n = atol(argv[2]), first = 3;
    /* The fixed secrets of class 0, and valid tokens for the verifiers. */
    for (int i = 0; i < 32; i++) KEY[i] = (unsigned char)(i * 29 + 7);
    if (secrets_hmac_sha256(TAG, KEY, 32, MSG, sizeof MSG) != SECRETS_OK ||
        secrets_csrf_token(TOKEN, 77, KEY, 32, "session", NOW - 10) != SECRETS_OK ||
        secrets_totp(CODE, 9, KEY, 20, NOW, 30, 8, SECRETS_OTP_SHA1) != SECRETS_OK ||
        secrets_api_key_checksummed(APIKEY, 64, "ghp") != SECRETS_OK)
        return fprintf(stderr, "setup failed\n"), 2;
    memset(B32, 'A', 32); /* letters only: decodes to zeros */
    printf("%-22s %10s %12s %12s   (%ld samples a run; |t| > 10: leak)\n", "function", "cycles",
           "|t| A/B", "|t| A/A", n);
    for (size_t i = 0; i < NTESTS; i++) {
        int wanted = argc <= first;
        for (int a = first; a < argc; a++) wanted |= !strcmp(argv[a], TESTS[i].name);
        if (!wanted) continue;
        double cyc = median_cycles(&TESTS[i]);
        double ab = measure(&TESTS[i], n, 0);
        double aa = measure(&TESTS[i], n, 1);
        printf("%-22s %10.0f %12.2f %12.2f%s\n", TESTS[i].name, cyc, ab, aa,
               ab > 10 ? "   LEAK" : "");
        fflush(stdout);
    }
    return 0;
}
