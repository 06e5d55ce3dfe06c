/*
 * One call of every exported function, with known secret inputs, shared by
 * the secret-taint check (taint.c, under valgrind) and the stack residue
 * check (residue.c). Each entry has a `setup` (builds inputs, possibly with
 * other library calls: untainted, unscanned) and a `call` (the one call
 * under test). Everything lives in the global `cx`, never on the stack, so
 * the only stack the call uses is the library's.
 *
 * For each call `cx` lists:
 *   sec[]  the secret inputs (taint: marked undefined before the call;
 *          residue: searched for in the dead stack), with derived secrets
 *          the library computes internally (the expected tag, key ^ ipad);
 *   out[]  the secret outputs (residue: searched for after the call);
 *   res    the whole output buffer of a generator (zeroed on failure);
 *   pub[]  public outputs that must come out defined under taint (sizes,
 *          entropy figures, a status that is not a verdict).
 * The flags say what the taint check may declassify (see taint.c and
 * declassify.supp): F_VERDICT the status/result is a verification verdict,
 * F_DRAWS the call must draw random bytes.
 *
 * Functions added in 0.2 are declared weak here (signatures as documented)
 * so that this file builds against either header; a missing one is
 * reported, and the check scripts fail when the library exports a function
 * that has no entry here.
 */
#ifndef SECRETS_CHECKS_CALLS_H
#define SECRETS_CHECKS_CALLS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "secrets.h"

#define WEAK __attribute__((weak))
WEAK secrets_status secrets_hotp_verify(uint64_t *matched_counter, const char *code,
                                        const void *key, size_t key_len, uint64_t counter,
                                        uint32_t look_ahead, uint32_t digits, uint32_t algorithm);
WEAK secrets_status secrets_otpauth_uri_hotp(char *out, size_t out_size, const char *issuer,
                                             const char *account, const void *key, size_t key_len,
                                             uint64_t counter, uint32_t digits, uint32_t algorithm);
WEAK secrets_status secrets_api_key_check_prefix(const char *key, const char *prefix);
WEAK size_t secrets_otpauth_uri_size(const char *issuer, const char *account, size_t key_len);
WEAK size_t secrets_passphrase_custom_size(size_t words, const char *const *wordlist,
                                           size_t wordlist_len, const char *separator);

enum { F_DRAWS = 1, F_VERDICT = 2 };

struct region {
    const void *p;
    size_t n;
    const char *what;
};

static struct {
    struct region sec[8], out[4], pub[4], res;
    int nsec, nout, npub;
    secrets_status status;
    int has_status;
    /* Inputs. */
    unsigned char key[64], key_ipad[64], key_opad[64], tag[32], bytes[64];
    char text[160], text2[160];
    /* Outputs. */
    unsigned char obuf[512];
    char otext[512];
    uint64_t u64;
    int64_t i64;
    double dbl;
    size_t sz, sample[16];
    uint32_t words32[32];
    bool verdict;
    const char *str;
} cx;

static void sec(const void *p, size_t n, const char *what) {
    cx.sec[cx.nsec++] = (struct region){p, n, what};
}
static void out(const void *p, size_t n, const char *what) {
    cx.out[cx.nout++] = (struct region){p, n, what};
}
static void pub(const void *p, size_t n, const char *what) {
    cx.pub[cx.npub++] = (struct region){p, n, what};
}
/* The whole output a generator must zero when it fails. */
static void res(void *p, size_t n) { cx.res = (struct region){p, n, "output"}; }
static void status_is(secrets_status s) {
    cx.status = s;
    cx.has_status = 1;
}

static const char *const WORDS[] = {"correct", "horse", "battery", "staple", "xylophone",
                                    "ox",      "quartz", "jumbo",  "vivid",  "kiwi"};
#define NWORDS (sizeof WORDS / sizeof WORDS[0])
static const unsigned char MSG[] = "a public message";
static const uint64_t NOW = 1700000000;

/* A key of `n` bytes no other data on the stack looks like (xorshift), its
 * HMAC pads (a copy of key ^ ipad is as good as the key), and the key as a
 * secret input. */
static void key_setup(size_t n) {
    uint64_t x = 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < sizeof cx.key; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        cx.key[i] = (unsigned char)(x >> 24);
    }
    for (size_t i = 0; i < n; i++) {
        cx.key_ipad[i] = cx.key[i] ^ 0x36;
        cx.key_opad[i] = cx.key[i] ^ 0x5c;
    }
    sec(cx.key, n, "key");
    sec(cx.key_ipad, n, "key ^ ipad");
    sec(cx.key_opad, n, "key ^ opad");
}

