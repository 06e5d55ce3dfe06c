/* Smoke test: the library links and answers. Fuller batteries live in the
 * other test_*.c files. */
#include "check.h"

int main(void) {
    char hex[SECRETS_TOKEN_HEX_SIZE(16)];
    CHECK_STATUS(secrets_token_hex(hex, sizeof hex, 16), SECRETS_OK);
    CHECK(strlen(hex) == 32);
    CHECK(strcmp(secrets_version(), "0.2.0") == 0);
    return check_finish("test_smoke");
}
