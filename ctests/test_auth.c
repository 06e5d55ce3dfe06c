/*
 * Authentication codes and tokens through the public header: the standards'
 * known answers (RFC 4231 HMAC-SHA256, RFC 4226 HOTP, RFC 6238 TOTP, RFC 4648
 * base32), CSRF token behaviour (round trip, every single-character
 * alteration, keys, sessions, expiry and skew), TOTP windows, otpauth URIs,
 * and the bad-input battery (each a status, a zeroed output, no crash).
 */
#include "check.h"

/* Parses lowercase hex into out; returns the byte count. */
static size_t unhex(uint8_t *out, const char *hex) {
    size_t n = strlen(hex) / 2;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
    return n;
}

static const char BASE64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* ---------------------------------------------------------------- HMAC */

struct hmac_case {
    size_t key_len;
    uint8_t key_byte; /* 0: the key is 0x01, 0x02, ... (case 4) */
    const char *key_text;
    const char *data;
    size_t data_len;
    uint8_t data_byte;
    const char *tag;
};

static void test_hmac_rfc4231(void) {
    static const struct hmac_case cases[] = {
        {20, 0x0b, NULL, "Hi There", 8, 0,
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {4, 0, "Jefe", "what do ya want for nothing?", 28, 0,
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        {20, 0xaa, NULL, NULL, 50, 0xdd,
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        {25, 0, NULL, NULL, 50, 0xcd,
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
        {20, 0x0c, NULL, "Test With Truncation", 20, 0, "a3b6167473100ee06e0c796c2955552b"},
        {131, 0xaa, NULL, "Test Using Larger Than Block-Size Key - Hash Key First", 54, 0,
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
        {131, 0xaa, NULL,
         "This is a test using a larger than block-size key and a larger than block-size data. "
         "The key needs to be hashed before being used by the HMAC algorithm.",
         152, 0, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const struct hmac_case *t = &cases[c];
        uint8_t key[131], data[152], expected[32], tag[SECRETS_HMAC_SHA256_BYTES];
        for (size_t i = 0; i < t->key_len; i++)
            key[i] = t->key_text ? (uint8_t)t->key_text[i] : t->key_byte ? t->key_byte : (uint8_t)(i + 1);
        if (t->data) {
            CHECK(strlen(t->data) == t->data_len);
            memcpy(data, t->data, t->data_len);
        } else {
            memset(data, t->data_byte, t->data_len);
        }
        size_t n = unhex(expected, t->tag);
        CHECK_STATUS(secrets_hmac_sha256(tag, key, t->key_len, data, t->data_len), SECRETS_OK);
        CHECK(memcmp(tag, expected, n) == 0); /* case 5: the leftmost 128 bits */
        char hex[SECRETS_HMAC_SHA256_HEX_SIZE];
        CHECK_STATUS(secrets_hmac_sha256_hex(hex, sizeof hex, key, t->key_len, data, t->data_len),
                     SECRETS_OK);
        CHECK(strlen(hex) == 64 && strncmp(hex, t->tag, 2 * n) == 0);
        /* Only the full tag verifies; case 5's truncated tag does not. */
        CHECK_STATUS(secrets_hmac_sha256_verify(expected, n, key, t->key_len, data, t->data_len),
                     n == 32 ? SECRETS_OK : SECRETS_ERR_MISMATCH);
        CHECK_STATUS(secrets_hmac_sha256_verify(tag, 32, key, t->key_len, data, t->data_len), SECRETS_OK);
    }
}

static void test_hmac_behaviour(void) {
    const uint8_t key[] = "key";
    const uint8_t msg[] = "The quick brown fox jumps over the lazy dog";
    uint8_t tag[32], other[32];
    CHECK_STATUS(secrets_hmac_sha256(tag, key, 3, msg, 43), SECRETS_OK);
    uint8_t expected[32];
    unhex(expected, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    CHECK(memcmp(tag, expected, 32) == 0);
    /* Every single-bit change of the tag, key or message is a mismatch. */
    for (size_t i = 0; i < 32 * 8; i++) {
        memcpy(other, tag, 32);
        other[i / 8] ^= (uint8_t)(1u << (i % 8));
        CHECK_STATUS(secrets_hmac_sha256_verify(other, 32, key, 3, msg, 43), SECRETS_ERR_MISMATCH);
    }
    CHECK_STATUS(secrets_hmac_sha256_verify(tag, 32, (const uint8_t *)"kez", 3, msg, 43),
                 SECRETS_ERR_MISMATCH);
    CHECK_STATUS(secrets_hmac_sha256_verify(tag, 32, key, 3, msg, 42), SECRETS_ERR_MISMATCH);
    /* Wrong lengths are mismatches, not crashes. */
    CHECK_STATUS(secrets_hmac_sha256_verify(tag, 31, key, 3, msg, 43), SECRETS_ERR_MISMATCH);
    CHECK_STATUS(secrets_hmac_sha256_verify(tag, 16, key, 3, msg, 43), SECRETS_ERR_MISMATCH);
    CHECK_STATUS(secrets_hmac_sha256_verify(tag, 0, key, 3, msg, 43), SECRETS_ERR_MISMATCH);
    CHECK_STATUS(secrets_hmac_sha256_verify(NULL, 0, key, 3, msg, 43), SECRETS_ERR_MISMATCH);
    uint8_t longer[33] = {0};
    memcpy(longer, tag, 32);
    CHECK_STATUS(secrets_hmac_sha256_verify(longer, 33, key, 3, msg, 43), SECRETS_ERR_MISMATCH);
    /* Empty key and message (NULL with length 0 is empty). */
    unhex(expected, "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    CHECK_STATUS(secrets_hmac_sha256(tag, NULL, 0, NULL, 0), SECRETS_OK);
    CHECK(memcmp(tag, expected, 32) == 0);
    CHECK_STATUS(secrets_hmac_sha256(tag, key, 0, msg, 0), SECRETS_OK);
    CHECK(memcmp(tag, expected, 32) == 0);
    CHECK_STATUS(secrets_hmac_sha256_verify(expected, 32, NULL, 0, NULL, 0), SECRETS_OK);
    /* Bad input: NULL pointers in turn, small buffers, huge sizes. */
    memset(tag, 0x55, 32);
    CHECK_STATUS(secrets_hmac_sha256(NULL, key, 3, msg, 43), SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_hmac_sha256(tag, NULL, 3, msg, 43), SECRETS_ERR_NULL_POINTER);
    CHECK(check_all_zero(tag, 32));
    memset(tag, 0x55, 32);
    CHECK_STATUS(secrets_hmac_sha256(tag, key, 3, NULL, 43), SECRETS_ERR_NULL_POINTER);
    CHECK(check_all_zero(tag, 32));
    memset(tag, 0x55, 32);
    CHECK_STATUS(secrets_hmac_sha256(tag, key, SIZE_MAX, msg, 43), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(check_all_zero(tag, 32));
    char hex[SECRETS_HMAC_SHA256_HEX_SIZE + 1];
    memset(hex, 'x', sizeof hex);
    CHECK_STATUS(secrets_hmac_sha256_hex(hex, SECRETS_HMAC_SHA256_HEX_SIZE - 1, key, 3, msg, 43),
                 SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK(check_all_zero(hex, SECRETS_HMAC_SHA256_HEX_SIZE - 1) && hex[64] == 'x');
    CHECK_STATUS(secrets_hmac_sha256_hex(NULL, sizeof hex, key, 3, msg, 43), SECRETS_ERR_NULL_POINTER);
    memset(hex, 'x', sizeof hex);
    CHECK_STATUS(secrets_hmac_sha256_hex(hex, sizeof hex, NULL, 3, msg, 43), SECRETS_ERR_NULL_POINTER);
    CHECK(check_all_zero(hex, sizeof hex));
    memset(hex, 'x', sizeof hex);
    CHECK_STATUS(secrets_hmac_sha256_hex(hex, sizeof hex, key, 3, NULL, 1), SECRETS_ERR_NULL_POINTER);
    CHECK(check_all_zero(hex, sizeof hex));
    CHECK_STATUS(secrets_hmac_sha256_hex(hex, SIZE_MAX, key, 3, msg, 43), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_hmac_sha256_verify(NULL, 32, key, 3, msg, 43), SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_hmac_sha256_verify(tag, 32, NULL, 3, msg, 43), SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_hmac_sha256_verify(tag, 32, key, 3, NULL, 43), SECRETS_ERR_NULL_POINTER);
}

/* ---------------------------------------------------------------- CSRF */

static const uint8_t CSRF_KEY[32] = "an example key, 32 bytes long!!";
#define NOW 1700000000ull

static void test_csrf_round_trip(void) {
    char a[SECRETS_CSRF_TOKEN_SIZE], b[SECRETS_CSRF_TOKEN_SIZE];
    CHECK(SECRETS_CSRF_TOKEN_SIZE == 77);
    CHECK_STATUS(secrets_csrf_token(a, sizeof a, CSRF_KEY, 32, "session-42", NOW), SECRETS_OK);
    CHECK(strlen(a) == 76 && strspn(a, BASE64URL) == 76);
    CHECK_STATUS(secrets_csrf_verify(a, CSRF_KEY, 32, "session-42", NOW, 3600), SECRETS_OK);
    /* Fresh nonce each time. */
    CHECK_STATUS(secrets_csrf_token(b, sizeof b, CSRF_KEY, 32, "session-42", NOW), SECRETS_OK);
    CHECK(strcmp(a, b) != 0);
    /* Unbound tokens. */
    CHECK_STATUS(secrets_csrf_token(b, sizeof b, CSRF_KEY, 32, NULL, NOW), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(b, CSRF_KEY, 32, NULL, NOW, 60), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(b, CSRF_KEY, 32, "", NOW, 60), SECRETS_ERR_MISMATCH);
    CHECK_STATUS(secrets_csrf_verify(b, CSRF_KEY, 32, "session-42", NOW, 60), SECRETS_ERR_MISMATCH);
    /* Wrong session, wrong key. */
    CHECK_STATUS(secrets_csrf_verify(a, CSRF_KEY, 32, "session-43", NOW, 60), SECRETS_ERR_MISMATCH);
    CHECK_STATUS(secrets_csrf_verify(a, CSRF_KEY, 32, "session-4", NOW, 60), SECRETS_ERR_MISMATCH);
    CHECK_STATUS(secrets_csrf_verify(a, CSRF_KEY, 32, NULL, NOW, 60), SECRETS_ERR_MISMATCH);
    uint8_t other_key[32];
    memcpy(other_key, CSRF_KEY, 32);
    other_key[31] ^= 1;
    CHECK_STATUS(secrets_csrf_verify(a, other_key, 32, "session-42", NOW, 60), SECRETS_ERR_MISMATCH);
    CHECK_STATUS(secrets_csrf_verify(a, CSRF_KEY, 20, "session-42", NOW, 60), SECRETS_ERR_MISMATCH);
    /* A session bound to "" is its own binding. */
    CHECK_STATUS(secrets_csrf_token(b, sizeof b, CSRF_KEY, 32, "", NOW), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(b, CSRF_KEY, 32, "", NOW, 60), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(b, CSRF_KEY, 32, NULL, NOW, 60), SECRETS_ERR_MISMATCH);
}

static void test_csrf_every_alteration(void) {
    char token[SECRETS_CSRF_TOKEN_SIZE], altered[SECRETS_CSRF_TOKEN_SIZE];
    CHECK_STATUS(secrets_csrf_token(token, sizeof token, CSRF_KEY, 32, "s", NOW), SECRETS_OK);
    int rejected = 0, tried = 0;
    for (size_t i = 0; i < 76; i++) {
        for (size_t c = 0; c < 64; c++) {
            if (BASE64URL[c] == token[i]) continue;
            memcpy(altered, token, sizeof token);
            altered[i] = BASE64URL[c];
            tried++;
            rejected += secrets_csrf_verify(altered, CSRF_KEY, 32, "s", NOW, 60) == SECRETS_ERR_MISMATCH;
        }
        /* Characters outside the alphabet are malformed. */
        const char outside[] = "=+/. %~";
        for (size_t c = 0; c < sizeof outside - 1; c++) {
            memcpy(altered, token, sizeof token);
            altered[i] = outside[c];
            CHECK_STATUS(secrets_csrf_verify(altered, CSRF_KEY, 32, "s", NOW, 60), SECRETS_ERR_MALFORMED);
        }
    }
    CHECK(tried == 76 * 63);
    CHECK(rejected == tried);
    CHECK_STATUS(secrets_csrf_verify(token, CSRF_KEY, 32, "s", NOW, 60), SECRETS_OK);
    /* Wrong lengths are malformed. */
    memcpy(altered, token, sizeof token);
    altered[75] = '\0';
    CHECK_STATUS(secrets_csrf_verify(altered, CSRF_KEY, 32, "s", NOW, 60), SECRETS_ERR_MALFORMED);
    char longer[SECRETS_CSRF_TOKEN_SIZE + 1];
    memcpy(longer, token, 76);
    longer[76] = 'A';
    longer[77] = '\0';
    CHECK_STATUS(secrets_csrf_verify(longer, CSRF_KEY, 32, "s", NOW, 60), SECRETS_ERR_MALFORMED);
    CHECK_STATUS(secrets_csrf_verify("", CSRF_KEY, 32, "s", NOW, 60), SECRETS_ERR_MALFORMED);
}

static void test_csrf_time(void) {
    char t[SECRETS_CSRF_TOKEN_SIZE];
    CHECK_STATUS(secrets_csrf_token(t, sizeof t, CSRF_KEY, 32, NULL, NOW), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 32, NULL, NOW + 3600, 3600), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 32, NULL, NOW + 3601, 3600), SECRETS_ERR_EXPIRED);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 32, NULL, NOW, 0), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 32, NULL, NOW + 1, 0), SECRETS_ERR_EXPIRED);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 32, NULL, UINT64_MAX, UINT64_MAX), SECRETS_OK);
    /* An expired token with a wrong key is a mismatch: authenticity first. */
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 20, NULL, NOW + 9999, 1), SECRETS_ERR_MISMATCH);
    /* Issued in the future: up to the skew is fine, beyond it is refused. */
    CHECK(SECRETS_CSRF_MAX_FUTURE_SKEW == 60);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 32, NULL, NOW - 60, 10), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 32, NULL, NOW - 61, 10), SECRETS_ERR_EXPIRED);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 32, NULL, 0, UINT64_MAX), SECRETS_ERR_EXPIRED);
    CHECK_STATUS(secrets_csrf_token(t, sizeof t, CSRF_KEY, 32, NULL, 0), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 32, NULL, 0, 0), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_token(t, sizeof t, CSRF_KEY, 32, NULL, UINT64_MAX), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 32, NULL, UINT64_MAX - 60, 0), SECRETS_OK);
}

