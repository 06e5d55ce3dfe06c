/*
 * libsecrets firmware example and self-test, run under QEMU (mps2-an386,
 * Cortex-M4F) in CI, and built for the host too so that CI can compare the
 * two transcripts line by line.
 *
 * It runs the RFC 4231 / RFC 4226 / RFC 6238 known-answer checks, calls
 * every generator, feeds bad input, and makes the entropy hook fail (first
 * request, and mid-call after a forced rejection), checking each time the
 * status and that the output holds no partial secret. On the firmware it
 * measures the stack each call uses by painting.
 *
 * Output: one "out NAME HEX" line per generated value (reproducible: the
 * TEST-ONLY TRNG stub is deterministic), "stack NAME BYTES" lines (firmware
 * only), an "info" line on the requests the hook served, "FAIL ..." lines,
 * and a last line "N passed, N failed". The exit status is the number of
 * failures.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "secrets.h"
#include "semihost.h"
#include "trng_stub.h"

static uint32_t passed, failed;

static void check(bool ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        sh_puts("FAIL ");
        sh_puts(what);
        sh_puts("\n");
    }
}

static size_t str_len(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static bool mem_eq(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return false;
    return true;
}

static bool str_eq(const char *a, const char *b)
{
    size_t n = str_len(b);
    return str_len(a) == n && mem_eq(a, b, n);
}

static bool all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

static void fill(void *p, size_t n, uint8_t v)
{
    uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        b[i] = v;
}

static bool in_set(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++) {
        bool found = false;
        for (const char *c = set; *c; c++)
            found |= *c == s[i];
        if (!found)
            return false;
    }
    return true;
}

/* Prints a generated value, then restarts the stub's stream from a seed of
 * its own: each value depends only on the bytes its call drew, so a
 * platform difference shows up in one line, not in every line after it. */
static void out_line(const char *name, const void *p, size_t n)
{
    static uint32_t lines;
    sh_puts("out ");
    sh_puts(name);
    sh_puts(" ");
    sh_put_hex(p, n);
    sh_puts("\n");
    trng_stub_seed(0x9E3779B9u * ++lines);
}

/* ---- stack use, measured by painting (firmware only) ---- */

#if defined(__arm__) && !defined(__linux__)
#define PAINT_BYTES (48u * 1024u)
#define PAINT_WORD 0x5AC3A55Cu

