//! The C boundary as C would call it, small enough for Miri: every
//! exported function once with valid arguments, NULL and short buffers, and
//! the aliasing cases C allows but Rust references do not: an output that
//! overlaps an input, and misaligned array pointers. Under Miri
//! (`.ci/check-miri.sh`) any undefined behaviour in the boundary is an
//! error, whatever the status; natively these are ordinary tests.
//! Sizes are tiny on purpose: Miri runs ~1000 times slower.

use core::ffi::{c_char, c_void};
use secrets::auth::*;
use secrets::human::*;
use secrets::random::*;
use secrets::status::secrets_status::{self, *};

const KEY: [u8; 20] = *b"12345678901234567890";
const NOW: u64 = 1_700_000_000;

fn text(buf: &[u8]) -> &str {
    let end = buf.iter().position(|&b| b == 0).expect("NUL-terminated");
    core::str::from_utf8(&buf[..end]).unwrap()
}

fn key() -> *const c_void {
    KEY.as_ptr().cast()
}

#[test]
fn random_functions() {
    let mut buf = [0u8; 40];
    unsafe {
        assert_eq!(secrets_token_bytes(buf.as_mut_ptr(), 16), SECRETS_OK);
        assert_eq!(secrets_token_bytes(core::ptr::null_mut(), 0), SECRETS_OK);
        assert_eq!(
            secrets_token_hex(buf.as_mut_ptr().cast(), 33, 16),
            SECRETS_OK
        );
        assert_eq!(text(&buf).len(), 32);
        assert_eq!(
            secrets_token_hex(buf.as_mut_ptr().cast(), 32, 16),
            SECRETS_ERR_BUFFER_TOO_SMALL
        );
        assert!(buf.iter().all(|&b| b == 0));
        assert_eq!(
            secrets_token_urlsafe(buf.as_mut_ptr().cast(), 23, 16),
            SECRETS_OK
        );
        let mut v = 1u64;
        assert_eq!(secrets_randbelow(&mut v, 10), SECRETS_OK);
        assert!(v < 10);
        assert_eq!(secrets_randbelow(&mut v, 0), SECRETS_ERR_INVALID_ARGUMENT);
        assert_eq!(v, 0);
        assert_eq!(secrets_randbits(&mut v, 64), SECRETS_OK);
        let mut r = 0i64;
        assert_eq!(secrets_randrange(&mut r, 10, -10, -3), SECRETS_OK);
        assert!((-9..=10).contains(&r) && (10 - r) % 3 == 0);
        let mut c = 0u8;
        assert_eq!(
            secrets_choice(&mut c, b"abc".as_ptr().cast(), 3),
            SECRETS_OK
        );
        assert!(b"abc".contains(&c));
        let mut items = [1u16, 2, 3, 4, 5];
        assert_eq!(secrets_shuffle(items.as_mut_ptr().cast(), 5, 2), SECRETS_OK);
        items.sort_unstable();
        assert_eq!(items, [1, 2, 3, 4, 5]);
        let mut picked = [0usize; 4];
        assert_eq!(secrets_sample(picked.as_mut_ptr(), 4, 6), SECRETS_OK);
        assert!(picked.iter().all(|&i| i < 6));
        let mut d = 0.0;
        assert_eq!(secrets_random_double(&mut d), SECRETS_OK);
        assert!((0.0..1.0).contains(&d));
        assert_eq!(secrets_uniform(&mut d, 2.0, 3.0), SECRETS_OK);
        assert!(secrets_compare_digest(
            b"ab".as_ptr().cast(),
            2,
            b"ab".as_ptr().cast(),
            2
        ));
        assert!(!secrets_compare_digest(
            core::ptr::null(),
            0,
            b"a".as_ptr().cast(),
            1
        ));
        secrets_memzero(buf.as_mut_ptr().cast(), buf.len());
        assert!(buf.iter().all(|&b| b == 0));
    }
}

