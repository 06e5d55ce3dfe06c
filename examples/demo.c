/*
 * libsecrets demo: one of each kind of value the library makes, the way
 * Python's `secrets` examples print them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "secrets.h"

/* Prints the failing call's status text and exits. */
static void must(secrets_status status, const char *what) {
    if (status != SECRETS_OK) {
        fprintf(stderr, "%s failed: %s\n", what, secrets_strerror(status));
        exit(1);
    }
}

static void demo_core_randomness(void) {
    uint8_t key[16];
    must(secrets_token_bytes(key, sizeof key), "token_bytes");
    printf("\n-- core randomness (Python's secrets module) --\n");
    printf("token_bytes(16)      ");
    for (size_t i = 0; i < sizeof key; i++) printf("%02x", key[i]);
    printf("  (raw bytes, shown as hex)\n");

    char hex[SECRETS_TOKEN_HEX_SIZE(SECRETS_DEFAULT_ENTROPY)];
    must(secrets_token_hex(hex, sizeof hex, SECRETS_DEFAULT_ENTROPY), "token_hex");
    printf("token_hex(32)        %s\n", hex);

    char url[SECRETS_TOKEN_URLSAFE_SIZE(SECRETS_DEFAULT_ENTROPY)];
    must(secrets_token_urlsafe(url, sizeof url, SECRETS_DEFAULT_ENTROPY), "token_urlsafe");
    printf("token_urlsafe(32)    %s\n", url);

    uint64_t dice;
    must(secrets_randbelow(&dice, 6), "randbelow");
    printf("randbelow(6) + 1     %" PRIu64 "  (a fair die)\n", dice + 1);

    uint64_t bits;
    must(secrets_randbits(&bits, 20), "randbits");
    printf("randbits(20)         %" PRIu64 "\n", bits);

    int64_t even;
    must(secrets_randrange(&even, 100, 0, -2), "randrange");
    printf("randrange(100,0,-2)  %" PRId64 "\n", even);

    const uint8_t vowels[] = {'a', 'e', 'i', 'o', 'u'};
    uint8_t vowel;
    must(secrets_choice(&vowel, vowels, sizeof vowels), "choice");
    printf("choice(\"aeiou\")      %c\n", vowel);

    const char *cards[] = {"A♠", "K♥", "Q♦", "J♣", "10♠", "9♥", "8♦", "7♣"};
    must(secrets_shuffle(cards, sizeof cards / sizeof cards[0], sizeof cards[0]), "shuffle");
    printf("shuffle(8 cards)     ");
    for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++) printf("%s ", cards[i]);
    printf("\n");

    size_t winners[3];
    must(secrets_sample(winners, 3, 1000), "sample");
    printf("sample(3 of 1000)    %zu %zu %zu\n", winners[0], winners[1], winners[2]);

    double d;
    must(secrets_random_double(&d), "random_double");
    printf("random_double()      %.17f\n", d);

    const char *expected = "s3cr3t-t0ken", *given = "s3cr3t-t0keN";
    printf("compare_digest       \"%s\" vs \"%s\": %s  (constant time)\n", expected, given,
           secrets_compare_digest(expected, strlen(expected), given, strlen(given)) ? "equal" : "different");
    secrets_memzero(key, sizeof key);
}

static void demo_human_facing(void) {
    printf("\n-- human-facing secrets --\n");
    char password[17];
    must(secrets_password(password, sizeof password, 16, SECRETS_PASSWORD_DEFAULT), "secrets_password");
    printf("password (default policy):  %s  (%.1f bits)\n", password,
           secrets_password_entropy_bits(16, SECRETS_PASSWORD_DEFAULT));

    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    char custom[21];
    must(secrets_password_custom(custom, sizeof custom, 20, alphabet), "secrets_password_custom");
    printf("password (custom alphabet): %s  (%.1f bits)\n", custom,
           secrets_entropy_bits(20, sizeof alphabet - 1));

    char phrase[64];
    must(secrets_passphrase(phrase, sizeof phrase, 6, NULL), "secrets_passphrase");
    printf("passphrase:                 %s  (%.1f bits)\n", phrase,
           secrets_entropy_bits(6, SECRETS_EFF_WORDLIST_LEN));

    char code[7];
    must(secrets_otp_numeric(code, sizeof code, 6), "secrets_otp_numeric");
    printf("numeric code:               %s  (%.1f bits)\n", code, secrets_entropy_bits(6, 10));
    must(secrets_otp_alphanumeric(code, sizeof code, 6), "secrets_otp_alphanumeric");
    printf("alphanumeric code:          %s  (%.1f bits)\n", code, secrets_entropy_bits(6, 32));

    char key[128];
    must(secrets_api_key(key, sizeof key, "sk_live", SECRETS_DEFAULT_ENTROPY), "secrets_api_key");
    printf("API key:                    %s  (%d bits)\n", key, 8 * SECRETS_DEFAULT_ENTROPY);
    char checked[SECRETS_API_KEY_CHECKSUMMED_MAX_SIZE];
    must(secrets_api_key_checksummed(checked, sizeof checked, "myapp"), "secrets_api_key_checksummed");
    printf("checksummed API key:        %s  (%.1f bits, check: %s)\n", checked,
           secrets_entropy_bits(30, 62), secrets_strerror(secrets_api_key_check(checked)));

    char uuid[SECRETS_UUID_SIZE];
    must(secrets_uuid4(uuid, sizeof uuid), "secrets_uuid4");
    printf("UUID v4:                    %s  (122 bits)\n", uuid);
}

