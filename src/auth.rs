//! Authentication codes and tokens: HMAC-SHA256, CSRF tokens, HOTP/TOTP,
//! base32 and `otpauth://` provisioning URIs.
//!
//! An output that overlaps an input is refused (`boundary`).

use crate::boundary::object_size;
use crate::boundary::{
    Span, array_out, in_bytes, in_cstr, in_optional_cstr, refuse_overlap, scrubbed, status_of,
    text_out, text_size,
};
use crate::os_entropy::OsEntropy;
use crate::status::{Result, secrets_status};
use core::ffi::{c_char, c_void};
use secrets_core::encode::base32;
use secrets_core::hotp_totp::{self, Totp};
use secrets_core::mac::Hash;
use secrets_core::{csrf, mac, otpauth};

/// Bytes in an HMAC-SHA256 tag: 32.
pub const SECRETS_HMAC_SHA256_BYTES: usize = 32;
/// `out_size` for `secrets_hmac_sha256_hex`: 64 hex characters and the NUL.
pub const SECRETS_HMAC_SHA256_HEX_SIZE: usize = 65;
/// `out_size` for `secrets_csrf_token`: 76 base64url characters and the NUL.
pub const SECRETS_CSRF_TOKEN_SIZE: usize = 77;
/// Shortest key `secrets_csrf_token` and `secrets_csrf_verify` accept: 16
/// bytes (128 bits; 32 random bytes are recommended).
pub const SECRETS_CSRF_MIN_KEY_BYTES: usize = 16;
/// Seconds a CSRF token's issue time may lie in the future (clock skew
/// between servers) and still verify: 60.
pub const SECRETS_CSRF_MAX_FUTURE_SKEW: u64 = 60;
// `_u32`: cbindgen then writes unsigned literals (`1u`).

/// HOTP/TOTP with HMAC-SHA-1 (RFC 4226; what most authenticator apps use).
pub const SECRETS_OTP_SHA1: u32 = 1_u32;
/// HOTP/TOTP with HMAC-SHA-256 (RFC 6238).
pub const SECRETS_OTP_SHA256: u32 = 2_u32;
/// HOTP/TOTP with HMAC-SHA-512 (RFC 6238).
pub const SECRETS_OTP_SHA512: u32 = 3_u32;
/// Fewest digits in an HOTP or TOTP code: 6.
pub const SECRETS_HOTP_MIN_DIGITS: u32 = 6;
/// Most digits in an HOTP or TOTP code: 10 (the whole 31-bit truncated value).
pub const SECRETS_HOTP_MAX_DIGITS: u32 = 10;
/// `out_size` that holds any HOTP or TOTP code: 10 digits and the NUL.
pub const SECRETS_HOTP_CODE_SIZE: usize = 11;
/// Largest `window` for `secrets_totp_verify`: 10 steps each side.
pub const SECRETS_TOTP_MAX_WINDOW: u32 = 10;
/// Largest `look_ahead` for `secrets_hotp_verify`: 20 counters after the
/// expected one (21 codes computed at most, as TOTP's largest window).
pub const SECRETS_HOTP_MAX_LOOK_AHEAD: u32 = 20;

// The constants above are literals for the header; they must agree with the core.
const _: () = {
    assert!(SECRETS_HMAC_SHA256_BYTES == mac::SHA256_BYTES);
    assert!(SECRETS_HMAC_SHA256_HEX_SIZE == 2 * mac::SHA256_BYTES + 1);
    assert!(SECRETS_CSRF_TOKEN_SIZE == csrf::TOKEN_LEN + 1);
    assert!(SECRETS_CSRF_MIN_KEY_BYTES == csrf::MIN_KEY_BYTES);
    assert!(SECRETS_CSRF_MAX_FUTURE_SKEW == csrf::MAX_FUTURE_SKEW);
    assert!(SECRETS_HOTP_MIN_DIGITS == hotp_totp::MIN_DIGITS);
    assert!(SECRETS_HOTP_MAX_DIGITS == hotp_totp::MAX_DIGITS);
    assert!(SECRETS_HOTP_CODE_SIZE == hotp_totp::MAX_DIGITS as usize + 1);
    assert!(SECRETS_TOTP_MAX_WINDOW == hotp_totp::MAX_WINDOW);
    assert!(SECRETS_HOTP_MAX_LOOK_AHEAD == hotp_totp::MAX_LOOK_AHEAD);
};

