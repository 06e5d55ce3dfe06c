/* Human-facing secrets through the public header: passwords, passphrases,
 * one-time codes, API keys, UUIDs and entropy figures. */
#include <ctype.h>
#include <stdlib.h>

#include "check.h"

static char buf[8192];

/* Fills buf with a marker so that zeroing and overruns can be seen. */
static void fill_marker(void) { memset(buf, 0xAA, sizeof buf); }

/* CHECK that `call` (writing into buf with out_size `size`) fails with
 * `expected`, zeroes buf[0..size] and touches nothing after it. */
#define CHECK_REFUSED(call, size, expected)                                    \
    do {                                                                       \
        fill_marker();                                                         \
        CHECK_STATUS(call, expected);                                          \
        CHECK(check_all_zero(buf, (size)));                                    \
        CHECK((unsigned char)buf[(size)] == 0xAA);                             \
    } while (0)

/* CHECK that `call` succeeds into buf and writes a text of `len` chars. */
#define CHECK_WRITES(call, len)                                                \
    do {                                                                       \
        fill_marker();                                                         \
        CHECK_STATUS(call, SECRETS_OK);                                        \
        CHECK(strlen(buf) == (size_t)(len));                                   \
    } while (0)

static const char *const AMBIGUOUS = "0Oo1Il|'\"`";
static const char *const SAFE = "!@#$%^&*-_+.";
static const char *const ALNUM_OTP = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
static const char *const BASE62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* Which class flag a character belongs to under `flags` (0: none). */
static uint32_t class_of(int c, uint32_t flags) {
    if ((flags & SECRETS_NO_AMBIGUOUS) && strchr(AMBIGUOUS, c)) return 0;
    if (islower(c)) return SECRETS_LOWER;
    if (isupper(c)) return SECRETS_UPPER;
    if (isdigit(c)) return SECRETS_DIGITS;
    if ((flags & SECRETS_SAFE_SYMBOLS) && strchr(SAFE, c)) return SECRETS_SAFE_SYMBOLS;
    if ((flags & SECRETS_SYMBOLS) && ispunct(c)) return SECRETS_SYMBOLS;
    return 0;
}

/* The alphabet of `flags`, in byte order; returns its size. */
static size_t alphabet_of(uint32_t flags, char *alphabet) {
    size_t n = 0;
    for (int c = 1; c < 128; c++) {
        uint32_t k = class_of(c, flags);
        if (k && (flags & k)) alphabet[n++] = (char)c;
    }
    alphabet[n] = 0;
    return n;
}

static void test_password_policies(void) {
    const uint32_t policies[] = {
        SECRETS_PASSWORD_DEFAULT,
        SECRETS_PASSWORD_DEFAULT | SECRETS_NO_AMBIGUOUS,
        SECRETS_LOWER | SECRETS_UPPER | SECRETS_DIGITS | SECRETS_SAFE_SYMBOLS | SECRETS_EACH_CLASS,
        SECRETS_DIGITS | SECRETS_SAFE_SYMBOLS | SECRETS_NO_AMBIGUOUS | SECRETS_EACH_CLASS,
        SECRETS_LOWER,
        SECRETS_UPPER | SECRETS_DIGITS | SECRETS_NO_AMBIGUOUS,
    };
    const size_t lengths[] = {4, 5, 8, 16, 64};
    for (size_t p = 0; p < sizeof policies / sizeof *policies; p++) {
        uint32_t flags = policies[p];
        uint32_t classes = flags & 0x1f;
        for (size_t l = 0; l < sizeof lengths / sizeof *lengths; l++) {
            int ok = 1;
            for (int draw = 0; draw < 300; draw++) {
                char pw[65];
                ok &= secrets_password(pw, sizeof pw, lengths[l], flags) == SECRETS_OK;
                ok &= strlen(pw) == lengths[l];
                uint32_t seen = 0;
                for (size_t i = 0; i < lengths[l]; i++) {
                    uint32_t k = class_of((unsigned char)pw[i], flags);
                    ok &= (k & classes) != 0;
                    seen |= k;
                }
                if (flags & SECRETS_EACH_CLASS) ok &= seen == classes;
            }
            CHECK(ok);
        }
    }
}