static void test_csrf_bad_input(void) {
    char t[SECRETS_CSRF_TOKEN_SIZE + 8];
    memset(t, 'x', sizeof t);
    CHECK_STATUS(secrets_csrf_token(t, SECRETS_CSRF_TOKEN_SIZE - 1, CSRF_KEY, 32, NULL, NOW),
                 SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK(check_all_zero(t, SECRETS_CSRF_TOKEN_SIZE - 1) && t[SECRETS_CSRF_TOKEN_SIZE - 1] == 'x');
    CHECK_STATUS(secrets_csrf_token(NULL, sizeof t, CSRF_KEY, 32, NULL, NOW), SECRETS_ERR_NULL_POINTER);
    memset(t, 'x', sizeof t);
    CHECK_STATUS(secrets_csrf_token(t, sizeof t, NULL, 32, NULL, NOW), SECRETS_ERR_NULL_POINTER);
    CHECK(check_all_zero(t, sizeof t));
    memset(t, 'x', sizeof t);
    CHECK(SECRETS_CSRF_MIN_KEY_BYTES == 16);
    CHECK_STATUS(secrets_csrf_token(t, sizeof t, CSRF_KEY, 15, NULL, NOW), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(check_all_zero(t, sizeof t));
    CHECK_STATUS(secrets_csrf_token(t, sizeof t, NULL, 0, NULL, NOW), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_csrf_token(t, SIZE_MAX, CSRF_KEY, 32, NULL, NOW), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_csrf_token(t, sizeof t, CSRF_KEY, 16, NULL, NOW), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 16, NULL, NOW, 1), SECRETS_OK);
    CHECK_STATUS(secrets_csrf_verify(t, CSRF_KEY, 15, NULL, NOW, 1), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_csrf_verify(NULL, CSRF_KEY, 32, NULL, NOW, 1), SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_csrf_verify(t, NULL, 32, NULL, NOW, 1), SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_csrf_verify("not a token", CSRF_KEY, 32, NULL, NOW, 1), SECRETS_ERR_MALFORMED);
}

/* ------------------------------------------------------------ HOTP/TOTP */

static const uint8_t SEED20[] = "12345678901234567890";
static const uint8_t SEED32[] = "12345678901234567890123456789012";
static const uint8_t SEED64[] = "1234567890123456789012345678901234567890123456789012345678901234";

static void test_hotp_rfc4226(void) {
    static const char *const codes[10] = {"755224", "287082", "359152", "969429", "338314",
                                          "254676", "287922", "162583", "399871", "520489"};
    static const char *const decimal[10] = {"1284755224", "1094287082", "0137359152", "1726969429",
                                            "1640338314", "0868254676", "1918287922", "0082162583",
                                            "0673399871", "0645520489"};
    char out[SECRETS_HOTP_CODE_SIZE];
    for (uint64_t c = 0; c < 10; c++) {
        CHECK_STATUS(secrets_hotp(out, sizeof out, SEED20, 20, c, 6, SECRETS_OTP_SHA1), SECRETS_OK);
        CHECK(strcmp(out, codes[c]) == 0);
        CHECK_STATUS(secrets_hotp(out, sizeof out, SEED20, 20, c, 10, SECRETS_OTP_SHA1), SECRETS_OK);
        CHECK(strcmp(out, decimal[c]) == 0);
        CHECK_STATUS(secrets_hotp(out, sizeof out, SEED20, 20, c, 8, SECRETS_OTP_SHA1), SECRETS_OK);
        CHECK(strcmp(out, decimal[c] + 2) == 0);
    }
}

static void test_totp_rfc6238(void) {
    static const struct {
        uint64_t time;
        const char *sha1, *sha256, *sha512;
    } rows[6] = {
        {59, "94287082", "46119246", "90693936"},
        {1111111109, "07081804", "68084774", "25091201"},
        {1111111111, "14050471", "67062674", "99943326"},
        {1234567890, "89005924", "91819424", "93441116"},
        {2000000000, "69279037", "90698825", "38618901"},
        {20000000000ull, "65353130", "77737706", "47863826"},
    };
    char out[9];
    int checked = 0;
    for (size_t r = 0; r < 6; r++) {
        const uint8_t *keys[3] = {SEED20, SEED32, SEED64};
        const size_t lens[3] = {20, 32, 64};
        const uint32_t algs[3] = {SECRETS_OTP_SHA1, SECRETS_OTP_SHA256, SECRETS_OTP_SHA512};
        const char *expected[3] = {rows[r].sha1, rows[r].sha256, rows[r].sha512};
        for (size_t a = 0; a < 3; a++) {
            CHECK_STATUS(secrets_totp(out, sizeof out, keys[a], lens[a], rows[r].time, 30, 8, algs[a]),
                         SECRETS_OK);
            CHECK(strcmp(out, expected[a]) == 0);
            uint64_t matched = 12345;
            CHECK_STATUS(secrets_totp_verify(&matched, expected[a], keys[a], lens[a], rows[r].time, 30, 8,
                                             algs[a], 0),
                         SECRETS_OK);
            CHECK(matched == rows[r].time / 30);
            checked++;
        }
    }
    CHECK(checked == 18);
}

static void test_totp_verify_window(void) {
    const uint64_t now = 1700000015, step = now / 30;
    char code[SECRETS_HOTP_CODE_SIZE];
    uint64_t matched;
    for (int offset = -3; offset <= 3; offset++) {
        CHECK_STATUS(secrets_hotp(code, sizeof code, SEED20, 20, step + (uint64_t)(int64_t)offset, 6,
                                  SECRETS_OTP_SHA1),
                     SECRETS_OK);
        matched = 999;
        secrets_status s = secrets_totp_verify(&matched, code, SEED20, 20, now, 30, 6, SECRETS_OTP_SHA1, 2);
        if (offset >= -2 && offset <= 2) {
            CHECK(s == SECRETS_OK && matched == step + (uint64_t)(int64_t)offset);
        } else {
            CHECK(s == SECRETS_ERR_MISMATCH && matched == 0);
        }
        /* matched_counter may be NULL. */
        CHECK_STATUS(secrets_totp_verify(NULL, code, SEED20, 20, now, 30, 6, SECRETS_OTP_SHA1, 3), SECRETS_OK);
    }
    /* Window 0: the current step only. */
    CHECK_STATUS(secrets_totp(code, sizeof code, SEED20, 20, now, 30, 6, SECRETS_OTP_SHA1), SECRETS_OK);
    CHECK_STATUS(secrets_totp_verify(&matched, code, SEED20, 20, now, 30, 6, SECRETS_OTP_SHA1, 0), SECRETS_OK);
    CHECK_STATUS(secrets_totp_verify(&matched, code, SEED20, 20, now + 30, 30, 6, SECRETS_OTP_SHA1, 0),
                 SECRETS_ERR_MISMATCH);
    CHECK(matched == 0);
    CHECK_STATUS(secrets_totp_verify(&matched, code, SEED20, 20, now + 30, 30, 6, SECRETS_OTP_SHA1, 1),
                 SECRETS_OK);
    CHECK(matched == step);
    /* The ends of time: no underflow at t = 0, no overflow at UINT64_MAX. */
    CHECK_STATUS(secrets_hotp(code, sizeof code, SEED20, 20, 0, 6, SECRETS_OTP_SHA1), SECRETS_OK);
    CHECK_STATUS(secrets_totp_verify(&matched, code, SEED20, 20, 0, 30, 6, SECRETS_OTP_SHA1, 10), SECRETS_OK);
    CHECK(matched == 0);
    CHECK_STATUS(secrets_hotp(code, sizeof code, SEED20, 20, UINT64_MAX, 6, SECRETS_OTP_SHA1), SECRETS_OK);
    CHECK_STATUS(secrets_totp_verify(&matched, code, SEED20, 20, UINT64_MAX, 1, 6, SECRETS_OTP_SHA1, 10),
                 SECRETS_OK);
    CHECK(matched == UINT64_MAX);
    CHECK_STATUS(secrets_totp(code, sizeof code, SEED20, 20, UINT64_MAX, 1, 6, SECRETS_OTP_SHA1), SECRETS_OK);
    /* A wrong code is a mismatch; a code of the wrong shape is malformed. */
    CHECK_STATUS(secrets_totp(code, sizeof code, SEED20, 20, now, 30, 6, SECRETS_OTP_SHA1), SECRETS_OK);
    code[5] = (char)('0' + (code[5] - '0' + 1) % 10);
    CHECK_STATUS(secrets_totp_verify(&matched, code, SEED20, 20, now, 30, 6, SECRETS_OTP_SHA1, 0),
                 SECRETS_ERR_MISMATCH);
    const char *shapes[] = {"12345", "1234567", "12345a", " 12345", "123 456", "", "-12345"};
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        matched = 7;
        CHECK_STATUS(secrets_totp_verify(&matched, shapes[i], SEED20, 20, now, 30, 6, SECRETS_OTP_SHA1, 1),
                     SECRETS_ERR_MALFORMED);
        CHECK(matched == 0);
    }
}

