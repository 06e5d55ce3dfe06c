//! Core randomness: the C face of Python's `secrets` module.

use crate::boundary::{
    SCRUB_VALUE_BYTES, Span, array_mut, array_out, in_bytes, object_size, scrubbed, scrubbed_value,
    text_out, text_size, value_out,
};
use crate::os_entropy::OsEntropy;
use crate::status::secrets_status;
use core::ffi::{c_char, c_void};
use secrets_core::{ct, random, token};

/// Bytes of entropy in a token when the caller has no better figure: 32, as
/// Python's `secrets` module uses (256 bits).
pub const SECRETS_DEFAULT_ENTROPY: usize = 32;
const _: () = assert!(SECRETS_DEFAULT_ENTROPY == token::DEFAULT_ENTROPY);

/// Writes `nbytes` random bytes to `out` with one request to the OS (over
/// 256 bytes, a 32-byte request that keys a ChaCha20 stream, wiped at
/// return: see the request promise above).
///
/// `nbytes` 0 is valid and writes nothing (`out` may then be NULL).
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` NULL and `nbytes` > 0),
/// `SECRETS_ERR_INVALID_ARGUMENT` (`nbytes` > PTRDIFF_MAX; only `out[0]` is
/// cleared, the true size being unknown),
/// `SECRETS_ERR_ENTROPY` (`out` zeroed).
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_token_bytes(out: *mut u8, nbytes: usize) -> secrets_status {
    unsafe { array_out(out, nbytes, [], |buf| token::bytes(&mut OsEntropy, buf)) }
}

/// Writes `2 * nbytes` lowercase hex characters of `nbytes` random bytes and
/// a NUL: `out_size` must be at least `secrets_token_hex_size(nbytes)`
/// (`SECRETS_TOKEN_HEX_SIZE(nbytes)`). Like Python's `token_hex(nbytes)`.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` NULL),
/// `SECRETS_ERR_INVALID_ARGUMENT` (`2 * nbytes` overflows, or `out_size` >
/// PTRDIFF_MAX), `SECRETS_ERR_BUFFER_TOO_SMALL`, `SECRETS_ERR_ENTROPY`.
/// On every error a non-NULL `out` is zeroed over `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_token_hex(
    out: *mut c_char,
    out_size: usize,
    nbytes: usize,
) -> secrets_status {
    unsafe {
        text_out(out, out_size, [], |buf| {
            token::hex(&mut OsEntropy, buf, nbytes)
        })
    }
}

/// The `out_size` `secrets_token_hex` needs: `2 * nbytes + 1`, or 0 when
/// that exceeds PTRDIFF_MAX.
#[unsafe(no_mangle)]
pub extern "C" fn secrets_token_hex_size(nbytes: usize) -> usize {
    text_size(secrets_core::encode::hex::encoded_len(nbytes))
}

/// Writes `nbytes` random bytes as unpadded base64url (RFC 4648 §5,
/// alphabet `A-Z a-z 0-9 - _`) and a NUL: `ceil(4 * nbytes / 3)`
/// characters, exactly as long as Python's `token_urlsafe(nbytes)`.
/// `out_size` must be at least `secrets_token_urlsafe_size(nbytes)`
/// (`SECRETS_TOKEN_URLSAFE_SIZE(nbytes)`).
///
/// Errors: as `secrets_token_hex`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_token_urlsafe(
    out: *mut c_char,
    out_size: usize,
    nbytes: usize,
) -> secrets_status {
    unsafe {
        text_out(out, out_size, [], |buf| {
            token::urlsafe(&mut OsEntropy, buf, nbytes)
        })
    }
}

/// The `out_size` `secrets_token_urlsafe` needs: `ceil(4 * nbytes / 3) + 1`,
/// or 0 when that exceeds PTRDIFF_MAX.
#[unsafe(no_mangle)]
pub extern "C" fn secrets_token_urlsafe_size(nbytes: usize) -> usize {
    text_size(secrets_core::encode::base64url::encoded_len(nbytes))
}

/// Writes a uniformly random integer in `[0, upper)` to `*out` (exact:
/// rejection sampling, no modulo bias).
///
/// Errors: `SECRETS_ERR_NULL_POINTER`, `SECRETS_ERR_INVALID_ARGUMENT`
/// (`upper` is 0), `SECRETS_ERR_ENTROPY`; `*out` is set to 0 on error.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_randbelow(out: *mut u64, upper: u64) -> secrets_status {
    scrubbed_value::<SCRUB_VALUE_BYTES, _>(|| unsafe {
        value_out(out, [], || random::below(&mut OsEntropy, upper))
    })
}

/// Writes an integer of `k` random bits, uniform in `[0, 2^k)`, to `*out`
/// (`k` 0 gives 0 without randomness).
///
/// Errors: `SECRETS_ERR_NULL_POINTER`, `SECRETS_ERR_INVALID_ARGUMENT`
/// (`k` > 64), `SECRETS_ERR_ENTROPY`; `*out` is set to 0 on error.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_randbits(out: *mut u64, k: u32) -> secrets_status {
    unsafe { value_out(out, [], || random::bits(&mut OsEntropy, k)) }
}