static void test_password_uniformity(void) {
    /* Without EACH_CLASS: every position uniform over all 94 characters. */
    uint32_t flags = SECRETS_LOWER | SECRETS_UPPER | SECRETS_DIGITS | SECRETS_SYMBOLS;
    char alphabet[128];
    size_t n = alphabet_of(flags, alphabet);
    CHECK(n == 94);
    static unsigned long counts[6][94];
    for (int draw = 0; draw < 20000; draw++) {
        char pw[7];
        CHECK_STATUS(secrets_password(pw, sizeof pw, 6, flags), SECRETS_OK);
        for (int i = 0; i < 6; i++) counts[i][strchr(alphabet, pw[i]) - alphabet]++;
    }
    for (int i = 0; i < 6; i++) CHECK_UNIFORM(counts[i], 94, "password position");

    /* With EACH_CLASS at length 4 (4 classes): at each position every class
     * is equally likely and characters are uniform within their class. */
    static unsigned long per_char[4][128];
    unsigned long per_class[4][4] = {{0}};
    const uint32_t order[4] = {SECRETS_LOWER, SECRETS_UPPER, SECRETS_DIGITS, SECRETS_SYMBOLS};
    for (int draw = 0; draw < 40000; draw++) {
        char pw[5];
        CHECK_STATUS(secrets_password(pw, sizeof pw, 4, SECRETS_PASSWORD_DEFAULT), SECRETS_OK);
        for (int i = 0; i < 4; i++) {
            uint32_t k = class_of((unsigned char)pw[i], SECRETS_PASSWORD_DEFAULT);
            for (int c = 0; c < 4; c++)
                if (k == order[c]) per_class[i][c]++;
            per_char[i][(unsigned char)pw[i]]++;
        }
    }
    for (int i = 0; i < 4; i++) {
        CHECK_UNIFORM(per_class[i], 4, "class at a position under EACH_CLASS");
        for (int c = 0; c < 4; c++) {
            unsigned long within[32];
            size_t m = 0;
            for (int ch = 1; ch < 128; ch++)
                if (class_of(ch, SECRETS_PASSWORD_DEFAULT) == order[c]) within[m++] = per_char[i][ch];
            CHECK_UNIFORM(within, m, "character within its class under EACH_CLASS");
        }
    }
}

/* Valid passwords by brute force over class patterns: every sequence of
 * class indices that covers all classes (when `each`) contributes the
 * product of its classes' sizes. */
static double brute_count(const int *sizes, int k, int length, int each) {
    double total = 0;
    int pattern[16] = {0};
    for (;;) {
        unsigned seen = 0;
        double product = 1;
        for (int i = 0; i < length; i++) {
            seen |= 1u << pattern[i];
            product *= sizes[pattern[i]];
        }
        if (!each || seen == (1u << k) - 1) total += product;
        int i = 0;
        while (i < length && ++pattern[i] == k) pattern[i++] = 0;
        if (i == length) return total;
    }
}

static void test_password_entropy(void) {
    struct {
        uint32_t flags;
        int sizes[4];
        int k;
    } cases[] = {
        {SECRETS_PASSWORD_DEFAULT, {26, 26, 10, 32}, 4},
        {SECRETS_PASSWORD_DEFAULT | SECRETS_NO_AMBIGUOUS, {24, 24, 8, 28}, 4},
        {SECRETS_LOWER | SECRETS_DIGITS | SECRETS_EACH_CLASS, {26, 10}, 2},
        {SECRETS_UPPER | SECRETS_SAFE_SYMBOLS | SECRETS_EACH_CLASS | SECRETS_NO_AMBIGUOUS, {24, 12}, 2},
        {SECRETS_DIGITS | SECRETS_EACH_CLASS, {10}, 1},
        {SECRETS_LOWER | SECRETS_SYMBOLS, {26, 32}, 2},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        int each = (cases[c].flags & SECRETS_EACH_CLASS) != 0;
        /* The class sizes documented in the header are the real ones. */
        char alphabet[128];
        int total = 0;
        for (int i = 0; i < cases[c].k; i++) total += cases[c].sizes[i];
        CHECK(alphabet_of(cases[c].flags, alphabet) == (size_t)total);
        for (int length = 1; length <= 8; length++) {
            double bits = secrets_password_entropy_bits((size_t)length, cases[c].flags);
            if (each && length < cases[c].k) {
                CHECK(bits == 0.0);
                continue;
            }
            double expected = log2(brute_count(cases[c].sizes, cases[c].k, length, each));
            if (fabs(bits - expected) > 1e-9) {
                fprintf(stderr, "flags %#x length %d: %.12f != %.12f\n",
                        (unsigned)cases[c].flags, length, bits, expected);
                CHECK(0);
            }
        }
    }
    CHECK(fabs(secrets_password_entropy_bits(16, SECRETS_PASSWORD_DEFAULT) - 104.5925141352) < 1e-9);
    /* Invalid policies and lengths carry nothing. */
    CHECK(secrets_password_entropy_bits(0, SECRETS_LOWER) == 0.0);
    CHECK(secrets_password_entropy_bits(8, 0) == 0.0);
    CHECK(secrets_password_entropy_bits(8, SECRETS_NO_AMBIGUOUS) == 0.0);
    CHECK(secrets_password_entropy_bits(8, SECRETS_SYMBOLS | SECRETS_SAFE_SYMBOLS) == 0.0);
    CHECK(secrets_password_entropy_bits(8, SECRETS_LOWER | 0x80u) == 0.0);
    CHECK(secrets_password_entropy_bits(3, SECRETS_PASSWORD_DEFAULT) == 0.0);
    /* Huge lengths stay finite and match length * log2(N). */
    double huge = secrets_password_entropy_bits(SIZE_MAX, SECRETS_PASSWORD_DEFAULT);
    CHECK(isfinite(huge) && fabs(huge / ((double)SIZE_MAX * log2(94.0)) - 1) < 1e-12);
    /* secrets_entropy_bits */
    CHECK(secrets_entropy_bits(10, 2) == 10.0);
    CHECK(fabs(secrets_entropy_bits(6, 7776) - 6 * log2(7776.0)) < 1e-9);
    CHECK(secrets_entropy_bits(10, 1) == 0.0);
    CHECK(secrets_entropy_bits(10, 0) == 0.0);
    CHECK(secrets_entropy_bits(0, 94) == 0.0);
    CHECK(isfinite(secrets_entropy_bits(SIZE_MAX, SIZE_MAX)));
}