/// The hash a `SECRETS_OTP_*` value names; `InvalidArgument` for any other
/// value.
fn hash_from_c(algorithm: u32) -> Result<Hash> {
    match algorithm {
        SECRETS_OTP_SHA1 => Ok(Hash::Sha1),
        SECRETS_OTP_SHA256 => Ok(Hash::Sha256),
        SECRETS_OTP_SHA512 => Ok(Hash::Sha512),
        _ => Err(secrets_status::SECRETS_ERR_INVALID_ARGUMENT),
    }
}

/// Writes `value` through an out-parameter the caller may leave NULL.
unsafe fn optional_out<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        unsafe { ptr.write_unaligned(value) };
    }
}

/// Writes the HMAC-SHA256 (RFC 2104, FIPS 180-4) of `msg[0..msg_len]` under
/// `key[0..key_len]` to `out[0..32]` (`SECRETS_HMAC_SHA256_BYTES`). Keys and
/// messages of any length are valid, empty ones included (a NULL pointer
/// with length 0 is empty). As in every HMAC, a key shorter than 64 bytes
/// is padded with zero bytes, so keys differing only by trailing zeros
/// (such as a string with and without its NUL) are the same key.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` NULL, or `key`/`msg` NULL with
/// a non-zero length), `SECRETS_ERR_INVALID_ARGUMENT` (a length above
/// PTRDIFF_MAX). On error a non-NULL `out` is zeroed (32 bytes).
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_hmac_sha256(
    out: *mut u8,
    key: *const c_void,
    key_len: usize,
    msg: *const c_void,
    msg_len: usize,
) -> secrets_status {
    scrubbed(|| unsafe {
        let (key, msg) = (in_bytes(key, key_len), in_bytes(msg, msg_len));
        let inputs = [Span::bytes(&key), Span::bytes(&msg)];
        array_out(out, SECRETS_HMAC_SHA256_BYTES, inputs, |out| {
            let tag = mac::sha256(key?, msg?)?;
            out.copy_from_slice(&tag[..]);
            Ok::<_, secrets_status>(())
        })
    })
}

/// Writes the HMAC-SHA256 of `msg` under `key` as 64 lowercase hex
/// characters and a NUL (hex encoded in constant time): `out_size` must be
/// at least `SECRETS_HMAC_SHA256_HEX_SIZE` (65).
///
/// Errors: as `secrets_hmac_sha256`, plus `SECRETS_ERR_BUFFER_TOO_SMALL`
/// and `SECRETS_ERR_INVALID_ARGUMENT` for `out_size` > PTRDIFF_MAX. On
/// error a non-NULL `out` is zeroed over `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_hmac_sha256_hex(
    out: *mut c_char,
    out_size: usize,
    key: *const c_void,
    key_len: usize,
    msg: *const c_void,
    msg_len: usize,
) -> secrets_status {
    scrubbed(|| unsafe {
        let (key, msg) = (in_bytes(key, key_len), in_bytes(msg, msg_len));
        let inputs = [Span::bytes(&key), Span::bytes(&msg)];
        text_out(out, out_size, inputs, |buf| {
            Ok::<_, secrets_status>(mac::sha256_hex(buf, key?, msg?)?)
        })
    })
}

