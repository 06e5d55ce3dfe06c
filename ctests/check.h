/*
 * A tiny test harness for the C tests: each ctests/test_*.c is a program
 * that includes this header, runs CHECKs and ends with check_finish().
 * Written against the public header only, as a user would.
 */
#ifndef SECRETS_CHECK_H
#define SECRETS_CHECK_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "secrets.h"

static int check_passed;
static int check_failed;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (cond) {                                                          \
            check_passed++;                                                  \
        } else {                                                             \
            check_failed++;                                                  \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
        }                                                                    \
    } while (0)

/* CHECK that a call returns the expected status, printing both on failure. */
#define CHECK_STATUS(call, expected)                                           \
    do {                                                                       \
        secrets_status check_got_ = (call);                                    \
        if (check_got_ == (expected)) {                                        \
            check_passed++;                                                    \
        } else {                                                               \
            check_failed++;                                                    \
            fprintf(stderr, "%s:%d: %s returned %d (%s), expected %s\n",       \
                    __FILE__, __LINE__, #call, (int)check_got_,                \
                    secrets_strerror(check_got_), #expected);                  \
        }                                                                      \
    } while (0)

/* 1 when every byte of p[0..n] is zero. */
static inline int check_all_zero(const void *p, size_t n) {
    const unsigned char *b = (const unsigned char *)p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != 0) return 0;
    return 1;
}

/* Pearson's chi-square statistic of counts against a flat expectation. */
static inline double check_chi_square(const unsigned long *counts, size_t bins) {
    double total = 0, stat = 0;
    for (size_t i = 0; i < bins; i++) total += (double)counts[i];
    double expected = total / (double)bins;
    for (size_t i = 0; i < bins; i++) {
        double d = (double)counts[i] - expected;
        stat += d * d / expected;
    }
    return stat;
}

/* Upper critical value of chi-square with df degrees of freedom at
 * p ~ 1e-6 (Wilson-Hilferty, z = 4.75): a fair generator fails about once
 * in a million runs, a biased one fails every run. */
static inline double check_chi_square_limit(size_t df) {
    double d = (double)df, z = 4.75, c = 2.0 / (9.0 * d);
    double t = 1.0 - c + z * sqrt(c);
    return d * t * t * t;
}

/* CHECK that counts look uniform, naming what was tested on failure. */
#define CHECK_UNIFORM(counts, bins, what)                                      \
    do {                                                                       \
        double check_stat_ = check_chi_square((counts), (bins));               \
        double check_lim_ = check_chi_square_limit((bins) - 1);                \
        if (check_stat_ < check_lim_) {                                        \
            check_passed++;                                                    \
        } else {                                                               \
            check_failed++;                                                    \
            fprintf(stderr, "%s:%d: %s not uniform: chi2 %.1f >= %.1f\n",      \
                    __FILE__, __LINE__, (what), check_stat_, check_lim_);      \
        }                                                                      \
    } while (0)

/* Prints the closing line test runners read and returns the exit code. */
static inline int check_finish(const char *name) {
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}

#endif /* SECRETS_CHECK_H */
