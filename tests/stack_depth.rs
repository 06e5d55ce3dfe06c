//! The stack scrub covers the work of every function that takes keys or
//! decodes secrets.
//!
//! Method (painting): fill 64 KiB of the stack below the probe's frame with
//! a pattern, make one call, then look at what the call left there. For a
//! scrubbed function, the deepest bytes touched must be the zeros of the
//! scrub's own area, as many as that function's scrub writes in one run
//! (`SCRUB_BYTES` for keys and secrets, less for generators): if its
//! work went deeper than the scrub reaches, the deepest touched bytes are
//! its leftovers (or the run of zeros is longer), and the test fails. The
//! other functions (generators, whose random pools are wiped by the core)
//! are only measured.
//!
//! Only meaningful for optimised code, where the scrub compiles to plain
//! stores (in a debug build its helpers have frames of their own below
//! it): `cargo test --release --test stack_depth`. The depths the core's
//! work reaches are printed, to choose the constant.

use secrets::auth::*;
use secrets::human::*;
use secrets::random::*;
use secrets::status::secrets_status::{self, SECRETS_OK};
use secrets::{SCRUB_BYTES as SCRUB, SCRUB_PASSWORD_BYTES, SCRUB_VALUE_BYTES};
use std::hint::black_box;

const PAINT: usize = 64 * 1024;
const PATTERN: u8 = 0xa5;
/// Zeros that may join the scrub's run: its frame's saved registers and
/// alignment padding just above the area.
const SLACK: usize = 64;

#[inline(never)]
fn paint() -> usize {
    let mut area = [0u8; PAINT];
    for b in area.iter_mut() {
        // Volatile: the stores must happen although nothing reads them.
        unsafe { std::ptr::write_volatile(b, PATTERN) };
    }
    black_box(&area);
    area.as_ptr() as usize
}

/// What a call left in the painted area: how deep it reached (bytes below
/// the painted top) and the run of zeros at that depth.
#[derive(Debug)]
struct Survey {
    depth: usize,
    zero_run: usize,
}

#[inline(never)]
fn survey(low: usize) -> Survey {
    // Reads dead stack below this frame: it holds only what the call left.
    let byte = |i: usize| unsafe { std::ptr::read_volatile((low + i) as *const u8) };
    let first = (0..PAINT).find(|&i| byte(i) != PATTERN).unwrap_or(PAINT);
    let zero_run = (first..PAINT).take_while(|&i| byte(i) == 0).count();
    Survey {
        depth: PAINT - first,
        zero_run,
    }
}

#[inline(never)]
fn probe(call: &mut dyn FnMut() -> secrets_status) -> Survey {
    let low = paint();
    let status = call();
    let survey = survey(low);
    assert_eq!(status, SECRETS_OK);
    survey
}

#[inline(never)]
fn measure(call: &mut dyn FnMut()) -> usize {
    let low = paint();
    call();
    survey(low).depth
}

macro_rules! calls {
    ($($name:literal => $call:expr),* $(,)?) => {
        vec![$(($name, Box::new(move || unsafe { $call }) as Box<dyn FnMut() -> secrets_status>)),*]
    };
}

const KEY64: &[u8; 64] = b"1234567890123456789012345678901234567890123456789012345678901234";

/// The functions that return through the scrub, with the bytes it
/// overwrites: keys and decoded secrets get the full scrub, the generators
/// that leave a drawn value behind a scrub sized to their work.
const SCRUBBED: &[(&str, usize)] = &[
    ("hmac_sha256", SCRUB),
    ("hmac_sha256_hex", SCRUB),
    ("hmac_sha256_verify", SCRUB),
    ("csrf_token", SCRUB),
    ("csrf_verify", SCRUB),
    ("hotp", SCRUB),
    ("totp", SCRUB),
    ("totp_verify", SCRUB),
    ("hotp_verify", SCRUB),
    ("base32_encode", SCRUB),
    ("base32_decode", SCRUB),
    ("otpauth_uri", SCRUB),
    ("otpauth_uri_hotp", SCRUB),
    ("compare_digest", SCRUB),
    ("api_key_check", SCRUB),
    ("api_key_check_prefix", SCRUB),
    ("randbelow", SCRUB_VALUE_BYTES),
    ("random_double", SCRUB_VALUE_BYTES),
    ("uniform", SCRUB_VALUE_BYTES),
    ("password", SCRUB_PASSWORD_BYTES),
];