/// Checks that `tag[0..tag_len]` is the HMAC-SHA256 of `msg` under `key`.
/// Returns `SECRETS_OK` or `SECRETS_ERR_MISMATCH`; the comparison takes time
/// independent of the tag's and the key's contents.
///
/// Only the full 32-byte tag can match: a tag of any other length
/// (truncated tags included, and an empty one) is `SECRETS_ERR_MISMATCH`.
/// Other errors: `SECRETS_ERR_NULL_POINTER` (`tag`, `key` or `msg` NULL
/// with a non-zero length), `SECRETS_ERR_INVALID_ARGUMENT` (a length above
/// PTRDIFF_MAX).
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_hmac_sha256_verify(
    tag: *const c_void,
    tag_len: usize,
    key: *const c_void,
    key_len: usize,
    msg: *const c_void,
    msg_len: usize,
) -> secrets_status {
    scrubbed(|| {
        status_of(|| unsafe {
            let (tag, key) = (in_bytes(tag, tag_len)?, in_bytes(key, key_len)?);
            let msg = in_bytes(msg, msg_len)?;
            Ok::<_, secrets_status>(mac::sha256_verify(tag, key, msg)?)
        })
    })
}

/// Writes a new stateless CSRF token and a NUL: 76 characters of unpadded
/// base64url (`A-Z a-z 0-9 - _`, safe in URLs, forms and headers), so
/// `out_size` must be at least `SECRETS_CSRF_TOKEN_SIZE` (77). Nothing is
/// stored: `secrets_csrf_verify` checks the token with the same key.
///
/// The token is 57 bytes: a version byte (1), the issue time `now_unix` (8
/// bytes, big-endian), a 16-byte random nonce (one OS request), and an
/// HMAC-SHA256 tag (32 bytes) under `key` over the label "libsecrets-csrf",
/// those 25 bytes and the binding: the byte 0 when `session_id` is NULL
/// (unbound), else the byte 1, the session id's length (8 bytes,
/// big-endian) and its bytes. A token bound to "" is not an unbound token.
/// Use a key of 32 random bytes kept for this purpose only.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` NULL, or `key` NULL with a
/// non-zero `key_len`), `SECRETS_ERR_INVALID_ARGUMENT` (`key_len` below
/// `SECRETS_CSRF_MIN_KEY_BYTES` (16) or above PTRDIFF_MAX),
/// `SECRETS_ERR_BUFFER_TOO_SMALL`, `SECRETS_ERR_ENTROPY`. On error a
/// non-NULL `out` is zeroed over `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_csrf_token(
    out: *mut c_char,
    out_size: usize,
    key: *const c_void,
    key_len: usize,
    session_id: *const c_char,
    now_unix: u64,
) -> secrets_status {
    scrubbed(|| unsafe {
        let (key, session) = (in_bytes(key, key_len), in_optional_cstr(session_id));
        let inputs = [Span::bytes(&key), Span::text(&session)];
        text_out(out, out_size, inputs, |buf| {
            Ok::<_, secrets_status>(csrf::issue(&mut OsEntropy, buf, key?, session, now_unix)?)
        })
    })
}

/// Checks a token from `secrets_csrf_token` at time `now_unix`, for the same
/// `session_id` (NULL for an unbound token). Returns:
///
/// - `SECRETS_OK`: authentic, and issued at most `max_age_secs` seconds
///   before `now_unix` (a token exactly `max_age_secs` old is valid) and at
///   most `SECRETS_CSRF_MAX_FUTURE_SKEW` (60) seconds after it.
/// - `SECRETS_ERR_MALFORMED`: not exactly 76 base64url characters.
/// - `SECRETS_ERR_MISMATCH`: another key, another session binding, or any
///   character altered (the tag is compared in constant time, before the
///   time is looked at, so a tampered token is never reported as expired).
/// - `SECRETS_ERR_EXPIRED`: authentic but too old, or issued more than 60
///   seconds in the future (a clock problem: issue a new token).
/// - `SECRETS_ERR_NULL_POINTER` (`token` NULL, or `key` NULL with a
///   non-zero `key_len`), `SECRETS_ERR_INVALID_ARGUMENT` (`key_len` below 16
///   or above PTRDIFF_MAX).
///
/// A token stays valid until it expires, however often it is shown: the
/// scheme is stateless.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_csrf_verify(
    token: *const c_char,
    key: *const c_void,
    key_len: usize,
    session_id: *const c_char,
    now_unix: u64,
    max_age_secs: u64,
) -> secrets_status {
    scrubbed(|| {
        status_of(|| unsafe {
            let token = in_cstr(token)?;
            let key = in_bytes(key, key_len)?;
            let session = in_optional_cstr(session_id);
            Ok::<_, secrets_status>(csrf::verify(token, key, session, now_unix, max_age_secs)?)
        })
    })
}