static void test_otp_bad_input(void) {
    char out[SECRETS_HOTP_CODE_SIZE + 4];
    uint64_t matched;
    /* digits 5 and 11, unknown algorithms 0 and 4, period 0, empty key. */
    const uint32_t bad_digits[] = {0, 5, 11, UINT32_MAX};
    for (size_t i = 0; i < 4; i++) {
        memset(out, 'x', sizeof out);
        CHECK_STATUS(secrets_hotp(out, sizeof out, SEED20, 20, 0, bad_digits[i], SECRETS_OTP_SHA1),
                     SECRETS_ERR_INVALID_ARGUMENT);
        CHECK(check_all_zero(out, sizeof out));
        CHECK_STATUS(secrets_totp(out, sizeof out, SEED20, 20, 59, 30, bad_digits[i], SECRETS_OTP_SHA1),
                     SECRETS_ERR_INVALID_ARGUMENT);
        matched = 7;
        CHECK_STATUS(secrets_totp_verify(&matched, "123456", SEED20, 20, 59, 30, bad_digits[i],
                                         SECRETS_OTP_SHA1, 1),
                     SECRETS_ERR_INVALID_ARGUMENT);
        CHECK(matched == 0);
    }
    const uint32_t bad_algs[] = {0, 4, UINT32_MAX};
    for (size_t i = 0; i < 3; i++) {
        CHECK_STATUS(secrets_hotp(out, sizeof out, SEED20, 20, 0, 6, bad_algs[i]), SECRETS_ERR_INVALID_ARGUMENT);
        CHECK_STATUS(secrets_totp(out, sizeof out, SEED20, 20, 59, 30, 6, bad_algs[i]),
                     SECRETS_ERR_INVALID_ARGUMENT);
        CHECK_STATUS(secrets_totp_verify(&matched, "123456", SEED20, 20, 59, 30, 6, bad_algs[i], 1),
                     SECRETS_ERR_INVALID_ARGUMENT);
    }
    memset(out, 'x', sizeof out);
    CHECK_STATUS(secrets_totp(out, sizeof out, SEED20, 20, 59, 0, 6, SECRETS_OTP_SHA1),
                 SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(check_all_zero(out, sizeof out));
    CHECK_STATUS(secrets_totp_verify(&matched, "123456", SEED20, 20, 59, 0, 6, SECRETS_OTP_SHA1, 1),
                 SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_hotp(out, sizeof out, SEED20, 0, 0, 6, SECRETS_OTP_SHA1), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_hotp(out, sizeof out, NULL, 0, 0, 6, SECRETS_OTP_SHA1), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(SECRETS_TOTP_MAX_WINDOW == 10);
    CHECK_STATUS(secrets_totp_verify(&matched, "123456", SEED20, 20, 59, 30, 6, SECRETS_OTP_SHA1, 11),
                 SECRETS_ERR_INVALID_ARGUMENT);
    /* Buffers one byte short, zeroed. */
    for (uint32_t digits = 6; digits <= 10; digits++) {
        memset(out, 'x', sizeof out);
        CHECK_STATUS(secrets_hotp(out, digits, SEED20, 20, 0, digits, SECRETS_OTP_SHA1),
                     SECRETS_ERR_BUFFER_TOO_SMALL);
        CHECK(check_all_zero(out, digits) && out[digits] == 'x');
        CHECK_STATUS(secrets_totp(out, digits, SEED20, 20, 59, 30, digits, SECRETS_OTP_SHA1),
                     SECRETS_ERR_BUFFER_TOO_SMALL);
        CHECK_STATUS(secrets_hotp(out, digits + 1, SEED20, 20, 0, digits, SECRETS_OTP_SHA1), SECRETS_OK);
        CHECK(strlen(out) == digits);
    }
    /* NULL pointers in turn. */
    CHECK_STATUS(secrets_hotp(NULL, sizeof out, SEED20, 20, 0, 6, SECRETS_OTP_SHA1), SECRETS_ERR_NULL_POINTER);
    memset(out, 'x', sizeof out);
    CHECK_STATUS(secrets_hotp(out, sizeof out, NULL, 20, 0, 6, SECRETS_OTP_SHA1), SECRETS_ERR_NULL_POINTER);
    CHECK(check_all_zero(out, sizeof out));
    CHECK_STATUS(secrets_totp(NULL, sizeof out, SEED20, 20, 59, 30, 6, SECRETS_OTP_SHA1),
                 SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_totp(out, sizeof out, NULL, 20, 59, 30, 6, SECRETS_OTP_SHA1), SECRETS_ERR_NULL_POINTER);
    matched = 7;
    CHECK_STATUS(secrets_totp_verify(&matched, NULL, SEED20, 20, 59, 30, 6, SECRETS_OTP_SHA1, 1),
                 SECRETS_ERR_NULL_POINTER);
    CHECK(matched == 0);
    CHECK_STATUS(secrets_totp_verify(&matched, "123456", NULL, 20, 59, 30, 6, SECRETS_OTP_SHA1, 1),
                 SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_hotp(out, SIZE_MAX, SEED20, 20, 0, 6, SECRETS_OTP_SHA1), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_hotp(out, sizeof out, SEED20, SIZE_MAX, 0, 6, SECRETS_OTP_SHA1),
                 SECRETS_ERR_INVALID_ARGUMENT);
}

/* --------------------------------------------------------------- base32 */

static void test_base32_rfc4648(void) {
    static const char *const plain[7] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *const padded[7] = {"",         "MY======", "MZXQ====",        "MZXW6===",
                                          "MZXW6YQ=", "MZXW6YTB", "MZXW6YTBOI======"};
    for (size_t i = 0; i < 7; i++) {
        size_t n = strlen(plain[i]);
        char text[32];
        char unpadded[32];
        strcpy(unpadded, padded[i]);
        char *eq = strchr(unpadded, '=');
        if (eq) *eq = '\0';
        CHECK(secrets_base32_encode_size(n) == strlen(unpadded) + 1);
        CHECK(SECRETS_BASE32_ENCODED_SIZE(n) == strlen(unpadded) + 1);
        CHECK_STATUS(secrets_base32_encode(text, secrets_base32_encode_size(n), (const uint8_t *)plain[i], n),
                     SECRETS_OK);
        CHECK(strcmp(text, unpadded) == 0);
        const char *forms[2] = {padded[i], unpadded};
        for (size_t f = 0; f < 2; f++) {
            uint8_t bytes[8];
            size_t len = 99;
            CHECK_STATUS(secrets_base32_decode(bytes, sizeof bytes, &len, forms[f]), SECRETS_OK);
            CHECK(len == n && memcmp(bytes, plain[i], n) == 0);
            CHECK(secrets_base32_decode_size(strlen(forms[f])) >= n);
            CHECK(SECRETS_BASE32_DECODED_MAX(strlen(unpadded)) == n);
        }
    }
}

static void test_base32_behaviour(void) {
    uint8_t bytes[64], back[64];
    char text[SECRETS_BASE32_ENCODED_SIZE(64)];
    size_t len;
    for (size_t i = 0; i < 64; i++) bytes[i] = (uint8_t)(i * 37 + 11);
    for (size_t n = 0; n <= 64; n++) {
        CHECK_STATUS(secrets_base32_encode(text, sizeof text, bytes, n), SECRETS_OK);
        CHECK(strlen(text) == (n * 8 + 4) / 5 && strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") == strlen(text));
        CHECK_STATUS(secrets_base32_decode(back, n, &len, text), SECRETS_OK);
        CHECK(len == n && memcmp(back, bytes, n) == 0);
        if (n > 0) {
            memset(back, 0x55, sizeof back);
            len = 99;
            CHECK_STATUS(secrets_base32_decode(back, n - 1, &len, text), SECRETS_ERR_BUFFER_TOO_SMALL);
            CHECK(len == 0 && check_all_zero(back, n - 1) && back[n - 1] == 0x55);
            memset(text, 'x', sizeof text);
            CHECK_STATUS(secrets_base32_encode(text, secrets_base32_encode_size(n) - 1, bytes, n),
                         SECRETS_ERR_BUFFER_TOO_SMALL);
            CHECK(check_all_zero(text, secrets_base32_encode_size(n) - 1));
        }
    }
    /* What people paste: lower case, spaces, hyphens, padding or not. */
    CHECK_STATUS(secrets_base32_decode(back, sizeof back, &len, "jbsw y3dp-ehpk 3pxp"), SECRETS_OK);
    CHECK(len == 10 && memcmp(back, "Hello!\xde\xad\xbe\xef", 10) == 0);
    CHECK_STATUS(secrets_base32_decode(back, sizeof back, &len, " mzxw6ytboi====== "), SECRETS_OK);
    CHECK(len == 6 && memcmp(back, "foobar", 6) == 0);
    CHECK_STATUS(secrets_base32_decode(NULL, 0, &len, ""), SECRETS_OK);
    CHECK(len == 0);
    /* What other tools write: a trailing newline, CRLF, tabs, coreutils'
     * 76-column lines; non-zero trailing bits are ignored as Python's
     * base64.b32decode, coreutils and pyotp do ("MZXW7===" is "foo"). */
    CHECK_STATUS(secrets_base32_decode(back, sizeof back, &len, "MZXW6YTBOI======\n"), SECRETS_OK);
    CHECK(len == 6 && memcmp(back, "foobar", 6) == 0);
    CHECK_STATUS(secrets_base32_decode(back, sizeof back, &len, "MZXW\t6YTB\r\nOI\r\n"), SECRETS_OK);
    CHECK(len == 6 && memcmp(back, "foobar", 6) == 0);
    CHECK_STATUS(secrets_base32_decode(back, sizeof back, &len, "MZXW7==="), SECRETS_OK);
    CHECK(len == 3 && memcmp(back, "foo", 3) == 0);
    CHECK_STATUS(secrets_base32_decode(back, sizeof back, &len, "MZ"), SECRETS_OK);
    CHECK(len == 1 && back[0] == 'f');
    {
        /* 60 bytes: 96 characters, wrapped at 76 as `base32` wraps. */
        uint8_t data[60], again[60];
        char wrapped[128];
        for (size_t i = 0; i < sizeof data; i++) data[i] = (uint8_t)(i * 37 + 11);
        char plain[SECRETS_BASE32_ENCODED_SIZE(60)];
        CHECK_STATUS(secrets_base32_encode(plain, sizeof plain, data, sizeof data), SECRETS_OK);
        CHECK(strlen(plain) == 96);
        snprintf(wrapped, sizeof wrapped, "%.76s\n%s\n", plain, plain + 76);
        CHECK_STATUS(secrets_base32_decode(again, sizeof again, &len, wrapped), SECRETS_OK);
        CHECK(len == 60 && memcmp(again, data, 60) == 0);
    }
    /* Malformed: other characters (a vertical tab, a form feed), padding in
     * the middle or of the wrong length, impossible lengths. */
    const char *bad[] = {"M",       "MZX",       "MZXW6Y",    "MZXW6YTBM", "MZ=XW6===", "MY=====",
                         "MY=======", "========", "MZXW6YTB========", "MZXW6YT1", "MZXW6YT8",
                         "MZXW6YT0", "MZXW_YTB", "MZXW6YT\xc3", "MZ\vXW6YTB", "MZXW6YTB\f", "MZXW6YTB+"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(back, 0x55, sizeof back);
        len = 99;
        CHECK_STATUS(secrets_base32_decode(back, sizeof back, &len, bad[i]), SECRETS_ERR_MALFORMED);
        CHECK(len == 0 && check_all_zero(back, sizeof back));
    }
    /* NULL pointers in turn, huge sizes. */
    CHECK_STATUS(secrets_base32_encode(NULL, sizeof text, bytes, 5), SECRETS_ERR_NULL_POINTER);
    memset(text, 'x', sizeof text);
    CHECK_STATUS(secrets_base32_encode(text, sizeof text, NULL, 5), SECRETS_ERR_NULL_POINTER);
    CHECK(check_all_zero(text, sizeof text));
    CHECK_STATUS(secrets_base32_encode(text, sizeof text, NULL, 0), SECRETS_OK);
    CHECK(text[0] == '\0');
    CHECK_STATUS(secrets_base32_encode(text, SIZE_MAX, bytes, 5), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_base32_encode(text, sizeof text, bytes, SIZE_MAX), SECRETS_ERR_INVALID_ARGUMENT);
    len = 99;
    CHECK_STATUS(secrets_base32_decode(NULL, 8, &len, "MY"), SECRETS_ERR_NULL_POINTER);
    CHECK(len == 0);
    memset(back, 0x55, sizeof back);
    CHECK_STATUS(secrets_base32_decode(back, sizeof back, NULL, "MY"), SECRETS_ERR_NULL_POINTER);
    CHECK(check_all_zero(back, sizeof back));
    memset(back, 0x55, sizeof back);
    len = 99;
    CHECK_STATUS(secrets_base32_decode(back, sizeof back, &len, NULL), SECRETS_ERR_NULL_POINTER);
    CHECK(len == 0 && check_all_zero(back, sizeof back));
    CHECK_STATUS(secrets_base32_decode(back, SIZE_MAX, &len, "MY"), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(secrets_base32_encode_size(SIZE_MAX) == 0);
    CHECK(secrets_base32_decode_size(SIZE_MAX) == 0);
    CHECK(secrets_base32_decode_size(16) == 10 && secrets_base32_decode_size(0) == 0);
}

/* -------------------------------------------------------------- otpauth */

static void test_otpauth(void) {
    const uint8_t key[10] = {'H', 'e', 'l', 'l', 'o', '!', 0xde, 0xad, 0xbe, 0xef};
    const char *expected =
        "otpauth://totp/Example:alice%40google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
        "&algorithm=SHA1&digits=6&period=30";
    char uri[256];
    CHECK_STATUS(secrets_otpauth_uri(uri, sizeof uri, "Example", "alice@google.com", key, 10, 30, 6,
                                     SECRETS_OTP_SHA1),
                 SECRETS_OK);
    CHECK(strcmp(uri, expected) == 0);
    /* Exact size works; one byte less fails and is zeroed. */
    size_t size = strlen(expected) + 1;
    CHECK_STATUS(secrets_otpauth_uri(uri, size, "Example", "alice@google.com", key, 10, 30, 6, SECRETS_OTP_SHA1),
                 SECRETS_OK);
    memset(uri, 'x', sizeof uri);
    CHECK_STATUS(
        secrets_otpauth_uri(uri, size - 1, "Example", "alice@google.com", key, 10, 30, 6, SECRETS_OTP_SHA1),
        SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK(check_all_zero(uri, size - 1) && uri[size - 1] == 'x');
    /* Percent-encoding, other algorithms and parameters. */
    CHECK_STATUS(secrets_otpauth_uri(uri, sizeof uri, "ACME Co", "j.doe+2fa@x.org", SEED20, 20, 60, 8,
                                     SECRETS_OTP_SHA256),
                 SECRETS_OK);
    CHECK(strcmp(uri, "otpauth://totp/ACME%20Co:j.doe%2B2fa%40x.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                      "&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60") == 0);
    CHECK_STATUS(secrets_otpauth_uri(uri, sizeof uri, "I", "a-b_c.d~e", SEED20, 1, 1, 10, SECRETS_OTP_SHA512),
                 SECRETS_OK);
    CHECK(strcmp(uri, "otpauth://totp/I:a-b_c.d~e?secret=GE&issuer=I&algorithm=SHA512&digits=10&period=1") == 0);
    /* No issuer: NULL or "". */
    CHECK_STATUS(secrets_otpauth_uri(uri, sizeof uri, NULL, "bob", key, 10, 30, 6, SECRETS_OTP_SHA1), SECRETS_OK);
    CHECK(strcmp(uri, "otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30") == 0);
    CHECK_STATUS(secrets_otpauth_uri(uri, sizeof uri, "", "bob", key, 10, 30, 6, SECRETS_OTP_SHA1), SECRETS_OK);
    CHECK(strcmp(uri, "otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30") == 0);
    /* Refusals, each zeroing the output. */
    struct {
        const char *issuer, *account;
        size_t key_len;
        uint32_t period, digits, algorithm;
    } bad[] = {
        {"a:b", "c", 10, 30, 6, 1}, {"a", "b:c", 10, 30, 6, 1}, {"a", "", 10, 30, 6, 1},
        {"a", "b", 0, 30, 6, 1},    {"a", "b", 10, 0, 6, 1},    {"a", "b", 10, 30, 5, 1},
        {"a", "b", 10, 30, 11, 1},  {"a", "b", 10, 30, 6, 0},   {"a", "b", 10, 30, 6, 4},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(uri, 'x', sizeof uri);
        CHECK_STATUS(secrets_otpauth_uri(uri, sizeof uri, bad[i].issuer, bad[i].account, key, bad[i].key_len,
                                         bad[i].period, bad[i].digits, bad[i].algorithm),
                     SECRETS_ERR_INVALID_ARGUMENT);
        CHECK(check_all_zero(uri, sizeof uri));
    }
    CHECK_STATUS(secrets_otpauth_uri(NULL, sizeof uri, "a", "b", key, 10, 30, 6, 1), SECRETS_ERR_NULL_POINTER);
    memset(uri, 'x', sizeof uri);
    CHECK_STATUS(secrets_otpauth_uri(uri, sizeof uri, "a", NULL, key, 10, 30, 6, 1), SECRETS_ERR_NULL_POINTER);
    CHECK(check_all_zero(uri, sizeof uri));
    memset(uri, 'x', sizeof uri);
    CHECK_STATUS(secrets_otpauth_uri(uri, sizeof uri, "a", "b", NULL, 10, 30, 6, 1), SECRETS_ERR_NULL_POINTER);
    CHECK(check_all_zero(uri, sizeof uri));
    CHECK_STATUS(secrets_otpauth_uri(uri, SIZE_MAX, "a", "b", key, 10, 30, 6, 1), SECRETS_ERR_INVALID_ARGUMENT);
    /* The URI's secret decodes back to the key and gives the same codes. */
    CHECK_STATUS(secrets_otpauth_uri(uri, sizeof uri, "Example", "alice", SEED20, 20, 30, 6, 1), SECRETS_OK);
    char *secret = strstr(uri, "secret=") + 7;
    *strchr(secret, '&') = '\0';
    uint8_t decoded[32];
    size_t len;
    CHECK_STATUS(secrets_base32_decode(decoded, sizeof decoded, &len, secret), SECRETS_OK);
    CHECK(len == 20 && memcmp(decoded, SEED20, 20) == 0);
}

/* ------------------------------------------------------------ HOTP, completed */

static void test_hotp_verify(void) {
    /* RFC 4226 Appendix D. */
    static const char *const codes[10] = {"755224", "287082", "359152", "969429", "338314",
                                          "254676", "287922", "162583", "399871", "520489"};
    uint64_t matched = 99;
    for (uint64_t c = 0; c < 10; c++) {
        CHECK_STATUS(secrets_hotp_verify(&matched, codes[c], SEED20, 20, c, 0, 6, SECRETS_OTP_SHA1), SECRETS_OK);
        CHECK(matched == c);
        /* Found within the look-ahead from counter 0, not from a later one. */
        CHECK_STATUS(secrets_hotp_verify(&matched, codes[c], SEED20, 20, 0, (uint32_t)c, 6, SECRETS_OTP_SHA1),
                     SECRETS_OK);
        CHECK(matched == c);
        if (c > 0) {
            matched = 99;
            CHECK_STATUS(secrets_hotp_verify(&matched, codes[c], SEED20, 20, 0, (uint32_t)c - 1, 6, SECRETS_OTP_SHA1),
                         SECRETS_ERR_MISMATCH);
            CHECK(matched == 0);
        }
        CHECK_STATUS(secrets_hotp_verify(NULL, codes[c], SEED20, 20, c + 1, SECRETS_HOTP_MAX_LOOK_AHEAD, 6,
                                         SECRETS_OTP_SHA1),
                     SECRETS_ERR_MISMATCH);
    }
    /* RFC 4226's 10-digit value for counter 7, found from counter 0. */
    CHECK_STATUS(secrets_hotp_verify(&matched, "0082162583", SEED20, 20, 0, 20, 10, SECRETS_OTP_SHA1), SECRETS_OK);
    CHECK(matched == 7);
    /* Other hashes: what secrets_hotp writes verifies. */
    char code[SECRETS_HOTP_CODE_SIZE];
    CHECK_STATUS(secrets_hotp(code, sizeof code, SEED64, 64, 1000, 8, SECRETS_OTP_SHA512), SECRETS_OK);
    CHECK_STATUS(secrets_hotp_verify(&matched, code, SEED64, 64, 995, 5, 8, SECRETS_OTP_SHA512), SECRETS_OK);
    CHECK(matched == 1000);
    /* The top of the counter range: nothing past UINT64_MAX is tried. */
    CHECK_STATUS(secrets_hotp(code, sizeof code, SEED20, 20, UINT64_MAX, 6, SECRETS_OTP_SHA1), SECRETS_OK);
    CHECK_STATUS(secrets_hotp_verify(&matched, code, SEED20, 20, UINT64_MAX - 1, 20, 6, SECRETS_OTP_SHA1),
                 SECRETS_OK);
    CHECK(matched == UINT64_MAX);
    /* Bad input. */
    matched = 99;
    CHECK_STATUS(secrets_hotp_verify(&matched, "755224", SEED20, 20, 0, SECRETS_HOTP_MAX_LOOK_AHEAD + 1, 6,
                                     SECRETS_OTP_SHA1),
                 SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(matched == 0);
    CHECK_STATUS(secrets_hotp_verify(&matched, "755224", SEED20, 20, 0, 0, 5, SECRETS_OTP_SHA1),
                 SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_hotp_verify(&matched, "755224", SEED20, 20, 0, 0, 6, 4), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_hotp_verify(&matched, "755224", SEED20, 0, 0, 0, 6, SECRETS_OTP_SHA1),
                 SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_hotp_verify(&matched, "75522", SEED20, 20, 0, 0, 6, SECRETS_OTP_SHA1), SECRETS_ERR_MALFORMED);
    CHECK_STATUS(secrets_hotp_verify(&matched, "75522x", SEED20, 20, 0, 0, 6, SECRETS_OTP_SHA1),
                 SECRETS_ERR_MALFORMED);
    CHECK_STATUS(secrets_hotp_verify(&matched, NULL, SEED20, 20, 0, 0, 6, SECRETS_OTP_SHA1), SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_hotp_verify(&matched, "755224", NULL, 20, 0, 0, 6, SECRETS_OTP_SHA1),
                 SECRETS_ERR_NULL_POINTER);
    CHECK(matched == 0);
}

static void test_otpauth_hotp_and_sizes(void) {
    char uri[256];
    const uint8_t key[] = "Hello!\xde\xad\xbe\xef";
    CHECK_STATUS(secrets_otpauth_uri_hotp(uri, sizeof uri, "Example", "alice@google.com", key, 10, 0, 6,
                                          SECRETS_OTP_SHA1),
                 SECRETS_OK);
    CHECK(strcmp(uri, "otpauth://hotp/Example:alice%40google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
                      "&algorithm=SHA1&digits=6&counter=0") == 0);
    CHECK_STATUS(secrets_otpauth_uri_hotp(uri, sizeof uri, NULL, "bob", key, 1, UINT64_MAX, 8, SECRETS_OTP_SHA256),
                 SECRETS_OK);
    CHECK(strcmp(uri, "otpauth://hotp/bob?secret=JA&algorithm=SHA256&digits=8&counter=18446744073709551615") == 0);
    /* The size helper bounds every URI and is reached by the longest one. */
    size_t size = secrets_otpauth_uri_size("Example", "alice@google.com", 10);
    CHECK(size > 0 && size <= sizeof uri);
    CHECK_STATUS(secrets_otpauth_uri_hotp(uri, size, "Example", "alice@google.com", key, 10, UINT64_MAX, 10,
                                          SECRETS_OTP_SHA512),
                 SECRETS_OK);
    CHECK(strlen(uri) + 1 == size);
    CHECK_STATUS(secrets_otpauth_uri(uri, size, "Example", "alice@google.com", key, 10, UINT32_MAX, 10,
                                     SECRETS_OTP_SHA512),
                 SECRETS_OK);
    CHECK_STATUS(secrets_otpauth_uri_hotp(uri, size - 1, "Example", "alice@google.com", key, 10, UINT64_MAX, 10,
                                          SECRETS_OTP_SHA512),
                 SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK(secrets_otpauth_uri_size(NULL, "bob", 1) == secrets_otpauth_uri_size("", "bob", 1));
    CHECK(secrets_otpauth_uri_size(NULL, "bob", 1) > 0);
    CHECK(secrets_otpauth_uri_size("a", NULL, 10) == 0);
    CHECK(secrets_otpauth_uri_size("a", "", 10) == 0);
    CHECK(secrets_otpauth_uri_size("a:b", "c", 10) == 0);
    CHECK(secrets_otpauth_uri_size("a", "b:c", 10) == 0);
    CHECK(secrets_otpauth_uri_size("a", "b", 0) == 0);
    CHECK(secrets_otpauth_uri_size("a", "b", SIZE_MAX) == 0);
    /* Bad input as for the TOTP URI. */
    memset(uri, 'x', sizeof uri);
    CHECK_STATUS(secrets_otpauth_uri_hotp(uri, sizeof uri, "a", "b", key, 10, 0, 11, SECRETS_OTP_SHA1),
                 SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(check_all_zero(uri, sizeof uri));
    CHECK_STATUS(secrets_otpauth_uri_hotp(uri, sizeof uri, "a", NULL, key, 10, 0, 6, SECRETS_OTP_SHA1),
                 SECRETS_ERR_NULL_POINTER);
}

/* ------------------------------------------ overlapping arguments are refused */

/* Each call gets an output that overlaps one of its inputs: the status is
 * SECRETS_ERR_INVALID_ARGUMENT and the buffer (holding the input) is left
 * exactly as it was. */
static void test_overlap_refused(void) {
    uint8_t buf[512], before[512];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)('A' + i % 26);
    buf[sizeof buf - 1] = 0;
    memcpy(before, buf, sizeof buf);
    char *text = (char *)buf;
    const uint8_t key[20] = "12345678901234567890";
    size_t len = 7;
    uint64_t matched = 7;
#define UNCHANGED() CHECK(memcmp(buf, before, sizeof buf) == 0)
    /* HMAC: the tag over the key, over the message, the hex over both. */
    CHECK_STATUS(secrets_hmac_sha256(buf, buf, 32, key, 20), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    CHECK_STATUS(secrets_hmac_sha256(buf + 10, key, 20, buf, 64), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    CHECK_STATUS(secrets_hmac_sha256_hex(text, 65, key, 20, buf + 64, 16), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    CHECK_STATUS(secrets_hmac_sha256_hex(text + 100, 65, buf + 90, 20, key, 20), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    /* CSRF: the key inside the output, the session id at its end. */
    CHECK_STATUS(secrets_csrf_token(text, SECRETS_CSRF_TOKEN_SIZE, buf + 40, 32, NULL, NOW),
                 SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    CHECK_STATUS(secrets_csrf_token(text, SECRETS_CSRF_TOKEN_SIZE, CSRF_KEY, 32, text + 50, NOW),
                 SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    /* HOTP/TOTP codes over their key. */
    CHECK_STATUS(secrets_hotp(text, 11, buf + 5, 20, 0, 6, SECRETS_OTP_SHA1), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    CHECK_STATUS(secrets_totp(text + 19, 11, buf, 20, NOW, 30, 6, SECRETS_OTP_SHA1), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    /* The matched counter over the key or the code. */
    CHECK_STATUS(secrets_totp_verify((uint64_t *)(void *)(buf + 8), "123456", buf, 20, NOW, 30, 6, SECRETS_OTP_SHA1, 1),
                 SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    {
        char code[8] = "755224";
        CHECK_STATUS(secrets_hotp_verify((uint64_t *)(void *)code, code, SEED20, 20, 0, 0, 6, SECRETS_OTP_SHA1),
                     SECRETS_ERR_INVALID_ARGUMENT);
        CHECK(strcmp(code, "755224") == 0);
        /* Adjacent, not overlapping: accepted. */
        struct {
            uint64_t counter;
            char code[8];
        } s = {42, "755224"};
        CHECK_STATUS(secrets_hotp_verify(&s.counter, s.code, SEED20, 20, 0, 0, 6, SECRETS_OTP_SHA1), SECRETS_OK);
        CHECK(s.counter == 0);
    }
    /* base32: encoding in place, decoding over the text or onto out_len. */
    CHECK_STATUS(secrets_base32_encode(text, 33, buf + 12, 20), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    CHECK_STATUS(secrets_base32_encode(text, 33, buf, 20), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    {
        char b32[40] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        CHECK_STATUS(secrets_base32_decode((uint8_t *)b32, 20, &len, b32), SECRETS_ERR_INVALID_ARGUMENT);
        CHECK(strcmp(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == 0);
        CHECK_STATUS(secrets_base32_decode((uint8_t *)b32 + 20, 20, &len, b32), SECRETS_ERR_INVALID_ARGUMENT);
        CHECK(strcmp(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == 0);
        /* out_len inside the text, or inside out. */
        CHECK_STATUS(secrets_base32_decode(buf, 20, (size_t *)(void *)(b32 + 8), b32), SECRETS_ERR_INVALID_ARGUMENT);
        CHECK(strcmp(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == 0);
        UNCHANGED();
        size_t lens[8];
        CHECK_STATUS(secrets_base32_decode((uint8_t *)lens, sizeof lens, &lens[2], b32), SECRETS_ERR_INVALID_ARGUMENT);
    }
    /* otpauth URIs: out == key (the audit's case), over the account, the issuer. */
    CHECK_STATUS(secrets_otpauth_uri(text, 256, "Example", "alice", buf, 20, 30, 6, SECRETS_OTP_SHA1),
                 SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    CHECK_STATUS(secrets_otpauth_uri(text, 256, "Example", text + 200, key, 20, 30, 6, SECRETS_OTP_SHA1),
                 SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    CHECK_STATUS(secrets_otpauth_uri_hotp(text + 100, 256, text + 300, "alice", key, 20, 0, 6, SECRETS_OTP_SHA1),
                 SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    (void)matched;
#undef UNCHANGED
}

int main(void) {
    test_hmac_rfc4231();
    test_hmac_behaviour();
    test_csrf_round_trip();
    test_csrf_every_alteration();
    test_csrf_time();
    test_csrf_bad_input();
    test_hotp_rfc4226();
    test_totp_rfc6238();
    test_totp_verify_window();
    test_otp_bad_input();
    test_base32_rfc4648();
    test_base32_behaviour();
    test_otpauth();
    test_hotp_verify();
    test_otpauth_hotp_and_sizes();
    test_overlap_refused();
    return check_finish("test_auth");
}