#[test]
fn human_functions() {
    let mut buf = [0u8; 80];
    let out = buf.as_mut_ptr().cast::<c_char>();
    unsafe {
        assert_eq!(secrets_password(out, 13, 12, 0x7f & !0x10), SECRETS_OK);
        assert_eq!(text(&buf).len(), 12);
        assert_eq!(
            secrets_password_custom(out, 9, 8, c"ab".as_ptr()),
            SECRETS_OK
        );
        assert_eq!(
            secrets_password_custom(out, 9, 8, c"aa".as_ptr()),
            SECRETS_ERR_INVALID_ARGUMENT
        );
        assert_eq!(secrets_passphrase(out, 80, 3, c" ".as_ptr()), SECRETS_OK);
        assert_eq!(text(&buf).split(' ').count(), 3);
        let words = [c"alpha".as_ptr(), c"beta".as_ptr(), c"gamma".as_ptr()];
        assert_eq!(
            secrets_passphrase_custom(out, 80, 2, words.as_ptr(), 3, core::ptr::null()),
            SECRETS_OK
        );
        assert_eq!(secrets_otp_numeric(out, 7, 6), SECRETS_OK);
        assert_eq!(secrets_otp_alphanumeric(out, 7, 6), SECRETS_OK);
        assert_eq!(secrets_api_key(out, 80, c"app".as_ptr(), 8), SECRETS_OK);
        assert_eq!(
            secrets_api_key_checksummed(out, 80, c"ghp".as_ptr()),
            SECRETS_OK
        );
        assert_eq!(secrets_api_key_check(buf.as_ptr().cast()), SECRETS_OK);
        assert_eq!(
            secrets_api_key_check(c"ghp_x".as_ptr()),
            SECRETS_ERR_MALFORMED
        );
        assert_eq!(secrets_uuid4(out, 37), SECRETS_OK);
        assert_eq!(text(&buf).len(), 36);
        assert_eq!(
            secrets_uuid4(core::ptr::null_mut(), 37),
            SECRETS_ERR_NULL_POINTER
        );
    }
}

