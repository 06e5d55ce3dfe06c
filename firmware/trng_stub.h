/* TEST-ONLY deterministic "TRNG" for the QEMU example. NOT RANDOM. NEVER USE
 * IT IN A PRODUCT: every secret it feeds the library is predictable. */
#ifndef FIRMWARE_TRNG_STUB_H
#define FIRMWARE_TRNG_STUB_H

#include <stddef.h>
#include <stdint.h>

/* Failure injection: the request numbered `n` from now on (1 = the next
 * one) fails, after scribbling over part of its buffer as a TRNG that breaks
 * mid-transfer would. The requests before it return zero bytes when
 * `zeros_before` is set (every rejection-sampling draw below a bound that is
 * not a power of two is then rejected, which forces a further request).
 * n = 0 turns failure injection off. */
void trng_stub_fail_at(uint32_t n, int zeros_before);

/* Restarts the byte stream from `seed` (non-zero), so that a run can line
 * up the bytes each call sees whatever the calls before it consumed. */
void trng_stub_seed(uint32_t seed);

/* Requests made so far. */
uint32_t trng_stub_requests(void);

/* The largest `len` requested so far, and how many requests had `len` 0
 * (the contract in secrets_platform.h promises none). */
size_t trng_stub_largest(void);
uint32_t trng_stub_empty_requests(void);

#endif