/* The HMAC-SHA256 the library computes inside (OTP SHA-256 codes, CSRF
 * tags): made with the library before the call, a secret to look for. */
static void inner_mac(const void *msg, size_t len) {
    if (secrets_hmac_sha256(cx.tag, cx.key, 20, msg, len) == SECRETS_OK)
        sec(cx.tag, 32, "the HMAC computed inside");
}

static void counter_be(unsigned char b[8], uint64_t c) {
    for (int i = 7; i >= 0; i--, c >>= 8) b[i] = (unsigned char)c;
}

/* ---- core randomness ---- */
static void s_token_bytes(void) { out(cx.obuf, 48, "output"), res(cx.obuf, 48); }
static void c_token_bytes(void) { status_is(secrets_token_bytes(cx.obuf, 48)); }
static void s_token_hex(void) { out(cx.otext, 64, "output"), res(cx.otext, 65); }
static void c_token_hex(void) { status_is(secrets_token_hex(cx.otext, 65, 32)); }
static void s_token_urlsafe(void) { out(cx.otext, 43, "output"), res(cx.otext, 44); }
static void c_token_urlsafe(void) { status_is(secrets_token_urlsafe(cx.otext, 44, 32)); }
static void s_u64(void) { out(&cx.u64, 8, "output"), res(&cx.u64, 8); }
static void c_randbelow(void) { status_is(secrets_randbelow(&cx.u64, 1000000007u)); }
static void c_randbits(void) { status_is(secrets_randbits(&cx.u64, 61)); }
static void s_i64(void) { out(&cx.i64, 8, "output"), res(&cx.i64, 8); }
static void c_randrange(void) { status_is(secrets_randrange(&cx.i64, -1000, 100000000, 7)); }
static void s_choice(void) {
    for (int i = 0; i < 40; i++) cx.bytes[i] = (unsigned char)(i * 7 + 1);
    out(cx.obuf, 1, "output"), res(cx.obuf, 1);
}
static void c_choice(void) { status_is(secrets_choice(cx.obuf, cx.bytes, 40)); }
static void s_shuffle(void) {
    for (uint32_t i = 0; i < 32; i++) cx.words32[i] = 0x5eed0000u + i * 0x01010101u;
    sec(cx.words32, sizeof cx.words32, "elements");
    out(cx.words32, sizeof cx.words32, "output order"), res(cx.words32, sizeof cx.words32);
}
static void c_shuffle(void) { status_is(secrets_shuffle(cx.words32, 32, 4)); }
static void s_sample(void) { out(cx.sample, sizeof cx.sample, "output"), res(cx.sample, sizeof cx.sample); }
static void c_sample(void) { status_is(secrets_sample(cx.sample, 16, 100000)); }
static void s_dbl(void) { out(&cx.dbl, 8, "output"), res(&cx.dbl, 8); }
static void c_random_double(void) { status_is(secrets_random_double(&cx.dbl)); }
static void c_uniform(void) { status_is(secrets_uniform(&cx.dbl, -5.0, 10.0)); }
static void s_compare_digest(void) {
    key_setup(32);
    memcpy(cx.bytes, cx.key, 32);
    sec(cx.bytes, 32, "second input");
}
static void c_compare_digest(void) { cx.verdict = secrets_compare_digest(cx.key, 32, cx.bytes, 32); }
static void s_memzero(void) {
    key_setup(48);
    memcpy(cx.bytes, cx.key, 48);
    cx.nsec = 0;
    sec(cx.bytes, 48, "wiped buffer");
}
static void c_memzero(void) { secrets_memzero(cx.bytes, 48); }
static void s_none(void) { pub(&cx.sz, sizeof cx.sz, "result"); }
static void c_token_hex_size(void) { cx.sz = secrets_token_hex_size(32); }
static void c_token_urlsafe_size(void) { cx.sz = secrets_token_urlsafe_size(32); }
static void s_str(void) { pub(&cx.str, sizeof cx.str, "result"); }
static void c_strerror(void) { cx.str = secrets_strerror(SECRETS_ERR_MISMATCH); }
static void c_version(void) { cx.str = secrets_version(); }