static inline uintptr_t stack_pointer(void)
{
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Fills the PAINT_BYTES below this function's frame with PAINT_WORD. */
__attribute__((noinline)) static void paint_stack(void)
{
    volatile uint32_t *p = (volatile uint32_t *)(stack_pointer() - PAINT_BYTES);
    volatile uint32_t *end = (volatile uint32_t *)(stack_pointer() - 8);
    while (p < end)
        *p++ = PAINT_WORD;
}

/* Bytes between `top` and the lowest word no longer painted. */
__attribute__((noinline)) static uint32_t stack_used(uintptr_t top)
{
    const volatile uint32_t *p = (const volatile uint32_t *)(top - PAINT_BYTES);
    while ((uintptr_t)p < top && *p == PAINT_WORD)
        p++;
    return (uint32_t)(top - (uintptr_t)p);
}

static void stack_line(const char *name, uint32_t bytes)
{
    sh_puts("stack ");
    sh_puts(name);
    sh_puts(" ");
    sh_put_uint(bytes);
    sh_puts("\n");
}

/* Evaluates `call` on a freshly painted stack and reports its depth. */
#define MEASURED(name, call)                                                   \
    __extension__({                                                            \
        uintptr_t top_ = stack_pointer();                                      \
        paint_stack();                                                         \
        secrets_status status_ = (call);                                       \
        stack_line(name, stack_used(top_));                                    \
        status_;                                                               \
    })
#else
#define MEASURED(name, call) (call)
#endif

/* ---- known answers ---- */

static const char *const rfc6238_keys[3] = {
    "12345678901234567890",
    "12345678901234567890123456789012",
    "1234567890123456789012345678901234567890123456789012345678901234",
};

static void known_answers(void)
{
    /* RFC 4231 test cases 1, 2 and 6 (HMAC-SHA256). */
    uint8_t key1[20], key6[131], tag[32];
    char hex[SECRETS_HMAC_SHA256_HEX_SIZE];
    fill(key1, sizeof key1, 0x0b);
    fill(key6, sizeof key6, 0xaa);
    static const uint8_t tc1[32] = {
        0xb0, 0x34, 0x4c, 0x61, 0xd8, 0xdb, 0x38, 0x53, 0x5c, 0xa8, 0xaf,
        0xce, 0xaf, 0x0b, 0xf1, 0x2b, 0x88, 0x1d, 0xc2, 0x00, 0xc9, 0x83,
        0x3d, 0xa7, 0x26, 0xe9, 0x37, 0x6c, 0x2e, 0x32, 0xcf, 0xf7};
    check(MEASURED("hmac_sha256", secrets_hmac_sha256(tag, key1, 20, "Hi There", 8)) ==
                  SECRETS_OK &&
              mem_eq(tag, tc1, 32),
          "RFC 4231 test case 1");
    const char *what = "what do ya want for nothing?";
    check(MEASURED("hmac_sha256_hex",
                   secrets_hmac_sha256_hex(hex, sizeof hex, "Jefe", 4, what, str_len(what))) ==
                  SECRETS_OK &&
              str_eq(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
          "RFC 4231 test case 2");
    const char *big = "Test Using Larger Than Block-Size Key - Hash Key First";
    check(secrets_hmac_sha256_hex(hex, sizeof hex, key6, sizeof key6, big, str_len(big)) ==
                  SECRETS_OK &&
              str_eq(hex, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
          "RFC 4231 test case 6");
    check(MEASURED("hmac_sha256_verify",
                   secrets_hmac_sha256_verify(tc1, 32, key1, 20, "Hi There", 8)) == SECRETS_OK,
          "hmac_sha256_verify accepts");
    check(secrets_hmac_sha256_verify(tc1, 32, key1, 20, "Hi there", 8) == SECRETS_ERR_MISMATCH,
          "hmac_sha256_verify refuses");

    /* RFC 4226 appendix D (HOTP, SHA-1). */
    char code[SECRETS_HOTP_CODE_SIZE];
    static const char *const hotp[3] = {"755224", "287082", "359152"};
    for (uint64_t c = 0; c < 3; c++)
        check(MEASURED("hotp", secrets_hotp(code, sizeof code, rfc6238_keys[0], 20, c, 6,
                                            SECRETS_OTP_SHA1)) == SECRETS_OK &&
                  str_eq(code, hotp[c]),
              "RFC 4226 HOTP");

    /* RFC 6238 appendix B (TOTP, 8 digits, 30 s, SHA-1/256/512). */
    static const uint64_t times[3] = {59, 1111111109, 20000000000u};
    static const char *const totp[3][3] = {
        {"94287082", "46119246", "90693936"},
        {"07081804", "68084774", "25091201"},
        {"65353130", "77737706", "47863826"},
    };
    for (int t = 0; t < 3; t++)
        for (uint32_t a = 0; a < 3; a++) {
            const char *k = rfc6238_keys[a];
            check(MEASURED("totp", secrets_totp(code, sizeof code, k, str_len(k), times[t], 30, 8,
                                                a + 1)) == SECRETS_OK &&
                      str_eq(code, totp[t][a]),
                  "RFC 6238 TOTP");
        }
    uint64_t matched = 0;
    check(MEASURED("totp_verify",
                   secrets_totp_verify(&matched, "07081804", rfc6238_keys[0], 20, 1111111109 + 30,
                                       30, 8, SECRETS_OTP_SHA1, 1)) == SECRETS_OK &&
              matched == 1111111109 / 30,
          "totp_verify within the window");
    check(secrets_totp_verify(&matched, "07081805", rfc6238_keys[0], 20, 1111111109, 30, 8,
                              SECRETS_OTP_SHA1, 1) == SECRETS_ERR_MISMATCH &&
              matched == 0,
          "totp_verify refuses");

    /* RFC 4648 section 10 (base32, unpadded). */
    char b32[SECRETS_BASE32_ENCODED_SIZE(6)];
    uint8_t raw[8];
    size_t raw_len = 0;
    check(MEASURED("base32_encode", secrets_base32_encode(b32, sizeof b32, "foobar", 6)) ==
                  SECRETS_OK &&
              str_eq(b32, "MZXW6YTBOI"),
          "base32_encode foobar");
    check(MEASURED("base32_decode", secrets_base32_decode(raw, sizeof raw, &raw_len,
                                                          "mzxw-6ytb oi======")) == SECRETS_OK &&
              raw_len == 6 && mem_eq(raw, "foobar", 6),
          "base32_decode foobar");

    char uri[160];
    check(MEASURED("otpauth_uri", secrets_otpauth_uri(uri, sizeof uri, "ACME Co", "jane@x.org",
                                                      "foobar", 6, 30, 6, SECRETS_OTP_SHA1)) ==
                  SECRETS_OK &&
              str_eq(uri, "otpauth://totp/ACME%20Co:jane%40x.org?secret=MZXW6YTBOI&issuer=ACME%"
                          "20Co&algorithm=SHA1&digits=6&period=30"),
          "otpauth_uri");

    check(secrets_compare_digest("abc", 3, "abc", 3) &&
              !secrets_compare_digest("abc", 3, "abd", 3),
          "compare_digest");
    check(str_eq(secrets_strerror(SECRETS_ERR_ENTROPY), "the entropy source failed"),
          "strerror(ENTROPY) names the entropy source");
}

/* ---- every generator, with the deterministic stub ---- */

static void generators(void)
{
    uint8_t bytes[64];
    check(MEASURED("token_bytes(32)", secrets_token_bytes(bytes, 32)) == SECRETS_OK, "token_bytes");
    out_line("token_bytes", bytes, 32);

    char hex[SECRETS_TOKEN_HEX_SIZE(32)];
    check(MEASURED("token_hex(32)", secrets_token_hex(hex, sizeof hex, 32)) == SECRETS_OK &&
              str_len(hex) == 64 && in_set(hex, 64, "0123456789abcdef"),
          "token_hex");
    out_line("token_hex", hex, 64);

    char url[SECRETS_TOKEN_URLSAFE_SIZE(32)];
    check(MEASURED("token_urlsafe(32)", secrets_token_urlsafe(url, sizeof url, 32)) ==
                  SECRETS_OK &&
              str_len(url) == 43,
          "token_urlsafe");
    out_line("token_urlsafe", url, 43);

    static const uint64_t bounds[5] = {1, 10, 1000000, (1ull << 63) + 1, UINT64_MAX};
    for (int i = 0; i < 5; i++) {
        uint64_t v = UINT64_MAX;
        check(MEASURED("randbelow", secrets_randbelow(&v, bounds[i])) == SECRETS_OK &&
                  v < bounds[i],
              "randbelow");
        out_line("randbelow", &v, sizeof v);
    }
    uint64_t bits = 0;
    check(MEASURED("randbits", secrets_randbits(&bits, 20)) == SECRETS_OK && bits < (1u << 20),
          "randbits");
    out_line("randbits", &bits, sizeof bits);
    int64_t r = 0;
    check(MEASURED("randrange", secrets_randrange(&r, 100, -100, -7)) == SECRETS_OK && r <= 100 &&
              r > -100 && (100 - r) % 7 == 0,
          "randrange");
    out_line("randrange", &r, sizeof r);

    static const uint8_t items[5] = {'a', 'b', 'c', 'd', 'e'};
    uint8_t picked = 0;
    check(MEASURED("choice", secrets_choice(&picked, items, 5)) == SECRETS_OK && picked >= 'a' &&
              picked <= 'e',
          "choice");
    out_line("choice", &picked, 1);

    static uint8_t deck[4096];
    for (size_t i = 0; i < sizeof deck; i++)
        deck[i] = (uint8_t)i;
    static const struct {
        size_t count;
        const char *name;
    } shuffles[3] = {{52, "shuffle(52x1)"}, {256, "shuffle(256x1)"}, {4096, "shuffle(4096x1)"}};
    for (int s = 0; s < 3; s++) {
        size_t n = shuffles[s].count;
        check(MEASURED(shuffles[s].name, secrets_shuffle(deck, n, 1)) == SECRETS_OK, "shuffle");
        uint32_t counts[256] = {0};
        bool permutation = true;
        for (size_t i = 0; i < n; i++)
            counts[deck[i]]++;
        for (size_t v = 0; v < 256; v++)
            permutation &= counts[v] == n / 256 + (v < n % 256);
        check(permutation, "shuffle is a permutation");
        out_line("shuffle", deck, 16);
        for (size_t i = 0; i < sizeof deck; i++)
            deck[i] = (uint8_t)i;
    }
    uint32_t words[52];
    for (uint32_t i = 0; i < 52; i++)
        words[i] = i * 0x01010101u;
    check(MEASURED("shuffle(52x4)", secrets_shuffle(words, 52, 4)) == SECRETS_OK, "shuffle words");
    uint64_t mask = 0;
    for (int i = 0; i < 52; i++)
        mask |= 1ull << (words[i] & 0x3f);
    check(mask == (1ull << 52) - 1, "shuffle is a permutation");
    out_line("shuffle4", words, 16);

    static size_t sample[512];
    static const struct {
        size_t k;
        uint64_t population;
        const char *name;
    } samples[3] = {{10, 49, "sample(10,49)"},
                    {512, 100000, "sample(512,100000)"},
                    {512, SIZE_MAX, "sample(512,SIZE_MAX)"}};
    for (int s = 0; s < 3; s++) {
        size_t k = samples[s].k;
        size_t pop = (size_t)samples[s].population;
        check(MEASURED(samples[s].name, secrets_sample(sample, k, pop)) == SECRETS_OK, "sample");
        bool distinct = true, below = true;
        for (size_t i = 0; i < k; i++) {
            below &= sample[i] < pop;
            for (size_t j = 0; j < i && k <= 64; j++)
                distinct &= sample[i] != sample[j];
        }
        check(distinct && below, "sample: distinct and in range");
        /* SIZE_MAX differs between a 32-bit firmware and a 64-bit host. */
        if (samples[s].population != SIZE_MAX) {
            uint32_t first = (uint32_t)sample[0];
            out_line("sample", &first, sizeof first);
        } else {
            trng_stub_seed(0x5A5A5A5Au);
        }
    }

#ifndef FIRMWARE_NO_DOUBLE
    double d = -1;
    check(MEASURED("random_double", secrets_random_double(&d)) == SECRETS_OK && d >= 0 && d < 1,
          "random_double");
    out_line("random_double", &d, sizeof d);
    check(MEASURED("uniform", secrets_uniform(&d, -2.0, 3.0)) == SECRETS_OK && d >= -2 && d <= 3,
          "uniform");
    out_line("uniform", &d, sizeof d);
    double e = secrets_password_entropy_bits(16, SECRETS_PASSWORD_DEFAULT);
    check(e > 104.5 && e < 104.9, "password_entropy_bits");
    check(secrets_entropy_bits(10, 16) == 40.0, "entropy_bits");
#endif

    char pw[65];
    check(MEASURED("password(16)", secrets_password(pw, sizeof pw, 16, SECRETS_PASSWORD_DEFAULT)) ==
                  SECRETS_OK &&
              str_len(pw) == 16,
          "password");
    out_line("password", pw, 16);
    check(MEASURED("password(4,EACH_CLASS)",
                   secrets_password(pw, sizeof pw, 4, SECRETS_PASSWORD_DEFAULT)) == SECRETS_OK &&
              str_len(pw) == 4,
          "password 4");
    check(MEASURED("password(64,NO_AMBIGUOUS)",
                   secrets_password(pw, sizeof pw, 64,
                                    SECRETS_LOWER | SECRETS_DIGITS | SECRETS_SAFE_SYMBOLS |
                                        SECRETS_NO_AMBIGUOUS | SECRETS_EACH_CLASS)) ==
                  SECRETS_OK &&
              str_len(pw) == 64,
          "password 64");
    out_line("password64", pw, 64);
    check(MEASURED("password_custom(20)", secrets_password_custom(pw, sizeof pw, 20, "xyz0-")) ==
                  SECRETS_OK &&
              in_set(pw, 20, "xyz0-"),
          "password_custom");
    out_line("password_custom", pw, 20);

    char phrase[128];
    check(MEASURED("passphrase(6)", secrets_passphrase(phrase, sizeof phrase, 6, " ")) ==
              SECRETS_OK,
          "passphrase");
    out_line("passphrase", phrase, str_len(phrase));
    static const char *const list[4] = {"north", "south", "east", "west"};
    check(MEASURED("passphrase_custom(8)",
                   secrets_passphrase_custom(phrase, sizeof phrase, 8, list, 4, NULL)) ==
              SECRETS_OK,
          "passphrase_custom");
    out_line("passphrase_custom", phrase, str_len(phrase));

    char otp[65];
    check(MEASURED("otp_numeric(6)", secrets_otp_numeric(otp, sizeof otp, 6)) == SECRETS_OK &&
              str_len(otp) == 6 && in_set(otp, 6, "0123456789"),
          "otp_numeric");
    out_line("otp_numeric", otp, 6);
    check(MEASURED("otp_alphanumeric(8)", secrets_otp_alphanumeric(otp, sizeof otp, 8)) ==
                  SECRETS_OK &&
              in_set(otp, 8, "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"),
          "otp_alphanumeric");
    out_line("otp_alphanumeric", otp, 8);

    char key[SECRETS_API_KEY_CHECKSUMMED_MAX_SIZE];
    check(MEASURED("api_key", secrets_api_key(key, sizeof key, "sk_live", 16)) == SECRETS_OK &&
              str_len(key) == 8 + 32,
          "api_key");
    out_line("api_key", key, str_len(key));
    check(MEASURED("api_key_checksummed", secrets_api_key_checksummed(key, sizeof key, "ghp")) ==
                  SECRETS_OK &&
              str_len(key) == 40,
          "api_key_checksummed");
    out_line("api_key_checksummed", key, 40);
    check(MEASURED("api_key_check", secrets_api_key_check(key)) == SECRETS_OK, "api_key_check");
    key[10] ^= 1;
    check(secrets_api_key_check(key) == SECRETS_ERR_MALFORMED, "api_key_check refuses");

    char uuid[SECRETS_UUID_SIZE];
    check(MEASURED("uuid4", secrets_uuid4(uuid, sizeof uuid)) == SECRETS_OK && uuid[14] == '4' &&
              uuid[8] == '-' && in_set(&uuid[19], 1, "89ab"),
          "uuid4");
    out_line("uuid4", uuid, 36);

    static const uint8_t csrf_key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    char csrf[SECRETS_CSRF_TOKEN_SIZE];
    check(MEASURED("csrf_token", secrets_csrf_token(csrf, sizeof csrf, csrf_key, 32, "session-1",
                                                    1700000000)) == SECRETS_OK,
          "csrf_token");
    out_line("csrf_token", csrf, 76);
    check(MEASURED("csrf_verify", secrets_csrf_verify(csrf, csrf_key, 32, "session-1",
                                                      1700000100, 3600)) == SECRETS_OK,
          "csrf_verify accepts");
    check(secrets_csrf_verify(csrf, csrf_key, 32, "session-2", 1700000100, 3600) ==
              SECRETS_ERR_MISMATCH,
          "csrf_verify refuses another session");
    check(secrets_csrf_verify(csrf, csrf_key, 32, "session-1", 1700007201, 3600) ==
              SECRETS_ERR_EXPIRED,
          "csrf_verify expires");
}

/* ---- bad input: a status, zeroed outputs, no request ---- */

static void bad_input(void)
{
    uint32_t before = trng_stub_requests();
    char buf[16];
    uint64_t v = 7;

    fill(buf, sizeof buf, 'x');
    check(secrets_token_hex(buf, sizeof buf, 8) == SECRETS_ERR_BUFFER_TOO_SMALL &&
              all_zero(buf, sizeof buf),
          "token_hex: one byte short");
    check(secrets_token_hex(NULL, 17, 8) == SECRETS_ERR_NULL_POINTER, "token_hex: NULL");
    check(secrets_randbelow(&v, 0) == SECRETS_ERR_INVALID_ARGUMENT && v == 0, "randbelow(0)");
    v = 7;
    check(secrets_randbits(&v, 65) == SECRETS_ERR_INVALID_ARGUMENT && v == 0, "randbits(65)");
    check(secrets_randbelow(NULL, 10) == SECRETS_ERR_NULL_POINTER, "randbelow: NULL");
    int64_t r = 7;
    check(secrets_randrange(&r, 0, 10, 0) == SECRETS_ERR_INVALID_ARGUMENT && r == 0,
          "randrange: step 0");
    fill(buf, sizeof buf, 'x');
    check(secrets_password(buf, sizeof buf, 8, 0) == SECRETS_ERR_INVALID_ARGUMENT &&
              all_zero(buf, sizeof buf),
          "password: no class");
    fill(buf, sizeof buf, 'x');
    check(secrets_password(buf, sizeof buf, 8, SECRETS_SYMBOLS | SECRETS_SAFE_SYMBOLS) ==
                  SECRETS_ERR_INVALID_ARGUMENT &&
              all_zero(buf, sizeof buf),
          "password: both symbol sets");
    fill(buf, sizeof buf, 'x');
    check(secrets_password(buf, sizeof buf, 3, SECRETS_PASSWORD_DEFAULT) ==
                  SECRETS_ERR_INVALID_ARGUMENT &&
              all_zero(buf, sizeof buf),
          "password: shorter than its classes");
    fill(buf, sizeof buf, 'x');
    check(secrets_password(buf, sizeof buf, 16, SECRETS_LOWER) == SECRETS_ERR_BUFFER_TOO_SMALL &&
              all_zero(buf, sizeof buf),
          "password: no room for the NUL");
    fill(buf, sizeof buf, 'x');
    check(secrets_password_custom(buf, sizeof buf, 8, "aa") == SECRETS_ERR_INVALID_ARGUMENT &&
              all_zero(buf, sizeof buf),
          "password_custom: duplicate");
    fill(buf, sizeof buf, 'x');
    check(secrets_otp_numeric(buf, sizeof buf, 0) == SECRETS_ERR_INVALID_ARGUMENT &&
              all_zero(buf, sizeof buf),
          "otp_numeric(0)");
    fill(buf, sizeof buf, 'x');
    check(secrets_hotp(buf, sizeof buf, "k", 1, 0, 5, SECRETS_OTP_SHA1) ==
                  SECRETS_ERR_INVALID_ARGUMENT &&
              all_zero(buf, sizeof buf),
          "hotp: 5 digits");
    fill(buf, sizeof buf, 'x');
    check(secrets_hotp(buf, sizeof buf, "k", 1, 0, 6, 9) == SECRETS_ERR_INVALID_ARGUMENT &&
              all_zero(buf, sizeof buf),
          "hotp: unknown algorithm");
    size_t n = 5;
    fill(buf, sizeof buf, 'x');
    check(secrets_base32_decode((uint8_t *)buf, sizeof buf, &n, "MZ!W") == SECRETS_ERR_MALFORMED &&
              all_zero(buf, sizeof buf) && n == 0,
          "base32_decode: bad character");
    check(secrets_csrf_verify("short", "0123456789abcdef", 16, NULL, 0, 60) ==
              SECRETS_ERR_MALFORMED,
          "csrf_verify: malformed");
    check(secrets_api_key_check("ghp_short") == SECRETS_ERR_MALFORMED, "api_key_check: short");
    size_t idx[4] = {9, 9, 9, 9};
    check(secrets_sample(idx, 4, 3) == SECRETS_ERR_INVALID_ARGUMENT && all_zero(idx, sizeof idx),
          "sample: k > population");
    check(secrets_shuffle(buf, 2, 0) == SECRETS_ERR_INVALID_ARGUMENT, "shuffle: element size 0");
    check(secrets_shuffle(buf, SIZE_MAX, 2) == SECRETS_ERR_INVALID_ARGUMENT,
          "shuffle: size overflows");
    check(trng_stub_requests() == before, "bad input makes no entropy request");
}

/* ---- the entropy hook fails: SECRETS_ERR_ENTROPY, nothing partial left ---- */

#define OUT_SIZE 96

typedef secrets_status (*generator)(uint8_t *out);

static secrets_status g_token_bytes(uint8_t *o) { return secrets_token_bytes(o, OUT_SIZE); }
static secrets_status g_token_hex(uint8_t *o) { return secrets_token_hex((char *)o, OUT_SIZE, 32); }
static secrets_status g_token_urlsafe(uint8_t *o)
{
    return secrets_token_urlsafe((char *)o, OUT_SIZE, 32);
}
static secrets_status g_randbelow(uint8_t *o)
{
    uint64_t v = 1;
    secrets_status s = secrets_randbelow(&v, 1000000);
    for (int i = 0; i < 8; i++)
        o[i] = (uint8_t)(v >> (8 * i));
    return s;
}
static secrets_status g_choice(uint8_t *o) { return secrets_choice(o, "abcdefghij", 10); }
static secrets_status g_sample(uint8_t *o)
{
    return secrets_sample((size_t *)(void *)o, OUT_SIZE / sizeof(size_t), 1000);
}
static secrets_status g_password(uint8_t *o)
{
    return secrets_password((char *)o, OUT_SIZE, 40, SECRETS_PASSWORD_DEFAULT);
}
static secrets_status g_password_custom(uint8_t *o)
{
    return secrets_password_custom((char *)o, OUT_SIZE, 40, "abcdefghijk");
}
static secrets_status g_passphrase(uint8_t *o)
{
    return secrets_passphrase((char *)o, OUT_SIZE, 4, NULL);
}
static secrets_status g_otp_numeric(uint8_t *o) { return secrets_otp_numeric((char *)o, OUT_SIZE, 8); }
static secrets_status g_otp_alnum(uint8_t *o)
{
    return secrets_otp_alphanumeric((char *)o, OUT_SIZE, 8);
}
static secrets_status g_api_key(uint8_t *o) { return secrets_api_key((char *)o, OUT_SIZE, "k", 16); }
static secrets_status g_api_key_checksummed(uint8_t *o)
{
    return secrets_api_key_checksummed((char *)o, OUT_SIZE, "ghp");
}
static secrets_status g_uuid4(uint8_t *o) { return secrets_uuid4((char *)o, OUT_SIZE); }
static secrets_status g_csrf(uint8_t *o)
{
    return secrets_csrf_token((char *)o, OUT_SIZE, "0123456789abcdef", 16, NULL, 1700000000);
}

static const struct {
    const char *name;
    generator run;
    size_t out_len; /* bytes of out the call writes */
    bool rejects; /* all-zero draws are rejected: a second request follows */
} failing[] = {
    {"token_bytes", g_token_bytes, OUT_SIZE, false},
    {"token_hex", g_token_hex, OUT_SIZE, false},
    {"token_urlsafe", g_token_urlsafe, OUT_SIZE, false},
    {"randbelow", g_randbelow, 8, true},
    {"choice", g_choice, 1, true},
    {"sample", g_sample, OUT_SIZE, true},
    {"password", g_password, OUT_SIZE, true},
    {"password_custom", g_password_custom, OUT_SIZE, true},
    {"passphrase", g_passphrase, OUT_SIZE, true},
    {"otp_numeric", g_otp_numeric, OUT_SIZE, true},
    {"otp_alphanumeric", g_otp_alnum, OUT_SIZE, false},
    {"api_key", g_api_key, OUT_SIZE, false},
    {"api_key_checksummed", g_api_key_checksummed, OUT_SIZE, true},
    {"uuid4", g_uuid4, OUT_SIZE, false},
    {"csrf_token", g_csrf, OUT_SIZE, false},
};

static void entropy_failures(void)
{
    static uint8_t out[OUT_SIZE] __attribute__((aligned(8)));
    for (size_t i = 0; i < sizeof failing / sizeof failing[0]; i++) {
        /* The first request fails. */
        fill(out, sizeof out, 0x77);
        trng_stub_fail_at(1, 0);
        uint32_t before = trng_stub_requests();
        secrets_status s = failing[i].run(out);
        check(s == SECRETS_ERR_ENTROPY && all_zero(out, failing[i].out_len) &&
                  trng_stub_requests() == before + 1,
              failing[i].name);
        if (!failing[i].rejects)
            continue;
        /* Mid-call: the first request's zeros are all rejected, the second
         * request fails after writing half its buffer. */
        fill(out, sizeof out, 0x77);
        trng_stub_fail_at(2, 1);
        before = trng_stub_requests();
        s = failing[i].run(out);
        check(s == SECRETS_ERR_ENTROPY && all_zero(out, failing[i].out_len) &&
                  trng_stub_requests() == before + 2,
              failing[i].name);
    }
#ifndef FIRMWARE_NO_DOUBLE
    double d = 0.5;
    trng_stub_fail_at(1, 0);
    check(secrets_random_double(&d) == SECRETS_ERR_ENTROPY && d == 0.0, "random_double");
#endif
    trng_stub_fail_at(0, 0);
    /* Unaffected afterwards. */
    check(secrets_token_bytes(out, 16) == SECRETS_OK && !all_zero(out, 16), "recovers");
}

/* The hook's side of the request promise: no empty request, and none larger
 * than a stream's 256-byte buffer (bigger outputs come from ChaCha20 keyed
 * by a 32-byte request). */
static void request_sizes(void)
{
    sh_puts("info hook requests ");
    sh_put_uint(trng_stub_requests());
    sh_puts(", largest ");
    sh_put_uint((uint32_t)trng_stub_largest());
    sh_puts("\n");
    check(trng_stub_empty_requests() == 0, "no request of 0 bytes");
    check(trng_stub_largest() <= 256, "no request over 256 bytes");
}

int main(void)
{
    known_answers();
    generators();
    bad_input();
    entropy_failures();
    request_sizes();
    sh_put_uint(passed);
    sh_puts(" passed, ");
    sh_put_uint(failed);
    sh_puts(" failed\n");
    sh_flush();
    return failed > 255 ? 255 : (int)failed;
}
