/*
 * libsecrets platform hooks: what a firmware implements when it links the
 * library built with the `platform-entropy` feature (and, optionally,
 * `panic-handler`). Hosted builds (the default `os-entropy` feature) use the
 * operating system's random source and never call these.
 *
 * Include this header in the file that defines the hooks, so that the
 * compiler checks their signatures. It is separate from secrets.h: code that
 * only calls the library never needs it.
 */
#ifndef SECRETS_PLATFORM_H
#define SECRETS_PLATFORM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Fills all `len` bytes of `buf` with conditioned, full-entropy output: the
 * output of a DRBG seeded from the hardware TRNG, or the TRNG's conditioned
 * output. Never raw noise samples: the library uses every byte it receives
 * as a uniformly random byte and does no conditioning of its own.
 *
 * Returns 0 on success, nonzero on any failure, a failed TRNG health test
 * included. After a nonzero return the library makes no further request in
 * that call, wipes whatever the hook wrote, zeroes the call's outputs as on
 * every failure, and returns SECRETS_ERR_ENTROPY ("the entropy source
 * failed"). It never retries and never falls back to another source.
 *
 * When it is called: only from inside a libsecrets function that draws
 * random bytes, on the caller's own stack and context, after the call's
 * arguments have passed their checks (a call that fails its checks, or draws
 * nothing, such as HMAC or verification, makes no request). How often:
 * "outputs over 256 bytes make one 32-byte request that keys a per-call
 * ChaCha20 stream; every other call makes one request in at least 99 % of
 * calls, and a third request has probability below 2^-64. A firmware hook is
 * called under the same rule." `len` is between 1 and 256: a call that needs
 * more random bytes draws them from ChaCha20 keyed by a 32-byte request.
 *
 * Reentrancy: the library keeps no state and holds no lock between or
 * during calls. If the firmware calls libsecrets from several threads, or
 * from an interrupt handler while a thread is inside it, the hook is entered
 * concurrently and must be reentrant (or serialise access to the TRNG
 * itself). The hook must not call back into libsecrets.
 */
int secrets_platform_entropy(void *buf, size_t len);

/**
 * Only with the `panic-handler` feature, which applies to builds without
 * `std`: called if the library panics, which it is built never to do (CI
 * checks that no panic path is linked into the example firmware). It must
 * not return: reset the device, or log and halt.
 */
void secrets_platform_panic(void);

#ifdef __cplusplus
}
#endif

#endif /* SECRETS_PLATFORM_H */
