/* The smallest useful firmware image, for the size budget: one token_hex
 * and one HMAC-SHA256, the startup code and the entropy hook. CI links it
 * with --gc-sections and checks its text size. */
#include <stddef.h>
#include <stdint.h>

#include "secrets.h"
#include "secrets_platform.h"

int main(void)
{
    char token[SECRETS_TOKEN_HEX_SIZE(16)];
    uint8_t tag[SECRETS_HMAC_SHA256_BYTES];
    secrets_status a = secrets_token_hex(token, sizeof token, 16);
    secrets_status b = secrets_hmac_sha256(tag, "key", 3, token, 32);
    return (a != SECRETS_OK) + (b != SECRETS_OK) + (tag[0] == 0 && tag[1] == 0);
}
