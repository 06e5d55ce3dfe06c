/*
 * libsecrets demo: one of each kind of value the library makes, the way
 * Python's `secrets` examples print them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "secrets.h"

/* Prints the failing call's status text and exits. */
static void must(secrets_status status, const char *what) {
    if (status != SECRETS_OK) {
        fprintf(stderr, "%s failed: %s\n", what, secrets_strerror(status));
        exit(1);
    }
}

static void demo_core_randomness(void) {
}

static void demo_human_facing(void) {
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
}

int main(void) {
    printf("libsecrets %s\n", secrets_version());
    demo_core_randomness();
    demo_human_facing();
    demo_authentication();
    return 0;
}