/* ---- human-facing ---- */
static void s_otext(void) { out(cx.otext, 64, "output"), res(cx.otext, 65); }
static void c_password(void) {
    status_is(secrets_password(cx.otext, 65, 24, SECRETS_PASSWORD_DEFAULT));
}
static void c_password_custom(void) {
    status_is(secrets_password_custom(cx.otext, 65, 32, "abcdefghijkmnpqrstuvwxyz23456789!"));
}
static void s_dbl_pub(void) { pub(&cx.dbl, 8, "result"); }
static void c_password_entropy_bits(void) {
    cx.dbl = secrets_password_entropy_bits(20, SECRETS_PASSWORD_DEFAULT);
}
static void c_entropy_bits(void) { cx.dbl = secrets_entropy_bits(20, 62); }
static void s_passphrase(void) { out(cx.otext, 6 * 10, "output"), res(cx.otext, 80); }
static void c_passphrase(void) { status_is(secrets_passphrase(cx.otext, 80, 6, " ")); }
static void c_passphrase_size(void) { cx.sz = secrets_passphrase_size(6, " "); }
static void c_passphrase_custom(void) {
    status_is(secrets_passphrase_custom(cx.otext, 80, 6, WORDS, NWORDS, "-"));
}
static void c_passphrase_custom_size(void) {
    cx.sz = secrets_passphrase_custom_size(6, WORDS, NWORDS, "-");
}
static void s_otp(void) { out(cx.otext, 8, "output"), res(cx.otext, 9); }
static void c_otp_numeric(void) { status_is(secrets_otp_numeric(cx.otext, 9, 8)); }
static void c_otp_alphanumeric(void) { status_is(secrets_otp_alphanumeric(cx.otext, 9, 8)); }
static void s_api_key(void) { out(cx.otext + 6, 48, "output (random part)"), res(cx.otext, 64); }
static void c_api_key(void) { status_is(secrets_api_key(cx.otext, 64, "myapp", 24)); }
static void c_api_key_size(void) { cx.sz = secrets_api_key_size("myapp", 24); }
static void s_api_key_checksummed(void) {
    out(cx.otext + 4, 36, "output (random part)"), res(cx.otext, 64);
}
static void c_api_key_checksummed(void) {
    status_is(secrets_api_key_checksummed(cx.otext, 64, "ghp"));
}
static void c_api_key_checksummed_size(void) { cx.sz = secrets_api_key_checksummed_size("ghp"); }
static void s_api_key_check(void) {
    if (secrets_api_key_checksummed(cx.text, sizeof cx.text, "ghp") != SECRETS_OK)
        fprintf(stderr, "setup: api_key_checksummed failed\n");
    sec(cx.text + 4, strlen(cx.text) - 4, "the key checked");
}
static void c_api_key_check(void) { status_is(secrets_api_key_check(cx.text)); }
static void c_api_key_check_prefix(void) {
    status_is(secrets_api_key_check_prefix(cx.text, "ghp"));
}
static void s_uuid(void) { out(cx.otext, 36, "output"), res(cx.otext, 37); }
static void c_uuid4(void) { status_is(secrets_uuid4(cx.otext, 37)); }