/// Writes a uniformly random element of Python's `range(start, stop, step)`
/// to `*out`: `start + i * step` for a uniform `i`, short of `stop`. `step`
/// may be negative (`randrange(10, 0, -3)` is one of 10, 7, 4, 1).
///
/// Errors: `SECRETS_ERR_NULL_POINTER`, `SECRETS_ERR_INVALID_ARGUMENT`
/// (`step` 0, or the range is empty, as Python raises `ValueError`),
/// `SECRETS_ERR_ENTROPY`; `*out` is set to 0 on error.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_randrange(
    out: *mut i64,
    start: i64,
    stop: i64,
    step: i64,
) -> secrets_status {
    unsafe { value_out(out, [], || random::range(&mut OsEntropy, start, stop, step)) }
}

/// Writes one uniformly chosen element of `items[0..len]` to `*out`. Every
/// item is read, so the memory touched does not reveal which was chosen.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` or `items` NULL),
/// `SECRETS_ERR_INVALID_ARGUMENT` (`len` 0: nothing to choose from, or
/// above PTRDIFF_MAX), `SECRETS_ERR_ENTROPY`; `*out` is set to 0 on error.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_choice(
    out: *mut u8,
    items: *const c_void,
    len: usize,
) -> secrets_status {
    unsafe {
        let list = in_bytes(items, len);
        value_out(out, [Span::bytes(&list)], || {
            // Required even when `len` is 0 (that is refused by the core).
            if items.is_null() {
                return Err(secrets_status::SECRETS_ERR_NULL_POINTER);
            }
            Ok::<_, secrets_status>(random::choice(&mut OsEntropy, list?)?)
        })
    }
}

/// Shuffles the array at `base` of `count` elements of `elem_size` bytes in
/// place so that every order is equally likely (Fisher-Yates with exact
/// draws). `count` 0 or 1 succeeds without randomness (`base` may be NULL
/// when `count` is 0).
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`base` NULL and `count` > 0),
/// `SECRETS_ERR_INVALID_ARGUMENT` (`elem_size` 0, or
/// `count * elem_size` overflows or exceeds PTRDIFF_MAX; nothing touched),
/// `SECRETS_ERR_ENTROPY` (the array is zeroed: a partly shuffled order must
/// not be mistaken for a random one).
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_shuffle(
    base: *mut c_void,
    count: usize,
    elem_size: usize,
) -> secrets_status {
    // Checked here, not by `array_out`: a refused shuffle leaves the
    // caller's array untouched.
    let total = match object_size(count.checked_mul(elem_size)) {
        Ok(total) => total,
        Err(e) => return e,
    };
    unsafe {
        array_out(base.cast::<u8>(), total, [], |items| {
            random::shuffle(&mut OsEntropy, items, elem_size)
        })
    }
}

/// Writes `k` distinct indices from `[0, population)` to `out[0..k]`, in
/// random order: every `k`-subset and every order equally likely (Python's
/// `random.sample(range(population), k)`). `k` 0 succeeds (`out` may then
/// be NULL). Uses no memory beyond `out`.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` NULL and `k` > 0),
/// `SECRETS_ERR_INVALID_ARGUMENT` (`k` > `population`, or
/// `k * sizeof(size_t)` overflows), `SECRETS_ERR_ENTROPY`; `out[0..k]` is
/// zeroed on error when it is addressable.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_sample(
    out: *mut usize,
    k: usize,
    population: usize,
) -> secrets_status {
    unsafe {
        array_out(out, k, [], |out| {
            random::sample(&mut OsEntropy, out, population)
        })
    }
}

/// Writes a uniformly random double in `[0, 1)`, a multiple of 2^-53 (53
/// random bits, as Python's `random()`).
///
/// Errors: `SECRETS_ERR_NULL_POINTER`, `SECRETS_ERR_ENTROPY` (`*out` = 0).
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_random_double(out: *mut f64) -> secrets_status {
    scrubbed_value::<SCRUB_VALUE_BYTES, _>(|| unsafe {
        value_out(out, [], || random::double(&mut OsEntropy))
    })
}

/// Writes `a + (b - a) * r` with `r` as from `secrets_random_double` (Python's
/// `uniform(a, b)`): a value between `a` and `b`; `a > b` is allowed. As in
/// Python, floating-point rounding can give either end, `b` included.
///
/// Errors: `SECRETS_ERR_NULL_POINTER`, `SECRETS_ERR_INVALID_ARGUMENT` (`a` or
/// `b` not finite, or `b - a` overflows), `SECRETS_ERR_ENTROPY`; `*out` = 0
/// on error.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_uniform(out: *mut f64, a: f64, b: f64) -> secrets_status {
    scrubbed_value::<SCRUB_VALUE_BYTES, _>(|| unsafe {
        value_out(out, [], || random::uniform(&mut OsEntropy, a, b))
    })
}

/// True iff `a[0..a_len]` equals `b[0..b_len]`. The time taken depends on
/// the lengths only, never on the contents (Python's `compare_digest`). A
/// NULL pointer with length 0 is an empty input; a NULL pointer with a
/// non-zero length compares unequal to everything.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_compare_digest(
    a: *const c_void,
    a_len: usize,
    b: *const c_void,
    b_len: usize,
) -> bool {
    scrubbed(
        || match unsafe { (in_bytes(a, a_len), in_bytes(b, b_len)) } {
            (Ok(a), Ok(b)) => ct::digest_eq(a, b),
            _ => false,
        },
    )
}

/// Overwrites `p[0..len]` with zeros in a way the compiler will not remove.
/// NULL, a zero `len` or a `len` above PTRDIFF_MAX do nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_memzero(p: *mut c_void, len: usize) {
    if let Ok(buf) = unsafe { array_mut(p.cast::<u8>(), len) } {
        ct::wipe(buf);
    }
}
