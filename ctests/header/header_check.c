/*
 * The public header on its own, compiled as strict ISO C (C99 and C11 with
 * -Wall -Wextra -Wpedantic -Werror, see cmake/SecretsTests.cmake): it must
 * need no other include, survive a second inclusion, and describe the ABI
 * the library really has. Deliberately does not use ctests/check.h, which
 * needs C11-era compilers' extras.
 */
#include "secrets.h"
#include "secrets.h" /* the include guard must make this harmless */

#include <stdio.h>
#include <string.h>

static int passes, failures;

static void expect(int ok, const char *what) {
    if (ok) {
        passes++;
    } else {
        failures++;
        fprintf(stderr, "header_check: %s\n", what);
    }
}

int main(void) {
    /* The status type is a 32-bit signed integer in C, values fixed forever. */
    secrets_status status = SECRETS_OK;
    char hex[SECRETS_TOKEN_HEX_SIZE(4)];
    char url[SECRETS_TOKEN_URLSAFE_SIZE(4)];
    const char *version = secrets_version();

    expect(sizeof(secrets_status) == 4, "sizeof(secrets_status) is 4");
    expect((secrets_status)-1 < 0, "secrets_status is signed");
    expect(SECRETS_OK == 0 && SECRETS_ERR_NULL_POINTER == 1 &&
               SECRETS_ERR_BUFFER_TOO_SMALL == 2 &&
               SECRETS_ERR_INVALID_ARGUMENT == 3 && SECRETS_ERR_ENTROPY == 4 &&
               SECRETS_ERR_MISMATCH == 5 && SECRETS_ERR_EXPIRED == 6 &&
               SECRETS_ERR_MALFORMED == 7,
           "status values are the documented ones");
    expect(SECRETS_DEFAULT_ENTROPY == 32, "SECRETS_DEFAULT_ENTROPY is 32");
    expect(sizeof hex == 9 && sizeof url == 7, "size macros");
    expect(secrets_token_hex_size(4) == sizeof hex, "secrets_token_hex_size agrees with the macro");
    expect(secrets_token_urlsafe_size(4) == sizeof url,
           "secrets_token_urlsafe_size agrees with the macro");

    status = secrets_token_hex(hex, sizeof hex, 4);
    expect(status == SECRETS_OK && strlen(hex) == 8, "secrets_token_hex");
    status = secrets_token_urlsafe(url, sizeof url, 4);
    expect(status == SECRETS_OK && strlen(url) == 6, "secrets_token_urlsafe");
    expect(secrets_compare_digest("ab", 2, "ab", 2) && !secrets_compare_digest("ab", 2, "ac", 2),
           "secrets_compare_digest returns a C bool");
    expect(version != NULL && strchr(version, '.') != NULL, "secrets_version");
    expect(secrets_strerror(12345) != NULL, "secrets_strerror never returns NULL");

    printf("header_check (C %ld): %d passed, %d failed\n",
#ifdef __STDC_VERSION__
           (long)__STDC_VERSION__,
#else
           0L,
#endif
           passes, failures);
    return failures == 0 ? 0 : 1;
}