/// Writes the RFC 4226 HOTP code for `counter`: `digits` (6..=10) decimal
/// digits, zero-padded, and a NUL, so `out_size` must be at least
/// `digits + 1` (`SECRETS_HOTP_CODE_SIZE` holds any code). `algorithm` is
/// `SECRETS_OTP_SHA1`, `SECRETS_OTP_SHA256` or `SECRETS_OTP_SHA512`. With 10
/// digits the code is the whole 31-bit truncated value.
///
/// Any key of at least one byte is accepted, for existing secrets (many
/// are 10 bytes); RFC 4226 asks for at least 16 and recommends 20 random
/// bytes for new ones.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` NULL, or `key` NULL with a
/// non-zero `key_len`), `SECRETS_ERR_INVALID_ARGUMENT` (unknown
/// `algorithm`, `digits` outside 6..=10, `key_len` 0 or above PTRDIFF_MAX),
/// `SECRETS_ERR_BUFFER_TOO_SMALL`. On error a non-NULL `out` is zeroed over
/// `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_hotp(
    out: *mut c_char,
    out_size: usize,
    key: *const c_void,
    key_len: usize,
    counter: u64,
    digits: u32,
    algorithm: u32,
) -> secrets_status {
    scrubbed(|| unsafe {
        let key = in_bytes(key, key_len);
        text_out(out, out_size, [Span::bytes(&key)], |buf| {
            let (key, hash) = (key?, hash_from_c(algorithm)?);
            Ok::<_, secrets_status>(hotp_totp::hotp(buf, key, counter, digits, hash)?)
        })
    })
}

/// Writes the RFC 6238 TOTP code for `unix_time`: the HOTP code (see
/// `secrets_hotp`) of step `unix_time / period`. Any `period` of at least 1
/// second is valid (30 is the usual one).
///
/// Errors: as `secrets_hotp`, plus `SECRETS_ERR_INVALID_ARGUMENT` for a
/// `period` of 0.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_totp(
    out: *mut c_char,
    out_size: usize,
    key: *const c_void,
    key_len: usize,
    unix_time: u64,
    period: u32,
    digits: u32,
    algorithm: u32,
) -> secrets_status {
    scrubbed(|| unsafe {
        let key = in_bytes(key, key_len);
        text_out(out, out_size, [Span::bytes(&key)], |buf| {
            let (key, hash) = (key?, hash_from_c(algorithm)?);
            Ok::<_, secrets_status>(hotp_totp::totp(buf, key, unix_time, period, digits, hash)?)
        })
    })
}