static void demo_authentication(void) {
    printf("\n-- authentication codes and tokens --\n");
    uint8_t key[32];
    must(secrets_token_bytes(key, sizeof key), "token_bytes");
    const char *message = "amount=100&to=alice";
    char tag[SECRETS_HMAC_SHA256_HEX_SIZE];
    must(secrets_hmac_sha256_hex(tag, sizeof tag, key, sizeof key, (const uint8_t *)message, strlen(message)),
         "hmac_sha256_hex");
    printf("hmac_sha256          \"%s\"\n                     %s\n", message, tag);
    uint8_t raw[SECRETS_HMAC_SHA256_BYTES];
    must(secrets_hmac_sha256(raw, key, sizeof key, (const uint8_t *)message, strlen(message)), "hmac_sha256");
    printf("hmac_sha256_verify   %s; tampered message: %s\n",
           secrets_strerror(secrets_hmac_sha256_verify(raw, sizeof raw, key, sizeof key,
                                                       (const uint8_t *)message, strlen(message))),
           secrets_strerror(secrets_hmac_sha256_verify(raw, sizeof raw, key, sizeof key,
                                                       (const uint8_t *)"amount=900&to=alice", 19)));

    uint64_t now = (uint64_t)time(NULL);
    uint8_t csrf_key[32]; /* one key per purpose */
    must(secrets_token_bytes(csrf_key, sizeof csrf_key), "token_bytes");
    char csrf[SECRETS_CSRF_TOKEN_SIZE];
    must(secrets_csrf_token(csrf, sizeof csrf, csrf_key, sizeof csrf_key, "session-1234", now), "csrf_token");
    printf("csrf_token           %s\n", csrf);
    printf("csrf_verify          same session: %s; other session: %s; an hour later (max 15 min): %s\n",
           secrets_strerror(secrets_csrf_verify(csrf, csrf_key, sizeof csrf_key, "session-1234", now, 900)),
           secrets_strerror(secrets_csrf_verify(csrf, csrf_key, sizeof csrf_key, "session-9999", now, 900)),
           secrets_strerror(secrets_csrf_verify(csrf, csrf_key, sizeof csrf_key, "session-1234", now + 3600, 900)));

    uint8_t otp_key[20];
    must(secrets_token_bytes(otp_key, sizeof otp_key), "token_bytes");
    char b32[SECRETS_BASE32_ENCODED_SIZE(20)];
    must(secrets_base32_encode(b32, sizeof b32, otp_key, sizeof otp_key), "base32_encode");
    printf("base32(20-byte key)  %s\n", b32);
    char uri[256];
    must(secrets_otpauth_uri(uri, sizeof uri, "libsecrets demo", "alice@example.com", otp_key, sizeof otp_key, 30,
                             6, SECRETS_OTP_SHA1),
         "otpauth_uri");
    printf("otpauth_uri          %s\n", uri);
    char code[SECRETS_HOTP_CODE_SIZE];
    must(secrets_totp(code, sizeof code, otp_key, sizeof otp_key, now, 30, 6, SECRETS_OTP_SHA1), "totp");
    uint64_t step = 0;
    secrets_status ok = secrets_totp_verify(&step, code, otp_key, sizeof otp_key, now, 30, 6, SECRETS_OTP_SHA1, 1);
    printf("totp(now)            %s  (verify: %s, step %" PRIu64 ")\n", code, secrets_strerror(ok), step);

    secrets_memzero(uri, sizeof uri);
    secrets_memzero(b32, sizeof b32);
    secrets_memzero(otp_key, sizeof otp_key);
    secrets_memzero(csrf_key, sizeof csrf_key);
    secrets_memzero(key, sizeof key);
}

int main(void) {
    printf("libsecrets %s\n", secrets_version());
    demo_core_randomness();
    demo_human_facing();
    demo_authentication();
    return 0;
}
