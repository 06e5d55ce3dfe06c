/*
 * ===================== TEST-ONLY: NOT A RANDOM NUMBER GENERATOR =====================
 * A deterministic byte stream (xorshift32 from a fixed seed) standing in for a
 * hardware TRNG so that the QEMU example is reproducible. Every "secret" it
 * produces is predictable. A real firmware implements secrets_platform_entropy()
 * with its TRNG's conditioned output or a DRBG seeded from it (see
 * include/secrets_platform.h and docs/embedded.md).
 * =====================================================================================
 */
#include <stddef.h>
#include <stdint.h>

#include "secrets_platform.h"
#include "trng_stub.h"

static uint32_t state = 0x2545F491u;
static uint32_t requests;
static uint32_t fail_at;   /* absolute request number that fails; 0: none */
static int zeros;
static size_t largest;
static uint32_t empty;

void trng_stub_fail_at(uint32_t n, int zeros_before)
{
    fail_at = n ? requests + n : 0;
    zeros = zeros_before;
}

void trng_stub_seed(uint32_t seed)
{
    state = seed ? seed : 0x2545F491u;
}

uint32_t trng_stub_requests(void)
{
    return requests;
}

size_t trng_stub_largest(void)
{
    return largest;
}

uint32_t trng_stub_empty_requests(void)
{
    return empty;
}

int secrets_platform_entropy(void *buf, size_t len)
{
    uint8_t *out = buf;
    int zero = 0;
#ifndef TRNG_STUB_PLAIN /* the test instrumentation, left out of the minimal image */
    requests++;
    largest = len > largest ? len : largest;
    empty += len == 0;
    if (fail_at && requests == fail_at) {
        /* A transfer that breaks halfway: the library must not use these. */
        for (size_t i = 0; i < len / 2; i++)
            out[i] = 0xA5;
        fail_at = 0;
        return -1;
    }
    zero = fail_at && zeros;
#endif
    for (size_t i = 0; i < len; i++) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        out[i] = zero ? 0 : (uint8_t)(state >> 24);
    }
    return 0;
}
