/* Stand-ins for libsecrets 0.2.0 additions: see compat.h for how to switch. */
#include "compat.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Codes for counters counter..counter+look_ahead are all computed and
 * compared (never stopping early), so the time does not depend on which
 * one matched, nor on the code's digits. */
secrets_status cli_hotp_verify(uint64_t *matched_counter, const char *code, const void *key,
                               size_t key_len, uint64_t counter, uint32_t look_ahead,
                               uint32_t digits, uint32_t algorithm) {
    if (matched_counter != NULL) {
        *matched_counter = 0;
    }
    if (code == NULL) {
        return SECRETS_ERR_NULL_POINTER;
    }
    char expected[SECRETS_HOTP_CODE_SIZE];
    /* Argument errors (digits, algorithm, key) come from the library's own checks. */
    secrets_status status = secrets_hotp(expected, sizeof expected, (const unsigned char *)key,
                                         key_len, counter, digits, algorithm);
    secrets_memzero(expected, sizeof expected);
    if (status != SECRETS_OK) {
        return status;
    }
    size_t code_len = strlen(code);
    if (code_len != digits) {
        return SECRETS_ERR_MALFORMED;
    }
    for (size_t i = 0; i < code_len; i++) {
        if (code[i] < '0' || code[i] > '9') {
            return SECRETS_ERR_MALFORMED;
        }
    }
    uint64_t found = 0;
    uint64_t any = 0;
    for (uint64_t i = 0; i <= look_ahead; i++) {
        if (counter > UINT64_MAX - i) {
            break; /* counters past UINT64_MAX are not tried */
        }
        status = secrets_hotp(expected, sizeof expected, (const unsigned char *)key, key_len,
                              counter + i, digits, algorithm);
        if (status != SECRETS_OK) {
            secrets_memzero(expected, sizeof expected);
            return status;
        }
        uint64_t hit = (uint64_t)secrets_compare_digest(expected, digits, code, digits);
        uint64_t first = hit & (any ^ 1u); /* keep the lowest counter that matched */
        found |= (counter + i) & ((uint64_t)0 - first);
        any |= hit;
    }
    secrets_memzero(expected, sizeof expected);
    if (!any) {
        return SECRETS_ERR_MISMATCH;
    }
    if (matched_counter != NULL) {
        *matched_counter = found;
    }
    return SECRETS_OK;
}

secrets_status cli_otpauth_uri_hotp(char *out, size_t out_size, const char *issuer,
                                    const char *account, const void *key, size_t key_len,
                                    uint64_t counter, uint32_t digits, uint32_t algorithm) {
    /* The TOTP URI with period 30 ends in "&period=30"; the HOTP URI is the
     * same with "hotp" for "totp" and the counter for the period. */
    static const char period[] = "&period=30";
    secrets_status status = secrets_otpauth_uri(out, out_size, issuer, account,
                                                (const unsigned char *)key, key_len, 30, digits,
                                                algorithm);
    if (status != SECRETS_OK) {
        return status;
    }
    size_t len = strlen(out);
    char tail[sizeof "&counter=" + 20];
    int tail_len = snprintf(tail, sizeof tail, "&counter=%" PRIu64, counter);
    size_t base = len - (sizeof period - 1);
    if (len < sizeof period - 1 || memcmp(out + base, period, sizeof period - 1) != 0 ||
        memcmp(out, "otpauth://totp/", 15) != 0) {
        secrets_memzero(out, out_size); /* not the URI shape 0.1 writes */
        return SECRETS_ERR_INVALID_ARGUMENT;
    }
    if (base + (size_t)tail_len + 1 > out_size) {
        secrets_memzero(out, out_size);
        return SECRETS_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(out + 10, "hotp", 4);
    memcpy(out + base, tail, (size_t)tail_len + 1);
    return SECRETS_OK;
}

size_t cli_otpauth_uri_size(const char *issuer, const char *account, size_t key_len) {
    /* Every fixed part at its longest: "otpauth://totp/" ":" "?secret="
     * "&issuer=" "&algorithm=SHA512" "&digits=10", and the longer of
     * "&period=" + 10 digits and "&counter=" + 20 digits; issuer (twice)
     * and account percent-encoded at 3 bytes a byte; the NUL. */
    const size_t fixed = 15 + 1 + 8 + 8 + 17 + 10 + 29 + 1;
    size_t i = issuer != NULL ? strlen(issuer) : 0;
    size_t a = account != NULL ? strlen(account) : 0;
    if (i > SIZE_MAX / 16 || a > SIZE_MAX / 16 || key_len > SIZE_MAX / 16) {
        return 0; /* then the sum below cannot overflow */
    }
    size_t b32 = key_len / 5 * 8 + (key_len % 5 * 8 + 4) / 5;
    return fixed + 6 * i + 3 * a + b32;
}

size_t cli_passphrase_custom_size(size_t words, const char *const *wordlist, size_t wordlist_len,
                                  const char *separator) {
    if (words == 0 || wordlist == NULL) {
        return 0;
    }
    size_t longest = 0;
    for (size_t i = 0; i < wordlist_len; i++) {
        size_t n = wordlist[i] != NULL ? strlen(wordlist[i]) : 0;
        longest = n > longest ? n : longest;
    }
    size_t sep = strlen(separator != NULL ? separator : "-");
    if (longest != 0 && words > SIZE_MAX / 2 / longest) {
        return 0;
    }
    if (sep != 0 && words - 1 > SIZE_MAX / 2 / sep) {
        return 0;
    }
    return words * longest + (words - 1) * sep + 1;
}

secrets_status cli_api_key_check_prefix(const char *key, const char *prefix) {
    secrets_status status = secrets_api_key_check(key);
    if (status != SECRETS_OK) {
        return status;
    }
    if (prefix == NULL) {
        return SECRETS_ERR_NULL_POINTER;
    }
    /* A checked key is "<prefix>_" and 36 base62 characters. */
    size_t key_len = strlen(key);
    size_t prefix_len = strlen(prefix);
    if (key_len != prefix_len + 37 || memcmp(key, prefix, prefix_len) != 0) {
        return SECRETS_ERR_MISMATCH;
    }
    return SECRETS_OK;
}