/* ---- authentication ---- */
static void s_hmac(void) {
    key_setup(32);
    out(cx.obuf, 32, "tag");
}
static void c_hmac_sha256(void) {
    status_is(secrets_hmac_sha256(cx.obuf, cx.key, 32, MSG, sizeof MSG));
}
static void s_hmac_hex(void) {
    key_setup(32);
    out(cx.otext, 64, "hex tag");
}
static void c_hmac_sha256_hex(void) {
    status_is(secrets_hmac_sha256_hex(cx.otext, 65, cx.key, 32, MSG, sizeof MSG));
}
static void s_hmac_verify(void) {
    key_setup(32);
    if (secrets_hmac_sha256(cx.tag, cx.key, 32, MSG, sizeof MSG) != SECRETS_OK)
        fprintf(stderr, "setup: hmac failed\n");
    sec(cx.tag, 32, "expected tag");
}
static void c_hmac_sha256_verify(void) {
    status_is(secrets_hmac_sha256_verify(cx.tag, 32, cx.key, 32, MSG, sizeof MSG));
}
static void s_csrf_token(void) {
    key_setup(32);
    out(cx.otext, 76, "token"), res(cx.otext, 77);
}
static void c_csrf_token(void) {
    status_is(secrets_csrf_token(cx.otext, 77, cx.key, 32, "session-42", NOW));
}
static void s_csrf_verify(void) {
    key_setup(32);
    if (secrets_csrf_token(cx.text, 77, cx.key, 32, "session-42", NOW - 5) != SECRETS_OK)
        fprintf(stderr, "setup: csrf_token failed\n");
    /* Characters 34.. carry only tag bits (bytes 25..57 of 57); the tag
     * itself is what the library recomputes. */
    sec(cx.text + 34, 42, "token's tag");
    static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    unsigned char raw[57];
    uint32_t acc = 0;
    int bits = 0;
    size_t n = 0;
    for (size_t i = 0; i < 76 && n < sizeof raw; i++) {
        acc = acc << 6 | (uint32_t)(strchr(B64, cx.text[i]) - B64);
        if ((bits += 6) >= 8) raw[n++] = (unsigned char)(acc >> (bits -= 8));
    }
    memcpy(cx.tag, raw + 25, 32);
    sec(cx.tag, 32, "the tag computed inside");
}
static void c_csrf_verify(void) {
    status_is(secrets_csrf_verify(cx.text, cx.key, 32, "session-42", NOW, 3600));
}
/* OTP calls use SHA-256 so the harness can compute the inner HMAC. */
static void s_hotp(void) {
    key_setup(20);
    unsigned char c[8];
    counter_be(c, 123456);
    inner_mac(c, 8);
    out(cx.otext, 8, "code");
}
static void c_hotp(void) {
    status_is(secrets_hotp(cx.otext, 11, cx.key, 20, 123456, 8, SECRETS_OTP_SHA256));
}
static void s_totp(void) {
    key_setup(20);
    unsigned char c[8];
    counter_be(c, NOW / 30);
    inner_mac(c, 8);
    out(cx.otext, 8, "code");
}
static void c_totp(void) {
    status_is(secrets_totp(cx.otext, 11, cx.key, 20, NOW, 30, 8, SECRETS_OTP_SHA256));
}
static void s_totp_verify(void) {
    key_setup(20);
    if (secrets_totp(cx.text, 11, cx.key, 20, NOW - 30, 30, 8, SECRETS_OTP_SHA256) != SECRETS_OK)
        fprintf(stderr, "setup: totp failed\n");
    sec(cx.text, 8, "code");
    pub(&cx.u64, 8, "matched counter");
}
static void c_totp_verify(void) {
    status_is(secrets_totp_verify(&cx.u64, cx.text, cx.key, 20, NOW, 30, 8, SECRETS_OTP_SHA256, 1));
}
static void s_hotp_verify(void) {
    key_setup(20);
    if (secrets_hotp(cx.text, 11, cx.key, 20, 1002, 8, SECRETS_OTP_SHA256) != SECRETS_OK)
        fprintf(stderr, "setup: hotp failed\n");
    sec(cx.text, 8, "code");
    pub(&cx.u64, 8, "matched counter");
}
static void c_hotp_verify(void) {
    status_is(secrets_hotp_verify(&cx.u64, cx.text, cx.key, 20, 1000, 5, 8, SECRETS_OTP_SHA256));
}
static void s_base32_encode(void) {
    key_setup(20);
    out(cx.otext, 32, "encoding");
}
static void c_base32_encode(void) {
    status_is(secrets_base32_encode(cx.otext, 64, cx.key, 20));
}
static void c_base32_encode_size(void) { cx.sz = secrets_base32_encode_size(20); }
static void c_base32_decode_size(void) { cx.sz = secrets_base32_decode_size(40); }
static void s_base32_decode(void) {
    key_setup(20);
    char enc[40];
    if (secrets_base32_encode(enc, sizeof enc, cx.key, 20) != SECRETS_OK)
        fprintf(stderr, "setup: base32_encode failed\n");
    /* As users paste it: groups of four, lowercase, with spaces and a hyphen. */
    size_t j = 0;
    for (size_t i = 0; enc[i]; i++) {
        if (i && i % 4 == 0) cx.text[j++] = i == 16 ? '-' : ' ';
        cx.text[j++] = (char)(i % 3 ? enc[i] | 0x20 : enc[i]);
    }
    cx.text[j] = 0;
    cx.nsec = 0;
    sec(cx.text, j, "encoded key");
    sec(cx.key, 20, "decoded key");
    out(cx.obuf, 20, "decoded key");
    pub(&cx.sz, sizeof cx.sz, "decoded length");
}
static void c_base32_decode(void) {
    status_is(secrets_base32_decode(cx.obuf, 64, &cx.sz, cx.text));
}
static void s_otpauth(void) {
    key_setup(20);
    out(cx.otext + 30, 60, "URI (with the secret)");
}
static void c_otpauth_uri(void) {
    status_is(secrets_otpauth_uri(cx.otext, sizeof cx.otext, "Example Co", "alice@example.com",
                                  cx.key, 20, 30, 6, SECRETS_OTP_SHA1));
}
static void c_otpauth_uri_hotp(void) {
    status_is(secrets_otpauth_uri_hotp(cx.otext, sizeof cx.otext, "Example Co",
                                       "alice@example.com", cx.key, 20, 7, 6, SECRETS_OTP_SHA1));
}
static void c_otpauth_uri_size(void) {
    cx.sz = secrets_otpauth_uri_size("Example Co", "alice@example.com", 20);
}