/// A named call of one exported function.
type Call = (&'static str, Box<dyn FnMut() -> secrets_status>);

fn every_function() -> Vec<Call> {
    static mut TEXT: [u8; 16384] = [0; 16384];
    static mut BYTES: [u8; 16384] = [0; 16384];
    static mut INDICES: [usize; 512] = [0; 512];
    let text = &raw mut TEXT as *mut std::ffi::c_char;
    let bytes = &raw mut BYTES as *mut u8;
    let indices = &raw mut INDICES as *mut usize;
    let key = KEY64.as_ptr().cast();
    let long_key = [7u8; 200];
    let msg = [b'm'; 1000];
    let words: Vec<std::ffi::CString> = (0..300)
        .map(|i| std::ffi::CString::new(format!("word{i}")).unwrap())
        .collect();
    let word_ptrs: Vec<*const std::ffi::c_char> = words.iter().map(|w| w.as_ptr()).collect();
    // A base32 text of 640 bytes, spaced and wrapped.
    let b32: std::ffi::CString = {
        let mut out = vec![0u8; 1100];
        assert_eq!(
            unsafe {
                secrets_base32_encode(out.as_mut_ptr().cast(), out.len(), msg.as_ptr().cast(), 640)
            },
            SECRETS_OK
        );
        let plain: Vec<u8> = out.iter().copied().take_while(|&c| c != 0).collect();
        let spaced: Vec<u8> = plain
            .chunks(4)
            .flat_map(|c| c.iter().copied().chain([b' ']))
            .collect();
        std::ffi::CString::new(spaced).unwrap()
    };
    let mut code = [0u8; 11];
    assert_eq!(
        unsafe {
            secrets_hotp(
                code.as_mut_ptr().cast(),
                11,
                key,
                64,
                1000,
                8,
                SECRETS_OTP_SHA512,
            )
        },
        SECRETS_OK
    );
    let mut tag = [0u8; 32];
    assert_eq!(
        unsafe {
            secrets_hmac_sha256(
                tag.as_mut_ptr(),
                long_key.as_ptr().cast(),
                200,
                msg.as_ptr().cast(),
                1000,
            )
        },
        SECRETS_OK
    );
    let mut token = [0u8; 77];
    assert_eq!(
        unsafe {
            secrets_csrf_token(
                token.as_mut_ptr().cast(),
                77,
                key,
                64,
                c"session".as_ptr(),
                1_700_000_000,
            )
        },
        SECRETS_OK
    );
    let mut api = [0u8; 80];
    assert_eq!(
        unsafe { secrets_api_key_checksummed(api.as_mut_ptr().cast(), 80, c"ghp".as_ptr()) },
        SECRETS_OK
    );
    let (lk, m, t, c, tok, a) = (long_key, msg, tag, code, token, api);
    // The single-value outputs are statics too: locals of this function
    // would be dead stack by the time the calls run, inside the painted
    // area (a write there reads as the call's own depth).
    static mut OUT_LEN: usize = 0;
    static mut U: u64 = 0;
    static mut D: f64 = 0.0;
    static mut I: i64 = 0;
    static mut B: u8 = 0;
    static mut MATCHED: u64 = 0;
    let len_ptr = &raw mut OUT_LEN;
    let (up, dp, ip, bp) = (&raw mut U, &raw mut D, &raw mut I, &raw mut B);
    let mp = &raw mut MATCHED;
    let wl = word_ptrs.clone();
    let b32p = b32.as_ptr();
    // Keep the owners alive for the closures.
    std::mem::forget(words);
    std::mem::forget(b32);
    calls![
        "hmac_sha256" => secrets_hmac_sha256(bytes, lk.as_ptr().cast(), 200, m.as_ptr().cast(), 1000),
        "hmac_sha256_hex" => secrets_hmac_sha256_hex(text, 65, lk.as_ptr().cast(), 200, m.as_ptr().cast(), 1000),
        "hmac_sha256_verify" => secrets_hmac_sha256_verify(t.as_ptr().cast(), 32, lk.as_ptr().cast(), 200, m.as_ptr().cast(), 1000),
        "csrf_token" => secrets_csrf_token(text, 77, key, 64, c"session".as_ptr(), 1_700_000_000),
        "csrf_verify" => secrets_csrf_verify(tok.as_ptr().cast(), key, 64, c"session".as_ptr(), 1_700_000_000, 60),
        "hotp" => secrets_hotp(text, 11, key, 64, 1000, 8, SECRETS_OTP_SHA512),
        "totp" => secrets_totp(text, 11, key, 64, 1_700_000_000, 30, 8, SECRETS_OTP_SHA512),
        "totp_verify" => {
            let _ = secrets_totp_verify(mp, c"00000000".as_ptr(), key, 64, 1_700_000_000, 30, 8, SECRETS_OTP_SHA512, 10);
            SECRETS_OK
        },
        "hotp_verify" => secrets_hotp_verify(mp, c.as_ptr().cast(), key, 64, 980, 20, 8, SECRETS_OTP_SHA512),
        "base32_encode" => secrets_base32_encode(text, 16384, m.as_ptr().cast(), 1000),
        "base32_decode" => secrets_base32_decode(bytes, 16384, len_ptr, b32p),
        "otpauth_uri" => secrets_otpauth_uri(text, 16384, c"Issuer".as_ptr(), c"alice".as_ptr(), key, 64, 30, 6, SECRETS_OTP_SHA1),
        "otpauth_uri_hotp" => secrets_otpauth_uri_hotp(text, 16384, c"Issuer".as_ptr(), c"alice".as_ptr(), key, 64, 7, 6, SECRETS_OTP_SHA1),
        "token_bytes" => secrets_token_bytes(bytes, 16384),
        "token_bytes_small" => secrets_token_bytes(bytes, 32),
        "token_hex" => secrets_token_hex(text, 16384, 8000),
        "token_urlsafe" => secrets_token_urlsafe(text, 16384, 8000),
        "randbelow" => secrets_randbelow(up, (1 << 63) + 1),
        "randbits" => secrets_randbits(up, 64),
        "randrange" => secrets_randrange(ip, -1_000_000_007, 1_000_000_007, 3),
        "choice" => secrets_choice(bp, m.as_ptr().cast(), 1000),
        "shuffle" => secrets_shuffle(bytes.cast(), 4096, 1),
        "shuffle_wide" => secrets_shuffle(bytes.cast(), 500, 24),
        "sample" => secrets_sample(indices, 512, usize::MAX / 8),
        "random_double" => secrets_random_double(dp),
        "uniform" => secrets_uniform(dp, -1.0, 1.0),
        "compare_digest" => if secrets_compare_digest(t.as_ptr().cast(), 32, t.as_ptr().cast(), 32) { SECRETS_OK } else { secrets_status::SECRETS_ERR_MISMATCH },
        "password" => secrets_password(text, 4097, 4096, SECRETS_PASSWORD_DEFAULT),
        "password_custom" => secrets_password_custom(text, 4097, 4096, c"abcdefghijk".as_ptr()),
        "passphrase" => secrets_passphrase(text, 16384, 64, c" ".as_ptr()),
        "passphrase_custom" => secrets_passphrase_custom(text, 16384, 64, wl.as_ptr(), 300, c" ".as_ptr()),
        "otp_numeric" => secrets_otp_numeric(text, 65, 64),
        "otp_alphanumeric" => secrets_otp_alphanumeric(text, 65, 64),
        "api_key" => secrets_api_key(text, 16384, c"sk_live".as_ptr(), 4096),
        "api_key_checksummed" => secrets_api_key_checksummed(text, 80, c"ghp".as_ptr()),
        "api_key_check" => secrets_api_key_check(a.as_ptr().cast()),
        "api_key_check_prefix" => secrets_api_key_check_prefix(a.as_ptr().cast(), c"ghp".as_ptr()),
        "uuid4" => secrets_uuid4(text, 37),
    ]
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "stack depths of unoptimised code are not the library's"
)]
fn the_scrub_covers_every_function() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, mut call) in every_function() {
        let survey = probe(&mut *call);
        eprintln!(
            "{name:24} deepest touch {:6} bytes, zero run {:6}",
            survey.depth, survey.zero_run
        );
        assert!(survey.depth < PAINT, "{name}: deeper than the painted area");
        if let Some(&(_, scrub)) = SCRUBBED.iter().find(|(n, _)| *n == name) {
            checked += 1;
            if !(scrub..=scrub + SLACK).contains(&survey.zero_run) {
                failures.push((name, survey));
            }
        }
    }
    assert_eq!(checked, SCRUBBED.len());
    assert!(
        failures.is_empty(),
        "work below the scrubbed area: {failures:?}"
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "stack depths of unoptimised code are not the library's"
)]
fn the_core_work_fits_in_the_scrub() {
    // The core's heaviest operations, called directly (no scrub): the
    // scrub must reach below them with room for the boundary's frames.
    use secrets_core::{csrf, hotp_totp, mac, passphrase, token};
    let mut out = vec![0u8; 20000];
    let mut deepest = 0;
    let mut record = |name: &str, depth: usize| {
        eprintln!("core {name:20} {depth:6} bytes");
        deepest = deepest.max(depth);
    };
    record(
        "hmac sha256",
        measure(&mut || {
            black_box(mac::sha256(&[7u8; 200], &[b'm'; 1000]).unwrap());
        }),
    );
    let params = hotp_totp::Totp {
        period: 30,
        digits: 8,
        hash: mac::Hash::Sha512,
        window: 10,
    };
    record(
        "totp_verify sha512",
        measure(&mut || {
            let _ = black_box(hotp_totp::totp_verify(
                b"00000000",
                KEY64,
                1_700_000_000,
                params,
            ));
        }),
    );
    record(
        "csrf issue",
        measure(&mut || {
            let _ = black_box(csrf::issue(
                &mut secrets_core::testing::TestSource::default(),
                &mut out[..76],
                KEY64,
                Some(b"s"),
                1,
            ));
        }),
    );
    record(
        "token hex 8000",
        measure(&mut || {
            let _ = black_box(token::hex(
                &mut secrets_core::testing::TestSource::default(),
                &mut out[..16000],
                8000,
            ));
        }),
    );
    record(
        "passphrase 64",
        measure(&mut || {
            let _ = black_box(passphrase::generate(
                &mut secrets_core::testing::TestSource::default(),
                &mut out,
                64,
                &passphrase::EffLarge,
                b" ",
            ));
        }),
    );
    assert!(
        deepest + 1024 <= SCRUB,
        "the core reaches {deepest} bytes; the scrub covers {SCRUB}"
    );
}