/// Checks a TOTP `code` against every step from `window` steps before
/// `unix_time`'s step to `window` steps after it (`window` 0..=10,
/// `SECRETS_TOTP_MAX_WINDOW`; 1 allows for clock drift and typing time).
/// Every step is computed and compared in constant time, never stopping at
/// a match. Steps below 0 or above UINT64_MAX are not tried.
///
/// On `SECRETS_OK`, `*matched_counter` (when not NULL) receives the step
/// that matched (the HOTP counter, `unix_time / period` give or take the
/// window); if two steps share the code, the one nearest `unix_time`'s step
/// (the earlier on a tie). Store it and refuse any later code whose
/// counter is not greater: a code must not be accepted twice. On every
/// error `*matched_counter` is set to 0.
///
/// Errors: `SECRETS_ERR_MISMATCH` (no step matches),
/// `SECRETS_ERR_MALFORMED` (`code` is not exactly `digits` ASCII digits:
/// no spaces or signs), `SECRETS_ERR_NULL_POINTER` (`code` NULL, or `key`
/// NULL with a non-zero `key_len`), `SECRETS_ERR_INVALID_ARGUMENT` (as
/// `secrets_totp`, or `window` above 10).
#[allow(clippy::too_many_arguments)]
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_totp_verify(
    matched_counter: *mut u64,
    code: *const c_char,
    key: *const c_void,
    key_len: usize,
    unix_time: u64,
    period: u32,
    digits: u32,
    algorithm: u32,
    window: u32,
) -> secrets_status {
    scrubbed(|| unsafe {
        let (code, key) = (in_cstr(code), in_bytes(key, key_len));
        counter_out(
            matched_counter,
            [Span::text(&code), Span::bytes(&key)],
            || {
                let (code, key, hash) = (code?, key?, hash_from_c(algorithm)?);
                let params = Totp {
                    period,
                    digits,
                    hash,
                    window,
                };
                Ok(hotp_totp::totp_verify(code, key, unix_time, params)?)
            },
        )
    })
}

/// Runs a verifier that reports a counter, and writes it (0 on any error)
/// to `*matched_counter` unless that is NULL. A `matched_counter` that
/// overlaps an input is refused before anything is computed or written.
unsafe fn counter_out(
    matched_counter: *mut u64,
    inputs: [Span; 2],
    body: impl FnOnce() -> Result<u64>,
) -> secrets_status {
    if !matched_counter.is_null()
        && let Err(e) = refuse_overlap(Span::raw(matched_counter, 1), inputs)
    {
        return e;
    }
    let mut matched = 0;
    let status = status_of(|| {
        matched = body()?;
        Ok::<_, secrets_status>(())
    });
    unsafe { optional_out(matched_counter, matched) };
    status
}

/// Checks an HOTP `code` against counters `counter` to `counter +
/// look_ahead` (`look_ahead` 0..=20, `SECRETS_HOTP_MAX_LOOK_AHEAD`): RFC
/// 4226's look-ahead window, for a token whose button was pressed without
/// logging in. Every counter is computed and compared in constant time,
/// never stopping at a match. Counters above UINT64_MAX are not tried.
///
/// On `SECRETS_OK`, `*matched_counter` (when not NULL) receives the counter
/// that matched (the lowest if several share the code). Store
/// `*matched_counter + 1` as the next expected counter, so that no code is
/// accepted twice. On every error `*matched_counter` is set to 0. Keys: as
/// `secrets_hotp` (RFC 4226 asks for at least 16 bytes, 20 recommended;
/// shorter existing keys are accepted).
///
/// Errors: `SECRETS_ERR_MISMATCH` (no counter matches),
/// `SECRETS_ERR_MALFORMED` (`code` is not exactly `digits` ASCII digits),
/// `SECRETS_ERR_NULL_POINTER` (`code` NULL, or `key` NULL with a non-zero
/// `key_len`), `SECRETS_ERR_INVALID_ARGUMENT` (as `secrets_hotp`,
/// `look_ahead` above 20, or `matched_counter` overlapping `code` or `key`).
#[allow(clippy::too_many_arguments)]
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_hotp_verify(
    matched_counter: *mut u64,
    code: *const c_char,
    key: *const c_void,
    key_len: usize,
    counter: u64,
    look_ahead: u32,
    digits: u32,
    algorithm: u32,
) -> secrets_status {
    scrubbed(|| unsafe {
        let (code, key) = (in_cstr(code), in_bytes(key, key_len));
        counter_out(
            matched_counter,
            [Span::text(&code), Span::bytes(&key)],
            || {
                let (code, key, hash) = (code?, key?, hash_from_c(algorithm)?);
                Ok(hotp_totp::hotp_verify(
                    code, key, counter, look_ahead, digits, hash,
                )?)
            },
        )
    })
}

