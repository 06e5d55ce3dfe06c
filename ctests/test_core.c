/*
 * Core randomness through the public header: formats and lengths of every
 * token, bounds of every integer function, chi-square uniformity of every
 * chooser, and the bad-input battery (each a status, a zeroed output, no
 * crash).
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define DRAWS 20000

static int is_lower_hex(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
    return 1;
}

static int is_base64url(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_'))
            return 0;
    }
    return 1;
}

static void test_status_and_version(void) {
    for (int s = SECRETS_OK; s <= SECRETS_ERR_MALFORMED; s++) {
        const char *text = secrets_strerror(s);
        CHECK(text != NULL && strlen(text) > 0);
        for (int t = SECRETS_OK; t < s; t++) CHECK(strcmp(text, secrets_strerror(t)) != 0);
    }
    CHECK(secrets_strerror(-1) != NULL && secrets_strerror(1000) != NULL);
    CHECK(strcmp(secrets_strerror(99), secrets_strerror(-5)) == 0);
    CHECK(SECRETS_OK == 0 && SECRETS_ERR_NULL_POINTER == 1 && SECRETS_ERR_BUFFER_TOO_SMALL == 2 &&
          SECRETS_ERR_INVALID_ARGUMENT == 3 && SECRETS_ERR_ENTROPY == 4 && SECRETS_ERR_MISMATCH == 5 &&
          SECRETS_ERR_EXPIRED == 6 && SECRETS_ERR_MALFORMED == 7);
    CHECK(sizeof(secrets_status) == 4);
    CHECK(strcmp(secrets_version(), "0.2.0") == 0);
    CHECK(SECRETS_DEFAULT_ENTROPY == 32);
}

static void test_token_bytes(void) {
    uint8_t a[64], b[64];
    CHECK_STATUS(secrets_token_bytes(a, sizeof a), SECRETS_OK);
    CHECK_STATUS(secrets_token_bytes(b, sizeof b), SECRETS_OK);
    CHECK(memcmp(a, b, sizeof a) != 0);
    CHECK(!check_all_zero(a, sizeof a));
    CHECK_STATUS(secrets_token_bytes(NULL, 0), SECRETS_OK);
    CHECK_STATUS(secrets_token_bytes(a, 0), SECRETS_OK);
    CHECK_STATUS(secrets_token_bytes(NULL, 16), SECRETS_ERR_NULL_POINTER);
    a[0] = 0xaa;
    CHECK_STATUS(secrets_token_bytes(a, SIZE_MAX), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(a[0] == 0); /* only the first byte of an impossible size is cleared */
    CHECK_STATUS(secrets_token_bytes(a, (size_t)PTRDIFF_MAX + 1), SECRETS_ERR_INVALID_ARGUMENT);
    /* Every byte value appears, evenly, in a long token. */
    static uint8_t big[256 * 200];
    unsigned long counts[256] = {0};
    CHECK_STATUS(secrets_token_bytes(big, sizeof big), SECRETS_OK);
    for (size_t i = 0; i < sizeof big; i++) counts[big[i]]++;
    CHECK_UNIFORM(counts, 256, "token_bytes byte values");
}

