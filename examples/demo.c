/*
 * libsecrets demo: one of each kind of value the library makes, the way
 * Python's `secrets` examples print them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