/// Writes `in[0..in_len]` as RFC 4648 base32 (`A-Z 2-7`, no `=` padding)
/// and a NUL, encoded in constant time: `ceil(8 * in_len / 5)` characters,
/// so `out_size` must be at least `secrets_base32_encode_size(in_len)`
/// (`SECRETS_BASE32_ENCODED_SIZE(in_len)`). `in_len` 0 writes "" (`in` may
/// then be NULL).
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` NULL, or `in` NULL with a
/// non-zero `in_len`), `SECRETS_ERR_INVALID_ARGUMENT` (`in_len` or
/// `out_size` above PTRDIFF_MAX), `SECRETS_ERR_BUFFER_TOO_SMALL`. On error a
/// non-NULL `out` is zeroed over `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_base32_encode(
    out: *mut c_char,
    out_size: usize,
    r#in: *const c_void,
    in_len: usize,
) -> secrets_status {
    scrubbed(|| unsafe {
        let input = in_bytes(r#in, in_len);
        text_out(out, out_size, [Span::bytes(&input)], |buf| {
            Ok::<_, secrets_status>(base32::encode_text(buf, input?)?)
        })
    })
}

/// The `out_size` `secrets_base32_encode` needs for `in_len` bytes:
/// `ceil(8 * in_len / 5) + 1`, or 0 when that exceeds PTRDIFF_MAX.
#[unsafe(no_mangle)]
pub extern "C" fn secrets_base32_encode_size(in_len: usize) -> usize {
    text_size(base32::encoded_len(in_len))
}

/// Decodes the NUL-terminated base32 text `in` into `out` and sets
/// `*out_len` to the number of bytes written (at most
/// `secrets_base32_decode_size(strlen(in))`). Accepts what people paste and
/// what other tools write: either case, `=` padding or none, spaces, tabs,
/// line breaks (CR, LF: a trailing newline, coreutils' 76-column lines) and
/// hyphens anywhere (ignored), and non-zero unused bits in the last
/// character (ignored, as Python's `base64.b32decode`, coreutils and pyotp
/// do). Constant time: no branch or memory address depends on the text's
/// characters, only on its length, the decoded length and the number of
/// ignored characters (the text is usually a TOTP secret).
///
/// `SECRETS_ERR_MALFORMED` for anything else: another character, `=`
/// before the end or padding of the wrong length, or a number of data
/// characters no encoder produces (1, 3 or 6 past a multiple of 8).
/// Other errors: `SECRETS_ERR_NULL_POINTER` (`out_len` or `in` NULL, or
/// `out` NULL with a non-zero `out_size`), `SECRETS_ERR_INVALID_ARGUMENT`
/// (`out_size` above PTRDIFF_MAX; `out` or `out_len` overlapping the text
/// or each other, with nothing written), `SECRETS_ERR_BUFFER_TOO_SMALL`
/// (`out_size` below the decoded length; the text is checked first). On
/// every other error a non-NULL `out` is zeroed over `out_size` bytes and
/// `*out_len` is 0. An empty text decodes to 0 bytes (`out` may then be
/// NULL with `out_size` 0).
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_base32_decode(
    out: *mut u8,
    out_size: usize,
    out_len: *mut usize,
    r#in: *const c_char,
) -> secrets_status {
    scrubbed(|| unsafe { base32_decode_into(out, out_size, out_len, r#in) })
}

/// The body of `secrets_base32_decode`: `out_len` is an output too, so it
/// must overlap neither the text nor `out`.
unsafe fn base32_decode_into(
    out: *mut u8,
    out_size: usize,
    out_len: *mut usize,
    r#in: *const c_char,
) -> secrets_status {
    let text = unsafe { in_cstr(r#in) };
    let len_span = Span::raw(out_len, 1);
    if !out_len.is_null() && refuse_overlap(len_span, [Span::text(&text)]).is_err() {
        return secrets_status::SECRETS_ERR_INVALID_ARGUMENT;
    }
    let mut len = 0;
    let status = unsafe {
        array_out(out, out_size, [Span::text(&text), len_span], |buf| {
            if out_len.is_null() {
                return Err(secrets_status::SECRETS_ERR_NULL_POINTER);
            }
            len = base32::decode(text?, buf)?;
            Ok(())
        })
    };
    unsafe { optional_out(out_len, len) };
    status
}

/// The largest number of bytes `secrets_base32_decode` writes for a text of
/// `in_len` characters: `floor(5 * in_len / 8)` (exact when the text has no
/// padding, spaces or hyphens), or 0 when `in_len` exceeds PTRDIFF_MAX.
#[unsafe(no_mangle)]
pub extern "C" fn secrets_base32_decode_size(in_len: usize) -> usize {
    object_size(Some(in_len)).map_or(0, base32::decoded_max)
}

/// Writes the `otpauth://` provisioning URI that authenticator apps read
/// from a QR code, and a NUL:
///
/// `otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30`
///
/// `secret` is `key` in base32 without padding (encoded in constant time);
/// `algorithm` is `SHA1`, `SHA256` or `SHA512`. `issuer` and `account` are
/// percent-encoded as RFC 3986 asks (only `A-Z a-z 0-9 - . _ ~` kept, UTF-8
/// bytes as `%XX`). When `issuer` is NULL or "" the label is the account
/// alone and the `issuer` parameter is left out. Most apps only support
/// SHA1, 6 or 8 digits and a 30-second period; `key` is best 20 random
/// bytes. The URI contains the secret: wipe it after use
/// (`secrets_memzero`). `secrets_otpauth_uri_size(issuer, account,
/// key_len)` is an `out_size` that always suffices.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` or `account` NULL, or `key`
/// NULL with a non-zero `key_len`), `SECRETS_ERR_INVALID_ARGUMENT` (a `:` in
/// `issuer` or `account`, an empty `account`, `key_len` 0, `period` 0,
/// `digits` outside 6..=10, an unknown `algorithm`, a size above
/// PTRDIFF_MAX; `out` overlapping `issuer`, `account` or `key`, with
/// nothing written), `SECRETS_ERR_BUFFER_TOO_SMALL`. On other errors a
/// non-NULL `out` is zeroed over `out_size` bytes.
#[allow(clippy::too_many_arguments)]
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_otpauth_uri(
    out: *mut c_char,
    out_size: usize,
    issuer: *const c_char,
    account: *const c_char,
    key: *const c_void,
    key_len: usize,
    period: u32,
    digits: u32,
    algorithm: u32,
) -> secrets_status {
    let kind = otpauth::Kind::Totp { period };
    scrubbed(|| unsafe {
        otpauth_out(
            out, out_size, issuer, account, key, key_len, kind, digits, algorithm,
        )
    })
}

/// The body of the two URI writers.
#[allow(clippy::too_many_arguments)]
unsafe fn otpauth_out(
    out: *mut c_char,
    out_size: usize,
    issuer: *const c_char,
    account: *const c_char,
    key: *const c_void,
    key_len: usize,
    kind: otpauth::Kind,
    digits: u32,
    algorithm: u32,
) -> secrets_status {
    unsafe {
        let (issuer, account) = (in_optional_cstr(issuer), in_cstr(account));
        let key = in_bytes(key, key_len);
        let inputs = [Span::text(&issuer), Span::text(&account), Span::bytes(&key)];
        text_out(out, out_size, inputs, |buf| {
            // A plain slice (empty for no issuer) goes to the core.
            let issuer = Some(issuer.unwrap_or_default());
            let (account, key, hash) = (account?, key?, hash_from_c(algorithm)?);
            let uri = otpauth::uri(buf, issuer, account, key, kind, digits, hash);
            Ok::<_, secrets_status>(uri?)
        })
    }
}

/// Writes the `otpauth://hotp/` provisioning URI of an HOTP key, and a NUL:
///
/// `otpauth://hotp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&counter=0`
///
/// As `secrets_otpauth_uri`, with the initial `counter` (the next code the
/// app shows is that counter's) instead of a period. RFC 4226 asks for keys
/// of at least 16 bytes (20 recommended); shorter keys are accepted.
///
/// Errors: as `secrets_otpauth_uri` (without the period's).
#[allow(clippy::too_many_arguments)]
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_otpauth_uri_hotp(
    out: *mut c_char,
    out_size: usize,
    issuer: *const c_char,
    account: *const c_char,
    key: *const c_void,
    key_len: usize,
    counter: u64,
    digits: u32,
    algorithm: u32,
) -> secrets_status {
    let kind = otpauth::Kind::Hotp { counter };
    scrubbed(|| unsafe {
        otpauth_out(
            out, out_size, issuer, account, key, key_len, kind, digits, algorithm,
        )
    })
}

/// The `out_size` that holds any URI `secrets_otpauth_uri` or
/// `secrets_otpauth_uri_hotp` writes for this `issuer` (NULL for none),
/// `account` and `key_len`, whatever the other parameters (the longest
/// algorithm name, 10 digits, the longest period or counter), NUL
/// included. 0 when the URI would be refused for these arguments
/// (`account` NULL or empty, a `:` in `issuer` or `account`, `key_len` 0)
/// or the size exceeds PTRDIFF_MAX.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_otpauth_uri_size(
    issuer: *const c_char,
    account: *const c_char,
    key_len: usize,
) -> usize {
    let (issuer, account) = unsafe { (in_optional_cstr(issuer), in_cstr(account)) };
    match account {
        Ok(account) => text_size(otpauth::max_len(
            Some(issuer.unwrap_or_default()),
            account,
            key_len,
        )),
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrets_status::{SECRETS_ERR_INVALID_ARGUMENT, SECRETS_OK};

    const KEY: &[u8] = b"12345678901234567890";

    #[test]
    fn otp_algorithm_values() {
        assert_eq!(hash_from_c(SECRETS_OTP_SHA1), Ok(Hash::Sha1));
        assert_eq!(hash_from_c(SECRETS_OTP_SHA256), Ok(Hash::Sha256));
        assert_eq!(hash_from_c(SECRETS_OTP_SHA512), Ok(Hash::Sha512));
        for bad in [0, 4, u32::MAX] {
            assert_eq!(hash_from_c(bad), Err(SECRETS_ERR_INVALID_ARGUMENT));
        }
    }

    /// The two verifiers and URI writers the C tests do not give an unknown
    /// algorithm: each maps it through `hash_from_c`.
    #[test]
    fn unknown_algorithm_is_refused_by_hotp_verify_and_hotp_uri() {
        let (key, key_len) = (KEY.as_ptr().cast(), KEY.len());
        let mut matched = 7u64;
        // RFC 4226 Appendix D: counter 0's code.
        let code = c"755224".as_ptr();
        for (algorithm, expected) in [
            (SECRETS_OTP_SHA1, SECRETS_OK),
            (4, SECRETS_ERR_INVALID_ARGUMENT),
        ] {
            let status = unsafe {
                secrets_hotp_verify(&mut matched, code, key, key_len, 0, 0, 6, algorithm)
            };
            assert_eq!(status, expected);
            let mut uri = [0 as c_char; 256];
            let (issuer, account) = (c"I".as_ptr(), c"a".as_ptr());
            let status = unsafe {
                secrets_otpauth_uri_hotp(
                    uri.as_mut_ptr(),
                    uri.len(),
                    issuer,
                    account,
                    key,
                    key_len,
                    0,
                    6,
                    algorithm,
                )
            };
            assert_eq!(status, expected);
        }
        assert_eq!(matched, 0, "zeroed on the error");
    }
}