static void test_token_hex(void) {
    char out[300];
    for (size_t n = 0; n <= 100; n++) {
        memset(out, 'x', sizeof out);
        CHECK(secrets_token_hex_size(n) == 2 * n + 1);
        CHECK(SECRETS_TOKEN_HEX_SIZE(n) == 2 * n + 1);
        CHECK_STATUS(secrets_token_hex(out, secrets_token_hex_size(n), n), SECRETS_OK);
        CHECK(strlen(out) == 2 * n && is_lower_hex(out, 2 * n));
    }
    /* Exact size works, one byte short fails and is zeroed. */
    char exact[SECRETS_TOKEN_HEX_SIZE(32)];
    CHECK_STATUS(secrets_token_hex(exact, sizeof exact, 32), SECRETS_OK);
    CHECK(strlen(exact) == 64);
    memset(out, 'x', sizeof out);
    CHECK_STATUS(secrets_token_hex(out, 64, 32), SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK(check_all_zero(out, 64));
    CHECK(out[64] == 'x');
    CHECK_STATUS(secrets_token_hex(out, 0, 0), SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(secrets_token_hex(out, 1, 0), SECRETS_OK);
    CHECK(out[0] == '\0');
    CHECK_STATUS(secrets_token_hex(NULL, 65, 32), SECRETS_ERR_NULL_POINTER);
    memset(out, 'x', sizeof out);
    CHECK_STATUS(secrets_token_hex(out, sizeof out, SIZE_MAX), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(check_all_zero(out, sizeof out));
    CHECK_STATUS(secrets_token_hex(out, sizeof out, SIZE_MAX / 2 + 1), SECRETS_ERR_INVALID_ARGUMENT);
    memset(out, 'x', sizeof out);
    CHECK_STATUS(secrets_token_hex(out, SIZE_MAX, 8), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(out[0] == '\0');
    CHECK(secrets_token_hex_size(SIZE_MAX) == 0);
    CHECK(secrets_token_hex_size(SIZE_MAX / 2) == 0);
    CHECK(secrets_token_hex_size((PTRDIFF_MAX - 1) / 2) == (size_t)PTRDIFF_MAX);
    CHECK(secrets_token_hex_size((PTRDIFF_MAX - 1) / 2 + 1) == 0); /* above PTRDIFF_MAX */
    memset(out, 'x', sizeof out);
    CHECK_STATUS(secrets_token_hex(out, sizeof out, (PTRDIFF_MAX - 1) / 2), SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK(check_all_zero(out, sizeof out));
    /* Each hex digit value is equally likely. */
    unsigned long counts[16] = {0};
    for (int i = 0; i < 2000; i++) {
        CHECK_STATUS(secrets_token_hex(out, sizeof out, 16), SECRETS_OK);
        for (int j = 0; j < 32; j++) counts[out[j] <= '9' ? out[j] - '0' : out[j] - 'a' + 10]++;
    }
    CHECK_UNIFORM(counts, 16, "token_hex digits");
}

static void test_token_urlsafe(void) {
    char out[300];
    for (size_t n = 0; n <= 150; n++) {
        size_t len = (4 * n + 2) / 3; /* len(secrets.token_urlsafe(n)) */
        CHECK(secrets_token_urlsafe_size(n) == len + 1);
        CHECK(SECRETS_TOKEN_URLSAFE_SIZE(n) == len + 1);
        memset(out, 'x', sizeof out);
        CHECK_STATUS(secrets_token_urlsafe(out, len + 1, n), SECRETS_OK);
        CHECK(strlen(out) == len && is_base64url(out, len));
        memset(out, 'x', sizeof out);
        if (len + 1 > 1) {
            CHECK_STATUS(secrets_token_urlsafe(out, len, n), SECRETS_ERR_BUFFER_TOO_SMALL);
            CHECK(check_all_zero(out, len));
        }
    }
    CHECK(secrets_token_urlsafe_size(32) == 44);
    CHECK(secrets_token_urlsafe_size(SIZE_MAX) == 0);
    CHECK_STATUS(secrets_token_urlsafe(NULL, 44, 32), SECRETS_ERR_NULL_POINTER);
    memset(out, 'x', sizeof out);
    CHECK_STATUS(secrets_token_urlsafe(out, sizeof out, SIZE_MAX), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(check_all_zero(out, sizeof out));
    /* All 64 characters equally likely in full groups (3 bytes -> 4 chars). */
    unsigned long counts[64] = {0};
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < 2000; i++) {
        CHECK_STATUS(secrets_token_urlsafe(out, sizeof out, 30), SECRETS_OK);
        for (int j = 0; j < 40; j++) counts[strchr(alphabet, out[j]) - alphabet]++;
    }
    CHECK_UNIFORM(counts, 64, "token_urlsafe characters");
}

static void test_randbelow(void) {
    uint64_t v = 77;
    const uint64_t bounds[] = {1, 2, 3, 10, 95, 1000000, (1ull << 32) + 1, (1ull << 63) + 1,
                               10000000000000000000ull, UINT64_MAX};
    for (size_t b = 0; b < sizeof bounds / sizeof bounds[0]; b++) {
        for (int i = 0; i < 500; i++) {
            CHECK_STATUS(secrets_randbelow(&v, bounds[b]), SECRETS_OK);
            CHECK(v < bounds[b]);
        }
    }
    CHECK_STATUS(secrets_randbelow(&v, 1), SECRETS_OK);
    CHECK(v == 0);
    v = 77;
    CHECK_STATUS(secrets_randbelow(&v, 0), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(v == 0);
    CHECK_STATUS(secrets_randbelow(NULL, 10), SECRETS_ERR_NULL_POINTER);
    /* Uniformity at small awkward bounds. */
    const uint64_t small[] = {2, 3, 10, 62, 95};
    for (size_t b = 0; b < sizeof small / sizeof small[0]; b++) {
        unsigned long counts[95] = {0};
        for (uint64_t i = 0; i < 300 * small[b]; i++) {
            CHECK_STATUS(secrets_randbelow(&v, small[b]), SECRETS_OK);
            counts[v]++;
        }
        CHECK_UNIFORM(counts, (size_t)small[b], "randbelow small bound");
    }
    /* 2^63 + 1 rejects half of all draws: the halves and the top bit stay fair. */
    unsigned long halves[2] = {0}, top[2] = {0};
    for (int i = 0; i < DRAWS; i++) {
        CHECK_STATUS(secrets_randbelow(&v, (1ull << 63) + 1), SECRETS_OK);
        halves[v >= (1ull << 62)]++;
        top[v & 1]++;
    }
    CHECK_UNIFORM(halves, 2, "randbelow(2^63+1) halves");
    CHECK_UNIFORM(top, 2, "randbelow(2^63+1) parity");
    /* 10^19: a bare modulo of a 64-bit word would favour values below 2^64 - 10^19 by 2x. */
    unsigned long deciles[10] = {0};
    for (int i = 0; i < DRAWS; i++) {
        CHECK_STATUS(secrets_randbelow(&v, 10000000000000000000ull), SECRETS_OK);
        deciles[v / 1000000000000000000ull]++;
    }
    CHECK_UNIFORM(deciles, 10, "randbelow(10^19) deciles");
    unsigned long quarters[4] = {0};
    for (int i = 0; i < DRAWS; i++) {
        CHECK_STATUS(secrets_randbelow(&v, UINT64_MAX), SECRETS_OK);
        quarters[v >> 62]++;
    }
    CHECK_UNIFORM(quarters, 4, "randbelow(UINT64_MAX) quarters");
}

static void test_randbits(void) {
    uint64_t v = 5;
    CHECK_STATUS(secrets_randbits(&v, 0), SECRETS_OK);
    CHECK(v == 0);
    for (uint32_t k = 1; k < 64; k++) {
        uint64_t seen_or = 0;
        for (int i = 0; i < 64; i++) {
            CHECK_STATUS(secrets_randbits(&v, k), SECRETS_OK);
            CHECK(v < (1ull << k));
            seen_or |= v;
        }
        CHECK(seen_or >> (k - 1) == 1); /* the top bit is reachable */
    }
    uint64_t seen_or = 0;
    for (int i = 0; i < 64; i++) {
        CHECK_STATUS(secrets_randbits(&v, 64), SECRETS_OK);
        seen_or |= v;
    }
    CHECK(seen_or >> 63 == 1);
    v = 5;
    CHECK_STATUS(secrets_randbits(&v, 65), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(v == 0);
    CHECK_STATUS(secrets_randbits(&v, UINT32_MAX), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_randbits(NULL, 8), SECRETS_ERR_NULL_POINTER);
    unsigned long counts[32] = {0};
    for (int i = 0; i < DRAWS; i++) {
        CHECK_STATUS(secrets_randbits(&v, 5), SECRETS_OK);
        counts[v]++;
    }
    CHECK_UNIFORM(counts, 32, "randbits(5)");
}

static void test_randrange(void) {
    int64_t v = 9;
    unsigned long counts[4] = {0};
    for (int i = 0; i < DRAWS; i++) {
        CHECK_STATUS(secrets_randrange(&v, 10, 0, -3), SECRETS_OK); /* 10, 7, 4, 1 */
        CHECK(v == 10 || v == 7 || v == 4 || v == 1);
        counts[(10 - v) / 3]++;
    }
    CHECK_UNIFORM(counts, 4, "randrange(10, 0, -3)");
    unsigned long odd[5] = {0};
    for (int i = 0; i < DRAWS; i++) {
        CHECK_STATUS(secrets_randrange(&v, -5, 5, 2), SECRETS_OK); /* -5 -3 -1 1 3 */
        CHECK(v >= -5 && v <= 3 && (v + 5) % 2 == 0);
        odd[(v + 5) / 2]++;
    }
    CHECK_UNIFORM(odd, 5, "randrange(-5, 5, 2)");
    CHECK_STATUS(secrets_randrange(&v, 7, 8, 1), SECRETS_OK);
    CHECK(v == 7);
    CHECK_STATUS(secrets_randrange(&v, 0, 10, 100), SECRETS_OK);
    CHECK(v == 0);
    for (int i = 0; i < 200; i++) {
        CHECK_STATUS(secrets_randrange(&v, INT64_MIN, INT64_MAX, 1), SECRETS_OK);
        CHECK(v != INT64_MAX);
        CHECK_STATUS(secrets_randrange(&v, INT64_MAX, INT64_MIN, -1), SECRETS_OK);
        CHECK(v != INT64_MIN);
        CHECK_STATUS(secrets_randrange(&v, INT64_MAX, INT64_MIN, INT64_MIN), SECRETS_OK);
        CHECK(v == INT64_MAX || v == -1);
    }
    /* Python raises ValueError for these. */
    v = 9;
    CHECK_STATUS(secrets_randrange(&v, 0, 10, 0), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(v == 0);
    CHECK_STATUS(secrets_randrange(&v, 5, 5, 1), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_randrange(&v, 0, 10, -1), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_randrange(&v, 10, 0, 1), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_randrange(NULL, 0, 10, 1), SECRETS_ERR_NULL_POINTER);
}

static void test_choice(void) {
    const uint8_t items[7] = {'a', 'b', 'c', 'd', 'e', 'f', 'g'};
    uint8_t v = 9;
    unsigned long counts[7] = {0};
    for (int i = 0; i < DRAWS; i++) {
        CHECK_STATUS(secrets_choice(&v, items, sizeof items), SECRETS_OK);
        CHECK(v >= 'a' && v <= 'g');
        counts[v - 'a']++;
    }
    CHECK_UNIFORM(counts, 7, "choice of 7");
    CHECK_STATUS(secrets_choice(&v, items, 1), SECRETS_OK);
    CHECK(v == 'a');
    v = 9;
    CHECK_STATUS(secrets_choice(&v, items, 0), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(v == 0);
    v = 9;
    CHECK_STATUS(secrets_choice(&v, NULL, 7), SECRETS_ERR_NULL_POINTER);
    CHECK(v == 0);
    CHECK_STATUS(secrets_choice(NULL, items, 7), SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_choice(&v, items, SIZE_MAX), SECRETS_ERR_INVALID_ARGUMENT);
    v = 9;
    CHECK_STATUS(secrets_choice(&v, NULL, 0), SECRETS_ERR_NULL_POINTER);
    CHECK(v == 0);
}

/* Index 0..23 of a permutation of {0,1,2,3} (its Lehmer code). */
static int permutation_index(const int p[4]) {
    int code = 0;
    for (int i = 0; i < 4; i++) {
        int smaller = 0;
        for (int j = i + 1; j < 4; j++) smaller += p[j] < p[i];
        code = code * (4 - i) + smaller;
    }
    return code;
}

static void test_shuffle(void) {
    unsigned long counts[24] = {0};
    for (int i = 0; i < 24 * 500; i++) {
        int p[4] = {0, 1, 2, 3};
        CHECK_STATUS(secrets_shuffle(p, 4, sizeof p[0]), SECRETS_OK);
        counts[permutation_index(p)]++;
    }
    CHECK_UNIFORM(counts, 24, "shuffle of 4: all 24 orders");
    for (int i = 0; i < 24; i++) CHECK(counts[i] > 0);

    /* Odd element sizes move whole elements; nothing is lost or duplicated. */
    char cards[52][3];
    for (int i = 0; i < 52; i++) cards[i][0] = cards[i][1] = cards[i][2] = (char)i;
    CHECK_STATUS(secrets_shuffle(cards, 52, 3), SECRETS_OK);
    int seen[52] = {0};
    for (int i = 0; i < 52; i++) {
        CHECK(cards[i][0] == cards[i][1] && cards[i][1] == cards[i][2]);
        seen[(int)cards[i][0]]++;
    }
    for (int i = 0; i < 52; i++) CHECK(seen[i] == 1);

    int one = 42;
    CHECK_STATUS(secrets_shuffle(&one, 1, sizeof one), SECRETS_OK);
    CHECK(one == 42);
    CHECK_STATUS(secrets_shuffle(NULL, 0, 4), SECRETS_OK);
    CHECK_STATUS(secrets_shuffle(NULL, 3, 4), SECRETS_ERR_NULL_POINTER);
    int arr[4] = {1, 2, 3, 4};
    CHECK_STATUS(secrets_shuffle(arr, 4, 0), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_shuffle(arr, SIZE_MAX / 2, 4), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_shuffle(arr, 4, SIZE_MAX), SECRETS_ERR_INVALID_ARGUMENT);
    /* count * elem_size at or beyond half the address space (2^63 bytes
       on 64-bit targets, 2^31 on 32-bit ones) */
    CHECK_STATUS(secrets_shuffle(arr, SIZE_MAX / 4 + 1, 4), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_shuffle(arr, SIZE_MAX / 4 + 1, 2), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(arr[0] == 1 && arr[1] == 2 && arr[2] == 3 && arr[3] == 4); /* refused, untouched */
}

static void test_sample(void) {
    size_t out[64];
    const size_t cases[][2] = {{1, 1}, {3, 5}, {5, 5}, {10, 1000}, {64, 64}, {64, SIZE_MAX / 8}, {2, SIZE_MAX}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t k = cases[c][0], population = cases[c][1];
        for (int rep = 0; rep < 200; rep++) {
            CHECK_STATUS(secrets_sample(out, k, population), SECRETS_OK);
            int ok = 1;
            for (size_t i = 0; i < k; i++) {
                if (out[i] >= population) ok = 0;
                for (size_t j = 0; j < i; j++)
                    if (out[i] == out[j]) ok = 0;
            }
            CHECK(ok);
        }
    }
    /* Every index is equally likely in every position, dense and sparse. */
    unsigned long first[10] = {0}, last[10] = {0}, member[10] = {0};
    for (int rep = 0; rep < 10000; rep++) {
        CHECK_STATUS(secrets_sample(out, 3, 10), SECRETS_OK);
        first[out[0]]++;
        last[out[2]]++;
        CHECK_STATUS(secrets_sample(out, 8, 10), SECRETS_OK);
        for (int i = 0; i < 8; i++) member[out[i]]++;
    }
    CHECK_UNIFORM(first, 10, "sample(3, 10) first");
    CHECK_UNIFORM(last, 10, "sample(3, 10) last");
    CHECK_UNIFORM(member, 10, "sample(8, 10) members");
    /* A full sample is a permutation, in uniformly random order. */
    unsigned long orders[24] = {0};
    for (int rep = 0; rep < 24 * 300; rep++) {
        CHECK_STATUS(secrets_sample(out, 4, 4), SECRETS_OK);
        int p[4] = {(int)out[0], (int)out[1], (int)out[2], (int)out[3]};
        orders[permutation_index(p)]++;
    }
    CHECK_UNIFORM(orders, 24, "sample(4, 4) orders");

    CHECK_STATUS(secrets_sample(NULL, 0, 10), SECRETS_OK);
    CHECK_STATUS(secrets_sample(out, 0, 0), SECRETS_OK);
    CHECK_STATUS(secrets_sample(NULL, 3, 10), SECRETS_ERR_NULL_POINTER);
    memset(out, 0xff, sizeof out);
    CHECK_STATUS(secrets_sample(out, 6, 5), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(check_all_zero(out, 6 * sizeof out[0]));
    CHECK_STATUS(secrets_sample(out, 1, 0), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_sample(out, SIZE_MAX / 4, SIZE_MAX), SECRETS_ERR_INVALID_ARGUMENT);
}

static void test_doubles(void) {
    double d = 7, sum = 0;
    unsigned long tenths[10] = {0};
    for (int i = 0; i < DRAWS; i++) {
        CHECK_STATUS(secrets_random_double(&d), SECRETS_OK);
        CHECK(d >= 0.0 && d < 1.0);
        double scaled = d * 9007199254740992.0; /* 2^53 */
        CHECK(scaled == (double)(uint64_t)scaled);
        tenths[(int)(d * 10)]++;
        sum += d;
    }
    CHECK_UNIFORM(tenths, 10, "random_double tenths");
    CHECK(sum / DRAWS > 0.48 && sum / DRAWS < 0.52);
    CHECK_STATUS(secrets_random_double(NULL), SECRETS_ERR_NULL_POINTER);

    for (int i = 0; i < 1000; i++) {
        CHECK_STATUS(secrets_uniform(&d, -2.5, 7.5), SECRETS_OK);
        CHECK(d >= -2.5 && d <= 7.5);
        CHECK_STATUS(secrets_uniform(&d, 3.0, -3.0), SECRETS_OK);
        CHECK(d >= -3.0 && d <= 3.0);
    }
    CHECK_STATUS(secrets_uniform(&d, 4.0, 4.0), SECRETS_OK);
    CHECK(d == 4.0);
    d = 7;
    CHECK_STATUS(secrets_uniform(&d, 0.0, INFINITY), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(d == 0.0);
    CHECK_STATUS(secrets_uniform(&d, NAN, 1.0), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_uniform(&d, -1.7e308, 1.7e308), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_uniform(NULL, 0.0, 1.0), SECRETS_ERR_NULL_POINTER);
}

static void test_compare_and_memzero(void) {
    const char *a = "correct horse battery staple";
    char b[64];
    strcpy(b, a);
    CHECK(secrets_compare_digest(a, strlen(a), b, strlen(b)));
    b[27] ^= 1;
    CHECK(!secrets_compare_digest(a, strlen(a), b, strlen(b)));
    b[27] ^= 1;
    b[0] ^= 0x80;
    CHECK(!secrets_compare_digest(a, strlen(a), b, strlen(b)));
    CHECK(!secrets_compare_digest(a, strlen(a), a, strlen(a) - 1));
    CHECK(!secrets_compare_digest("", 0, "x", 1));
    CHECK(secrets_compare_digest("", 0, "", 0));
    CHECK(secrets_compare_digest(NULL, 0, NULL, 0));
    CHECK(secrets_compare_digest(NULL, 0, "", 0));
    CHECK(!secrets_compare_digest(NULL, 4, "abcd", 4));
    CHECK(!secrets_compare_digest("abcd", 4, NULL, 4));
    for (size_t i = 0; i < 40; i++) {
        uint8_t x[40], y[40];
        memset(x, 0x5a, sizeof x);
        memcpy(y, x, sizeof y);
        CHECK(secrets_compare_digest(x, i, y, i));
        y[i] ^= 0x01;
        CHECK(!secrets_compare_digest(x, sizeof x, y, sizeof y));
    }

    uint8_t secret[100];
    memset(secret, 0xaa, sizeof secret);
    secrets_memzero(secret, sizeof secret);
    CHECK(check_all_zero(secret, sizeof secret));
    secrets_memzero(NULL, 10);
    secrets_memzero(secret, 0);
    secrets_memzero(secret, SIZE_MAX); /* refused, not a crash */
}

/* A child after fork() gets fresh randomness: nothing is cached in-process. */
static void test_fork(void) {
    int pipefd[2];
    CHECK(pipe(pipefd) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        char child[SECRETS_TOKEN_HEX_SIZE(16)];
        if (secrets_token_hex(child, sizeof child, 16) != SECRETS_OK) _exit(1);
        ssize_t w = write(pipefd[1], child, sizeof child);
        _exit(w == (ssize_t)sizeof child ? 0 : 1);
    }
    char parent[SECRETS_TOKEN_HEX_SIZE(16)], child[SECRETS_TOKEN_HEX_SIZE(16)];
    CHECK_STATUS(secrets_token_hex(parent, sizeof parent, 16), SECRETS_OK);
    CHECK(read(pipefd[0], child, sizeof child) == (ssize_t)sizeof child);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(strcmp(parent, child) != 0);
    close(pipefd[0]);
    close(pipefd[1]);
}

int main(void) {
    test_status_and_version();
    test_token_bytes();
    test_token_hex();
    test_token_urlsafe();
    test_randbelow();
    test_randbits();
    test_randrange();
    test_choice();
    test_shuffle();
    test_sample();
    test_doubles();
    test_compare_and_memzero();
    test_fork();
    return check_finish("test_core");
}