static void test_password_bad_input(void) {
    uint32_t d = SECRETS_PASSWORD_DEFAULT;
    CHECK_WRITES(secrets_password(buf, 17, 16, d), 16);
    CHECK_REFUSED(secrets_password(buf, 16, 16, d), 16, SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_REFUSED(secrets_password(buf, 0, 16, d), 0, SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(secrets_password(NULL, 17, 16, d), SECRETS_ERR_NULL_POINTER);
    CHECK_REFUSED(secrets_password(buf, 64, 0, d), 64, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_password(buf, 64, 3, d), 64, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_WRITES(secrets_password(buf, 64, 4, d), 4);
    CHECK_REFUSED(secrets_password(buf, 64, SIZE_MAX, d), 64, SECRETS_ERR_INVALID_ARGUMENT);
    const uint32_t bad_flags[] = {0, SECRETS_NO_AMBIGUOUS, SECRETS_EACH_CLASS,
                                  SECRETS_SYMBOLS | SECRETS_SAFE_SYMBOLS,
                                  SECRETS_LOWER | 0x80u, SECRETS_LOWER | 0x80000000u};
    for (size_t i = 0; i < sizeof bad_flags / sizeof *bad_flags; i++)
        CHECK_REFUSED(secrets_password(buf, 64, 8, bad_flags[i]), 64, SECRETS_ERR_INVALID_ARGUMENT);
    /* Invalid argument comes before buffer size. */
    CHECK_REFUSED(secrets_password(buf, 2, 8, 0), 2, SECRETS_ERR_INVALID_ARGUMENT);
    /* A size no object can have: refused, only out[0] cleared. */
    fill_marker();
    CHECK_STATUS(secrets_password(buf, SIZE_MAX, 8, d), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(buf[0] == 0);

    /* Custom alphabets. */
    CHECK_WRITES(secrets_password_custom(buf, 11, 10, "xyz"), 10);
    CHECK(strspn(buf, "xyz") == 10);
    CHECK_REFUSED(secrets_password_custom(buf, 10, 10, "xyz"), 10, SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(secrets_password_custom(NULL, 11, 10, "xyz"), SECRETS_ERR_NULL_POINTER);
    CHECK_REFUSED(secrets_password_custom(buf, 11, 10, NULL), 11, SECRETS_ERR_NULL_POINTER);
    const char *bad_alphabets[] = {"", "a", "aba", "ab\xc3\xa9", "\x80\x81"};
    for (size_t i = 0; i < sizeof bad_alphabets / sizeof *bad_alphabets; i++)
        CHECK_REFUSED(secrets_password_custom(buf, 11, 10, bad_alphabets[i]), 11,
                      SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_password_custom(buf, 11, 0, "xyz"), 11, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_password_custom(buf, 11, SIZE_MAX, "xyz"), 11, SECRETS_ERR_INVALID_ARGUMENT);
    /* Every non-NUL ASCII byte at once is fine. */
    char all[128];
    for (int i = 0; i < 127; i++) all[i] = (char)(i + 1);
    all[127] = 0;
    CHECK_WRITES(secrets_password_custom(buf, 101, 100, all), 100);
    /* Custom passwords are uniform per position. */
    unsigned long counts[3][5] = {{0}};
    for (int draw = 0; draw < 5000; draw++) {
        char pw[4];
        CHECK_STATUS(secrets_password_custom(pw, sizeof pw, 3, "vwxyz"), SECRETS_OK);
        for (int i = 0; i < 3; i++) counts[i][pw[i] - 'v']++;
    }
    for (int i = 0; i < 3; i++) CHECK_UNIFORM(counts[i], 5, "custom password position");
}

static void test_passphrases(void) {
    CHECK(secrets_passphrase_size(6, NULL) == 6 * 9 + 5 + 1);
    CHECK(secrets_passphrase_size(6, "") == 6 * 9 + 1);
    CHECK(secrets_passphrase_size(1, " and ") == 10);
    CHECK(secrets_passphrase_size(0, NULL) == 0);
    CHECK(secrets_passphrase_size(SIZE_MAX, NULL) == 0);
    CHECK(secrets_passphrase_size(SIZE_MAX / 9 + 1, "") == 0);

    size_t size = secrets_passphrase_size(6, NULL);
    int ok = 1;
    for (int draw = 0; draw < 500; draw++) {
        fill_marker();
        ok &= secrets_passphrase(buf, size, 6, NULL) == SECRETS_OK;
        int words = 1, letters = 0;
        for (const char *p = buf; *p; p++) {
            if (*p == '-') {
                words++;
            } else {
                ok &= islower((unsigned char)*p) != 0;
                letters++;
            }
        }
        /* Four EFF words contain a hyphen, so count at least 6. */
        ok &= words >= 6 && letters >= 6 * 3;
    }
    CHECK(ok);
    CHECK_WRITES(secrets_passphrase(buf, secrets_passphrase_size(4, " "), 4, " "), strlen(buf));
    CHECK(strchr(buf, ' ') != NULL);
    CHECK_REFUSED(secrets_passphrase(buf, size - 1, 6, NULL), size - 1, SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(secrets_passphrase(NULL, size, 6, NULL), SECRETS_ERR_NULL_POINTER);
    CHECK_REFUSED(secrets_passphrase(buf, size, 0, NULL), size, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_passphrase(buf, size, SIZE_MAX, NULL), size, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_passphrase(buf, size, 1000, NULL), size, SECRETS_ERR_BUFFER_TOO_SMALL);

    /* Custom lists. */
    const char *const list[] = {"ant", "bee", "cat", "dog", "eel"};
    unsigned long counts[4][5] = {{0}};
    for (int draw = 0; draw < 10000; draw++) {
        char phrase[16];
        CHECK_STATUS(secrets_passphrase_custom(phrase, sizeof phrase, 4, list, 5, "."), SECRETS_OK);
        CHECK(strlen(phrase) == 15);
        for (int w = 0; w < 4; w++)
            for (int i = 0; i < 5; i++)
                if (strncmp(phrase + 4 * w, list[i], 3) == 0) counts[w][i]++;
    }
    for (int w = 0; w < 4; w++) CHECK_UNIFORM(counts[w], 5, "custom passphrase word");
    const char *const uneven[] = {"a", "longest"};
    CHECK_WRITES(secrets_passphrase_custom(buf, 2 * 7 + 2 + 1, 2, uneven, 2, "--"), strlen(buf));
    CHECK_REFUSED(secrets_passphrase_custom(buf, 2 * 7 + 2, 2, uneven, 2, "--"), 2 * 7 + 2,
                  SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(secrets_passphrase_custom(NULL, 64, 2, list, 5, NULL), SECRETS_ERR_NULL_POINTER);
    CHECK_REFUSED(secrets_passphrase_custom(buf, 64, 2, NULL, 5, NULL), 64, SECRETS_ERR_NULL_POINTER);
    const char *const with_null[] = {"ant", NULL, "cat"};
    CHECK_REFUSED(secrets_passphrase_custom(buf, 64, 2, with_null, 3, NULL), 64, SECRETS_ERR_NULL_POINTER);
    const char *const dup[] = {"ant", "bee", "ant"};
    CHECK_REFUSED(secrets_passphrase_custom(buf, 64, 2, dup, 3, NULL), 64, SECRETS_ERR_INVALID_ARGUMENT);
    const char *const empty_word[] = {"ant", ""};
    CHECK_REFUSED(secrets_passphrase_custom(buf, 64, 2, empty_word, 2, NULL), 64, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_passphrase_custom(buf, 64, 2, list, 1, NULL), 64, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_passphrase_custom(buf, 64, 2, list, 0, NULL), 64, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_passphrase_custom(buf, 64, 0, list, 5, NULL), 64, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_passphrase_custom(buf, 64, SIZE_MAX, list, 5, NULL), 64, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_passphrase_custom(buf, 64, 2, list, SIZE_MAX, NULL), 64, SECRETS_ERR_INVALID_ARGUMENT);

    /* Size helpers: the custom list's, and the macro for the built-in one. */
    CHECK(secrets_passphrase_custom_size(4, list, 5, ".") == 16);
    CHECK(secrets_passphrase_custom_size(2, uneven, 2, "--") == 2 * 7 + 2 + 1);
    CHECK(secrets_passphrase_custom_size(3, uneven, 2, NULL) == 3 * 7 + 2 + 1);
    CHECK(secrets_passphrase_custom_size(0, list, 5, NULL) == 0);
    CHECK(secrets_passphrase_custom_size(2, NULL, 5, NULL) == 0);
    CHECK(secrets_passphrase_custom_size(2, with_null, 3, NULL) == 0);
    CHECK(secrets_passphrase_custom_size(2, dup, 3, NULL) == 0);
    CHECK(secrets_passphrase_custom_size(2, empty_word, 2, NULL) == 0);
    CHECK(secrets_passphrase_custom_size(2, list, 1, NULL) == 0);
    CHECK(secrets_passphrase_custom_size(SIZE_MAX, list, 5, NULL) == 0);
    CHECK(SECRETS_PASSPHRASE_SIZE(6, 1) == secrets_passphrase_size(6, NULL));
    CHECK(SECRETS_PASSPHRASE_SIZE(1, 5) == secrets_passphrase_size(1, " and "));
    CHECK(SECRETS_PASSPHRASE_SIZE(8, 0) == secrets_passphrase_size(8, ""));
    {
        char stack_phrase[SECRETS_PASSPHRASE_SIZE(6, 1)];
        CHECK_STATUS(secrets_passphrase(stack_phrase, sizeof stack_phrase, 6, " "), SECRETS_OK);
    }
}

/* ------------------------------------------------------------ boundary rules */

/* Outputs overlapping inputs are refused and nothing is written; misaligned
 * arrays are refused. */
static void test_overlap_and_alignment(void) {
    static char area[256];
    char before[sizeof area];
    memset(area, 'a', sizeof area);
    area[sizeof area - 1] = 0;
    memcpy(area + 10, "xyz", 4); /* a 3-letter alphabet, separator, prefix */
    memcpy(area + 20, "ant", 4);
    memcpy(area + 24, "bee", 4);
    memcpy(before, area, sizeof area);
#define UNCHANGED() CHECK(memcmp(area, before, sizeof area) == 0)
    CHECK_STATUS(secrets_password_custom(area, 64, 8, area + 10), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    /* The alphabet's NUL counts as part of it. */
    CHECK_STATUS(secrets_password_custom(area + 13, 9, 8, area + 10), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    CHECK_STATUS(secrets_passphrase(area, 64, 2, area + 10), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    const char *words[] = {area + 20, area + 24};
    CHECK_STATUS(secrets_passphrase_custom(area + 12, 16, 2, words, 2, "-"), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    CHECK_STATUS(secrets_passphrase_custom(area + 25, 16, 2, words, 2, "-"), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    /* The word array itself inside the output. */
    {
        const char *array_words[4] = {"ant", "bee", "cat", "dog"};
        char *out = (char *)(void *)array_words;
        CHECK_STATUS(secrets_passphrase_custom(out, sizeof array_words, 2, array_words, 4, "-"),
                     SECRETS_ERR_INVALID_ARGUMENT);
        CHECK(strcmp(array_words[3], "dog") == 0);
    }
    CHECK_STATUS(secrets_api_key(area, 64, area + 10, 8), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    CHECK_STATUS(secrets_api_key_checksummed(area, 64, area + 10), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    /* choice: the chosen byte written over the items. */
    CHECK_STATUS(secrets_choice((uint8_t *)area + 30, area, 64), SECRETS_ERR_INVALID_ARGUMENT);
    UNCHANGED();
    /* Not overlapping (adjacent) is fine. */
    CHECK_STATUS(secrets_password_custom(area + 40, 9, 8, area + 10), SECRETS_OK);
    CHECK(strlen(area + 40) == 8);
    memcpy(area, before, sizeof area);
#undef UNCHANGED

    /* Misaligned arrays: the word pointers, the sample's size_t array. */
    {
        static const char *aligned[3] = {"ant", "bee", "cat"};
        static unsigned char raw[sizeof aligned + sizeof(void *)];
        memcpy(raw + 1, aligned, sizeof aligned);
        const char *const *misaligned = (const char *const *)(void *)(raw + 1);
        char phrase[32];
        memset(phrase, 'x', sizeof phrase);
        CHECK_STATUS(secrets_passphrase_custom(phrase, sizeof phrase, 2, misaligned, 3, NULL),
                     SECRETS_ERR_INVALID_ARGUMENT);
        CHECK(check_all_zero(phrase, sizeof phrase));
        CHECK(secrets_passphrase_custom_size(2, misaligned, 3, NULL) == 0);
        CHECK_STATUS(secrets_passphrase_custom(phrase, sizeof phrase, 2, aligned, 3, NULL), SECRETS_OK);
    }
    {
        static size_t indices[9];
        unsigned char *bytes = (unsigned char *)indices;
        memset(indices, 0x5A, sizeof indices);
        CHECK_STATUS(secrets_sample((size_t *)(void *)(bytes + 1), 4, 100), SECRETS_ERR_INVALID_ARGUMENT);
        for (size_t i = 0; i < sizeof indices; i++) CHECK(bytes[i] == 0x5A);
        CHECK_STATUS(secrets_sample(indices, 4, 100), SECRETS_OK);
        /* Single values may be at any address. */
        uint64_t value;
        CHECK_STATUS(secrets_randbelow((uint64_t *)(void *)(bytes + 1), 10), SECRETS_OK);
        memcpy(&value, bytes + 1, sizeof value);
        CHECK(value < 10);
    }
}

static void test_otp_codes(void) {
    unsigned long counts[8][10] = {{0}};
    for (int draw = 0; draw < 10000; draw++) {
        char code[9];
        CHECK_STATUS(secrets_otp_numeric(code, sizeof code, 8), SECRETS_OK);
        CHECK(strlen(code) == 8 && strspn(code, "0123456789") == 8);
        for (int i = 0; i < 8; i++) counts[i][code[i] - '0']++;
    }
    /* Position 0 included: leading zeros are kept. */
    CHECK(counts[0][0] > 0);
    for (int i = 0; i < 8; i++) CHECK_UNIFORM(counts[i], 10, "numeric code digit");

    unsigned long alnum[6][32] = {{0}};
    for (int draw = 0; draw < 6400; draw++) {
        char code[7];
        CHECK_STATUS(secrets_otp_alphanumeric(code, sizeof code, 6), SECRETS_OK);
        CHECK(strspn(code, ALNUM_OTP) == 6 && strlen(code) == 6);
        for (int i = 0; i < 6; i++) alnum[i][strchr(ALNUM_OTP, code[i]) - ALNUM_OTP]++;
    }
    for (int i = 0; i < 6; i++) CHECK_UNIFORM(alnum[i], 32, "alphanumeric code character");

    CHECK_WRITES(secrets_otp_numeric(buf, 65, SECRETS_OTP_CODE_MAX_LEN), 64);
    CHECK_WRITES(secrets_otp_numeric(buf, 2, 1), 1);
    CHECK_WRITES(secrets_otp_alphanumeric(buf, 65, SECRETS_OTP_CODE_MAX_LEN), 64);
    CHECK_REFUSED(secrets_otp_numeric(buf, 6, 6), 6, SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_REFUSED(secrets_otp_alphanumeric(buf, 6, 6), 6, SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(secrets_otp_numeric(NULL, 7, 6), SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_otp_alphanumeric(NULL, 7, 6), SECRETS_ERR_NULL_POINTER);
    const size_t bad[] = {0, 65, SIZE_MAX};
    for (size_t i = 0; i < 3; i++) {
        CHECK_REFUSED(secrets_otp_numeric(buf, 100, bad[i]), 100, SECRETS_ERR_INVALID_ARGUMENT);
        CHECK_REFUSED(secrets_otp_alphanumeric(buf, 100, bad[i]), 100, SECRETS_ERR_INVALID_ARGUMENT);
    }
}

static void test_api_keys(void) {
    CHECK(secrets_api_key_size("sk_live", 16) == 7 + 1 + 32 + 1);
    CHECK(secrets_api_key_size(NULL, 16) == 33);
    CHECK(secrets_api_key_size("", 16) == 33);
    CHECK(secrets_api_key_size("a-b", 16) == 0);
    CHECK(secrets_api_key_size("x", 0) == 0);
    CHECK(secrets_api_key_size("x", SIZE_MAX) == 0);
    CHECK(secrets_api_key_size("x", SIZE_MAX / 2) == 0);
    CHECK(secrets_api_key_size("abcdefghijklmnopqrstuvwxyz012345", 1) == 32 + 1 + 2 + 1);
    CHECK(secrets_api_key_size("abcdefghijklmnopqrstuvwxyz0123456", 1) == 0);

    size_t size = secrets_api_key_size("sk_live", 16);
    CHECK_WRITES(secrets_api_key(buf, size, "sk_live", 16), size - 1);
    CHECK(strncmp(buf, "sk_live_", 8) == 0 && strspn(buf + 8, "0123456789abcdef") == 32);
    CHECK_WRITES(secrets_api_key(buf, 33, NULL, 16), 32);
    CHECK(strspn(buf, "0123456789abcdef") == 32);
    CHECK_WRITES(secrets_api_key(buf, 33, "", 16), 32);
    CHECK_REFUSED(secrets_api_key(buf, size - 1, "sk_live", 16), size - 1, SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(secrets_api_key(NULL, size, "sk_live", 16), SECRETS_ERR_NULL_POINTER);
    CHECK_REFUSED(secrets_api_key(buf, 100, "sk live", 16), 100, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_api_key(buf, 100, "abcdefghijklmnopqrstuvwxyz0123456", 16), 100,
                  SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_api_key(buf, 100, "sk", 0), 100, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_api_key(buf, 100, "sk", SIZE_MAX), 100, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_api_key(buf, 100, "sk", SIZE_MAX / 4), 100, SECRETS_ERR_INVALID_ARGUMENT);

    /* Checksummed keys. */
    CHECK(secrets_api_key_checksummed_size("ghp") == 3 + 38);
    CHECK(secrets_api_key_checksummed_size(NULL) == 0);
    CHECK(secrets_api_key_checksummed_size("") == 0);
    CHECK(secrets_api_key_checksummed_size("g-p") == 0);
    CHECK(secrets_api_key_checksummed_size("abcdefghijklmnopqrstuvwxyz012345") ==
          SECRETS_API_KEY_CHECKSUMMED_MAX_SIZE);
    /* GitHub's scheme: base62 of Python's zlib.crc32(b"A" * 30), the random
     * part only. The 0.1 key (CRC over "ghp_" too, "1yBYBE") no longer checks. */
    CHECK_STATUS(secrets_api_key_check("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"), SECRETS_OK);
    CHECK_STATUS(secrets_api_key_check("ghp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0uCPlR"), SECRETS_ERR_MALFORMED);
    CHECK_STATUS(secrets_api_key_check("ghp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1yBYBE"), SECRETS_ERR_MALFORMED);
    /* Tokens in GitHub's format from the test suite of Datadog's sensitive
     * data scanner (DataDog/dd-sensitive-data-scanner,
     * sds/src/secondary_validation/github_token_checksum.rs). */
    const char *github_format[] = {
        "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", "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",
        "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", "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",
        "b62_QdwULL38u41vs1OcAjhKqcaSZ9W63r0Zu4ln"};
    for (size_t i = 0; i < sizeof github_format / sizeof github_format[0]; i++) {
        CHECK_STATUS(secrets_api_key_check(github_format[i]), SECRETS_OK);
    }
    CHECK_STATUS(secrets_api_key_check_prefix(github_format[0], "ghp"), SECRETS_OK);
    CHECK_STATUS(secrets_api_key_check_prefix(github_format[0], "gho"), SECRETS_ERR_MISMATCH);
    CHECK_STATUS(secrets_api_key_check_prefix(github_format[4], "b62"), SECRETS_OK);
    CHECK_STATUS(secrets_api_key_check_prefix("ghp_M7H4jxUDDWHP4kZ6A4dxlQYsQIWJuq11T4V3", "ghp"),
                 SECRETS_ERR_MALFORMED);
    CHECK_STATUS(secrets_api_key_check_prefix(github_format[0], ""), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_api_key_check_prefix(github_format[0], "g-p"), SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_api_key_check_prefix(NULL, "ghp"), SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_api_key_check_prefix(github_format[0], NULL), SECRETS_ERR_NULL_POINTER);

    static unsigned long counts[30][62];
    int all_ok = 1, mutations_rejected = 1;
    for (int draw = 0; draw < 3100; draw++) {
        char key[SECRETS_API_KEY_CHECKSUMMED_MAX_SIZE];
        all_ok &= secrets_api_key_checksummed(key, sizeof key, "myapp") == SECRETS_OK;
        all_ok &= strlen(key) == 5 + 37 && strncmp(key, "myapp_", 6) == 0;
        all_ok &= strspn(key + 6, BASE62) == 36;
        all_ok &= secrets_api_key_check(key) == SECRETS_OK;
        for (int i = 0; i < 30; i++) counts[i][strchr(BASE62, key[6 + i]) - BASE62]++;
        if (draw < 40) {
            size_t len = strlen(key);
            for (size_t i = 0; i < len; i++) {
                const char replacements[] = "0aZ_-";
                for (size_t r = 0; r < sizeof replacements - 1; r++) {
                    char bad[SECRETS_API_KEY_CHECKSUMMED_MAX_SIZE];
                    memcpy(bad, key, len + 1);
                    if (bad[i] == replacements[r]) continue;
                    bad[i] = replacements[r];
                    /* GitHub's checksum covers the 30 random characters
                     * only: another valid prefix is another kind of key. */
                    int other_prefix = i < 5 && replacements[r] != '-';
                    mutations_rejected &= secrets_api_key_check(bad) ==
                                          (other_prefix ? SECRETS_OK : SECRETS_ERR_MALFORMED);
                    mutations_rejected &= secrets_api_key_check_prefix(bad, "myapp") ==
                                          (other_prefix ? SECRETS_ERR_MISMATCH : SECRETS_ERR_MALFORMED);
                }
            }
            for (size_t cut = 0; cut < len; cut++) {
                char bad[SECRETS_API_KEY_CHECKSUMMED_MAX_SIZE];
                memcpy(bad, key, cut);
                bad[cut] = 0;
                mutations_rejected &= secrets_api_key_check(bad) == SECRETS_ERR_MALFORMED;
            }
        }
    }
    CHECK(all_ok);
    CHECK(mutations_rejected);
    for (int i = 0; i < 30; i++) CHECK_UNIFORM(counts[i], 62, "checksummed key random character");

    /* Random strings of the right shape do not pass. */
    int accepted = 0;
    for (int draw = 0; draw < 20000; draw++) {
        char key[64] = "myapp_";
        CHECK_STATUS(secrets_password_custom(key + 6, 37, 36, BASE62), SECRETS_OK);
        accepted += secrets_api_key_check(key) == SECRETS_OK;
    }
    CHECK(accepted == 0);

    CHECK_REFUSED(secrets_api_key_checksummed(buf, 40, "ghp"), 40, SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_WRITES(secrets_api_key_checksummed(buf, 41, "ghp"), 40);
    CHECK_STATUS(secrets_api_key_checksummed(NULL, 42, "ghp"), SECRETS_ERR_NULL_POINTER);
    CHECK_REFUSED(secrets_api_key_checksummed(buf, 80, NULL), 80, SECRETS_ERR_NULL_POINTER);
    CHECK_REFUSED(secrets_api_key_checksummed(buf, 80, ""), 80, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_api_key_checksummed(buf, 80, "a.b"), 80, SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_REFUSED(secrets_api_key_checksummed(buf, 80, "abcdefghijklmnopqrstuvwxyz0123456"), 80,
                  SECRETS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(secrets_api_key_check(NULL), SECRETS_ERR_NULL_POINTER);
    CHECK_STATUS(secrets_api_key_check(""), SECRETS_ERR_MALFORMED);
    CHECK_STATUS(secrets_api_key_check("_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1yBYBE"), SECRETS_ERR_MALFORMED);
}

static void test_uuids(void) {
    unsigned long variant[4] = {0};
    static unsigned long nibbles[32][16];
    int ok = 1;
    for (int draw = 0; draw < 4000; draw++) {
        char id[SECRETS_UUID_SIZE];
        ok &= secrets_uuid4(id, sizeof id) == SECRETS_OK;
        ok &= strlen(id) == 36;
        int n = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                ok &= id[i] == '-';
                continue;
            }
            const char *at = strchr("0123456789abcdef", id[i]);
            ok &= at != NULL && id[i] != 0;
            if (at && i != 14 && i != 19) nibbles[n++][at - "0123456789abcdef"]++;
        }
        ok &= id[14] == '4';
        const char *v = strchr("89ab", id[19]);
        ok &= v != NULL && id[19] != 0;
        if (v) variant[v - "89ab"]++;
    }
    CHECK(ok);
    CHECK_UNIFORM(variant, 4, "UUID variant nibble");
    for (int i = 0; i < 30; i++) CHECK_UNIFORM(nibbles[i], 16, "UUID random nibble");
    CHECK_WRITES(secrets_uuid4(buf, SECRETS_UUID_SIZE), 36);
    CHECK_REFUSED(secrets_uuid4(buf, SECRETS_UUID_SIZE - 1), SECRETS_UUID_SIZE - 1,
                  SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_REFUSED(secrets_uuid4(buf, 0), 0, SECRETS_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(secrets_uuid4(NULL, SECRETS_UUID_SIZE), SECRETS_ERR_NULL_POINTER);
}

/* A size above PTRDIFF_MAX describes no real buffer: every text function
 * refuses it and clears only out[0]; size 0 is too small for anything. */
#define CHECK_HUGE_AND_EMPTY(call_with_size)                                   \
    do {                                                                       \
        size_t out_size_ = SIZE_MAX;                                           \
        fill_marker();                                                         \
        CHECK_STATUS(call_with_size, SECRETS_ERR_INVALID_ARGUMENT);            \
        CHECK(buf[0] == 0 && (unsigned char)buf[1] == 0xAA);                   \
        out_size_ = 0;                                                         \
        fill_marker();                                                         \
        CHECK_STATUS(call_with_size, SECRETS_ERR_BUFFER_TOO_SMALL);            \
        CHECK((unsigned char)buf[0] == 0xAA);                                  \
    } while (0)

static void test_unreal_sizes(void) {
    const char *const list[] = {"ant", "bee"};
    CHECK_HUGE_AND_EMPTY(secrets_password(buf, out_size_, 8, SECRETS_PASSWORD_DEFAULT));
    CHECK_HUGE_AND_EMPTY(secrets_password_custom(buf, out_size_, 8, "abc"));
    CHECK_HUGE_AND_EMPTY(secrets_passphrase(buf, out_size_, 4, NULL));
    CHECK_HUGE_AND_EMPTY(secrets_passphrase_custom(buf, out_size_, 4, list, 2, NULL));
    CHECK_HUGE_AND_EMPTY(secrets_otp_numeric(buf, out_size_, 6));
    CHECK_HUGE_AND_EMPTY(secrets_otp_alphanumeric(buf, out_size_, 6));
    CHECK_HUGE_AND_EMPTY(secrets_api_key(buf, out_size_, "sk", 16));
    CHECK_HUGE_AND_EMPTY(secrets_api_key_checksummed(buf, out_size_, "ghp"));
    CHECK_HUGE_AND_EMPTY(secrets_uuid4(buf, out_size_));
}

int main(void) {
    test_password_policies();
    test_password_uniformity();
    test_password_entropy();
    test_password_bad_input();
    test_passphrases();
    test_otp_codes();
    test_api_keys();
    test_uuids();
    test_unreal_sizes();
    test_overlap_and_alignment();
    return check_finish("test_human");
}