struct call {
    const char *name;
    void *fn; /* NULL: a weak function this library does not have */
    unsigned flags;
    void (*setup)(void);
    void (*call)(void);
};

#define ENTRY(f, flags, setup) {"secrets_" #f, (void *)secrets_##f, flags, setup, c_##f}
static const struct call CALLS[] = {
    ENTRY(token_bytes, F_DRAWS, s_token_bytes),
    ENTRY(token_hex, F_DRAWS, s_token_hex),
    ENTRY(token_hex_size, 0, s_none),
    ENTRY(token_urlsafe, F_DRAWS, s_token_urlsafe),
    ENTRY(token_urlsafe_size, 0, s_none),
    ENTRY(randbelow, F_DRAWS, s_u64),
    ENTRY(randbits, F_DRAWS, s_u64),
    ENTRY(randrange, F_DRAWS, s_i64),
    ENTRY(choice, F_DRAWS, s_choice),
    ENTRY(shuffle, F_DRAWS, s_shuffle),
    ENTRY(sample, F_DRAWS, s_sample),
    ENTRY(random_double, F_DRAWS, s_dbl),
    ENTRY(uniform, F_DRAWS, s_dbl),
    ENTRY(compare_digest, F_VERDICT, s_compare_digest),
    ENTRY(memzero, 0, s_memzero),
    ENTRY(strerror, 0, s_str),
    ENTRY(version, 0, s_str),
    ENTRY(password, F_DRAWS, s_otext),
    ENTRY(password_custom, F_DRAWS, s_otext),
    ENTRY(password_entropy_bits, 0, s_dbl_pub),
    ENTRY(entropy_bits, 0, s_dbl_pub),
    ENTRY(passphrase, F_DRAWS, s_passphrase),
    ENTRY(passphrase_size, 0, s_none),
    ENTRY(passphrase_custom, F_DRAWS, s_passphrase),
    ENTRY(passphrase_custom_size, 0, s_none),
    ENTRY(otp_numeric, F_DRAWS, s_otp),
    ENTRY(otp_alphanumeric, F_DRAWS, s_otp),
    ENTRY(api_key, F_DRAWS, s_api_key),
    ENTRY(api_key_size, 0, s_none),
    ENTRY(api_key_checksummed, F_DRAWS, s_api_key_checksummed),
    ENTRY(api_key_checksummed_size, 0, s_none),
    ENTRY(api_key_check, F_VERDICT, s_api_key_check),
    ENTRY(api_key_check_prefix, F_VERDICT, s_api_key_check),
    ENTRY(uuid4, F_DRAWS, s_uuid),
    ENTRY(hmac_sha256, 0, s_hmac),
    ENTRY(hmac_sha256_hex, 0, s_hmac_hex),
    ENTRY(hmac_sha256_verify, F_VERDICT, s_hmac_verify),
    ENTRY(csrf_token, F_DRAWS, s_csrf_token),
    ENTRY(csrf_verify, F_VERDICT, s_csrf_verify),
    ENTRY(hotp, 0, s_hotp),
    ENTRY(totp, 0, s_totp),
    ENTRY(totp_verify, F_VERDICT, s_totp_verify),
    ENTRY(hotp_verify, F_VERDICT, s_hotp_verify),
    ENTRY(base32_encode, 0, s_base32_encode),
    ENTRY(base32_encode_size, 0, s_none),
    ENTRY(base32_decode, 0, s_base32_decode),
    ENTRY(base32_decode_size, 0, s_none),
    ENTRY(otpauth_uri, 0, s_otpauth),
    ENTRY(otpauth_uri_hotp, 0, s_otpauth),
    ENTRY(otpauth_uri_size, 0, s_none),
};
#define NCALLS (sizeof CALLS / sizeof CALLS[0])

static inline const struct call *find_call(const char *name) {
    for (size_t i = 0; i < NCALLS; i++)
        if (!strcmp(CALLS[i].name, name) || !strcmp(CALLS[i].name + 8, name)) return &CALLS[i];
    return NULL;
}

static inline void prepare(const struct call *c) {
    memset(&cx, 0, sizeof cx);
    c->setup();
}

/* `--list`: the table's names, one a line (the scripts compare it with the
 * library's exports). */
static inline int list_calls(void) {
    for (size_t i = 0; i < NCALLS; i++)
        printf("%s%s\n", CALLS[i].name, CALLS[i].fn ? "" : " (absent)");
    return 0;
}

#endif
