/*
 * A consumer program: what the smallest user of libsecrets writes. Built
 * against an installed copy in every supported way by .ci/packaging.sh.
 * Exits 0 when the library answers correctly.
 */
#include <secrets.h>

#include <stdio.h>
#include <string.h>

int main(void) {
    char token[SECRETS_TOKEN_URLSAFE_SIZE(SECRETS_DEFAULT_ENTROPY)];
    uint64_t die = 0;
    secrets_status status;

    status = secrets_token_urlsafe(token, sizeof token, SECRETS_DEFAULT_ENTROPY);
    if (status != SECRETS_OK) {
        fprintf(stderr, "consumer: secrets_token_urlsafe: %s\n", secrets_strerror(status));
        return 1;
    }
    if (strlen(token) != 43) {
        fprintf(stderr, "consumer: a 32-byte urlsafe token has %zu characters, not 43\n",
                strlen(token));
        return 1;
    }
    status = secrets_randbelow(&die, 6);
    if (status != SECRETS_OK || die >= 6) {
        fprintf(stderr, "consumer: secrets_randbelow: %s\n", secrets_strerror(status));
        return 1;
    }
    printf("consumer: libsecrets %s, token %s, die %u\n", secrets_version(), token,
           (unsigned)die + 1);
    return 0;
}