#[test]
fn auth_functions() {
    let mut buf = [0u8; 200];
    let out = buf.as_mut_ptr().cast::<c_char>();
    let mut tag = [0u8; 32];
    unsafe {
        assert_eq!(
            secrets_hmac_sha256(tag.as_mut_ptr(), key(), 20, b"m".as_ptr().cast(), 1),
            SECRETS_OK
        );
        assert_eq!(
            secrets_hmac_sha256_verify(tag.as_ptr().cast(), 32, key(), 20, b"m".as_ptr().cast(), 1),
            SECRETS_OK
        );
        tag[0] ^= 1;
        assert_eq!(
            secrets_hmac_sha256_verify(tag.as_ptr().cast(), 32, key(), 20, b"m".as_ptr().cast(), 1),
            SECRETS_ERR_MISMATCH
        );
        assert_eq!(
            secrets_hmac_sha256_hex(out, 65, key(), 20, core::ptr::null(), 0),
            SECRETS_OK
        );
        assert_eq!(
            secrets_csrf_token(out, 77, key(), 20, c"s".as_ptr(), NOW),
            SECRETS_OK
        );
        assert_eq!(
            secrets_csrf_verify(buf.as_ptr().cast(), key(), 20, c"s".as_ptr(), NOW, 60),
            SECRETS_OK
        );
        assert_eq!(
            secrets_csrf_verify(buf.as_ptr().cast(), key(), 20, core::ptr::null(), NOW, 60),
            SECRETS_ERR_MISMATCH
        );
        // RFC 4226 appendix D, counter 1.
        assert_eq!(secrets_hotp(out, 7, key(), 20, 1, 6, 1), SECRETS_OK);
        assert_eq!(text(&buf), "287082");
        let mut counter = 9u64;
        assert_eq!(
            secrets_totp_verify(&mut counter, c"287082".as_ptr(), key(), 20, 59, 30, 6, 1, 1),
            SECRETS_OK
        );
        assert_eq!(counter, 1);
        assert_eq!(secrets_totp(out, 9, key(), 20, 59, 30, 8, 1), SECRETS_OK);
        assert_eq!(text(&buf), "94287082"); // RFC 6238 appendix B, SHA-1, T = 59
        assert_eq!(secrets_base32_encode(out, 33, key(), 20), SECRETS_OK);
        assert_eq!(text(&buf), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        let mut dec = [0u8; 20];
        let mut n = 0usize;
        assert_eq!(
            secrets_base32_decode(dec.as_mut_ptr(), 20, &mut n, buf.as_ptr().cast()),
            SECRETS_OK
        );
        assert_eq!((n, dec), (20, KEY));
        assert_eq!(
            secrets_otpauth_uri(
                out,
                200,
                c"Ex".as_ptr(),
                c"a@b".as_ptr(),
                key(),
                20,
                30,
                6,
                1
            ),
            SECRETS_OK
        );
        assert!(text(&buf).starts_with("otpauth://totp/Ex:a%40b?secret=GEZDGNBV"));
    }
}

/// An output overlapping an input must be refused without writing: C
/// allows it, but the boundary must not turn the two into a `&mut` and a
/// `&` of the same bytes (undefined behaviour, which Miri reports).
#[test]
fn overlapping_output_and_input_are_refused() {
    let mut buf = [0u8; 200];
    buf[..20].copy_from_slice(&KEY);
    let p = buf.as_mut_ptr();
    let unchanged = |buf: &[u8]| buf[..20] == KEY && buf[20..].iter().all(|&b| b == 0);
    unsafe {
        // base32_encode in place.
        let s = secrets_base32_encode(p.cast(), 200, p.cast(), 20);
        assert_eq!(s, SECRETS_ERR_INVALID_ARGUMENT);
        assert!(unchanged(&buf));
        // The key is the URI's output buffer.
        let s = secrets_otpauth_uri(
            p.cast(),
            200,
            c"Ex".as_ptr(),
            c"a".as_ptr(),
            p.cast(),
            20,
            30,
            6,
            1,
        );
        assert_eq!(s, SECRETS_ERR_INVALID_ARGUMENT);
        assert!(unchanged(&buf));
        // The key inside the token's buffer.
        let s = secrets_csrf_token(p.cast(), 77, p.add(40).cast(), 16, core::ptr::null(), NOW);
        assert_eq!(s, SECRETS_ERR_INVALID_ARGUMENT);
        assert!(unchanged(&buf));
        // The tag written over the key.
        let s = secrets_hmac_sha256(p, p.cast(), 20, b"m".as_ptr().cast(), 1);
        assert_eq!(s, SECRETS_ERR_INVALID_ARGUMENT);
        assert!(unchanged(&buf));
        // The message overlapping the hex output.
        let s = secrets_hmac_sha256_hex(p.cast(), 65, key(), 20, p.add(10).cast(), 4);
        assert_eq!(s, SECRETS_ERR_INVALID_ARGUMENT);
        assert!(unchanged(&buf));
    }
    // Decoding over its own text.
    let mut text = *b"GEZDGNBVGY3TQOJQ\0";
    let mut n = 7usize;
    let t = text.as_mut_ptr();
    let s = unsafe { secrets_base32_decode(t, 17, &mut n, t.cast()) };
    assert_eq!(s, SECRETS_ERR_INVALID_ARGUMENT);
    assert_eq!(&text, b"GEZDGNBVGY3TQOJQ\0");
    // The alphabet inside the password's buffer.
    let mut pw = *b"abcdef\0\0\0\0\0\0\0\0\0\0";
    let p = pw.as_mut_ptr();
    let s = unsafe { secrets_password_custom(p.cast(), 16, 8, p.cast()) };
    assert_eq!(s, SECRETS_ERR_INVALID_ARGUMENT);
    assert_eq!(&pw[..7], b"abcdef\0");
}

/// Misaligned array pointers are refused, never dereferenced.
#[test]
fn misaligned_arrays_are_refused() {
    // `size_t *out` one byte off.
    let mut raw = [0usize; 5];
    let odd = unsafe { raw.as_mut_ptr().cast::<u8>().add(1).cast::<usize>() };
    assert_eq!(
        unsafe { secrets_sample(odd, 3, 10) },
        SECRETS_ERR_INVALID_ARGUMENT
    );
    assert!(raw.iter().all(|&w| w == 0));
    // The word list of passphrase_custom one byte off.
    let words = [
        c"alpha".as_ptr(),
        c"beta".as_ptr(),
        c"gamma".as_ptr(),
        core::ptr::null(),
    ];
    // Pointer-aligned storage, so that one byte in is misaligned on every
    // host (a byte array's own address could make `+ 1` aligned).
    let mut backing = [core::ptr::null::<c_char>(); 5];
    let shifted = unsafe { backing.as_mut_ptr().cast::<u8>().add(1) };
    unsafe {
        core::ptr::copy_nonoverlapping(
            words.as_ptr().cast::<u8>(),
            shifted,
            3 * size_of::<*const c_char>(),
        );
    }
    let list = shifted.cast_const().cast::<*const c_char>();
    let mut out = [0u8; 40];
    let s = unsafe {
        secrets_passphrase_custom(out.as_mut_ptr().cast(), 40, 2, list, 3, core::ptr::null())
    };
    assert_eq!(s, SECRETS_ERR_INVALID_ARGUMENT);
    assert!(out.iter().all(|&b| b == 0));
}

#[allow(dead_code)]
fn _status_type_is_the_boundary_one(s: secrets_status) -> i32 {
    s as i32
}
