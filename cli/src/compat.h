/* TO SWITCH when libsecrets 0.2.0 is merged: these are stand-ins for the
 * library's additions secrets_hotp_verify, secrets_otpauth_uri_hotp,
 * secrets_otpauth_uri_size, secrets_passphrase_custom_size and
 * secrets_api_key_check_prefix, with the same signatures and contracts,
 * built only from functions that 0.1 already has. Once the library has
 * them: delete compat.c and this file, drop compat.c from CMakeLists.txt
 * and the Makefile, and replace each cli_ prefix below with secrets_ at
 * its call sites (grep -n 'cli_hotp_verify\|cli_otpauth\|cli_passphrase\|cli_api_key'). */
#ifndef SECRETS_CLI_COMPAT_H
#define SECRETS_CLI_COMPAT_H

#include <stddef.h>
#include <stdint.h>

#include <secrets.h>

/* Tries counter..counter+look_ahead in constant time in the code; on OK
 * *matched_counter is the lowest matching counter. */
secrets_status cli_hotp_verify(uint64_t *matched_counter, const char *code, const void *key,
                               size_t key_len, uint64_t counter, uint32_t look_ahead,
                               uint32_t digits, uint32_t algorithm);

/* otpauth://hotp/...&counter=N */
secrets_status cli_otpauth_uri_hotp(char *out, size_t out_size, const char *issuer,
                                    const char *account, const void *key, size_t key_len,
                                    uint64_t counter, uint32_t digits, uint32_t algorithm);

/* The largest out_size either otpauth URI function needs, NUL included; 0 on overflow. */
size_t cli_otpauth_uri_size(const char *issuer, const char *account, size_t key_len);

/* The out_size secrets_passphrase_custom needs; 0 when words is 0 or on overflow. */
size_t cli_passphrase_custom_size(size_t words, const char *const *wordlist, size_t wordlist_len,
                                  const char *separator);

/* OK, MISMATCH (a valid key with another prefix) or MALFORMED. */
secrets_status cli_api_key_check_prefix(const char *key, const char *prefix);

#endif
