//! `secrets_totp_verify` on arbitrary codes and parameters.
//!
//! Parameters (period, digits, algorithm, window, key) come from the data,
//! mostly near the valid ranges. The code is raw text, or a real code for
//! a step near the current one (computed with `secrets_hotp`), maybe
//! altered. Checks: the status is one of OK, MISMATCH, MALFORMED,
//! INVALID_ARGUMENT (NULL_POINTER for a NULL code), each exactly when the
//! documented rule says; `*matched_counter` is 0 on every error; on OK it
//! lies within the window and `secrets_hotp` of it is the code; a real
//! code inside the window always verifies.
#![no_main]

use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use secrets::auth::{secrets_hotp, secrets_totp_verify};

fn hotp(key: &[u8], counter: u64, digits: u32, algorithm: u32) -> Vec<u8> {
    let mut out = [0u8; 11];
    let status = unsafe {
        secrets_hotp(
            out.as_mut_ptr().cast(),
            out.len(),
            key.as_ptr().cast(),
            key.len(),
            counter,
            digits,
            algorithm,
        )
    };
    assert_eq!(status, SECRETS_OK);
    out[..digits as usize].to_vec()
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mode: u8 = u.arbitrary().unwrap_or(0);
    let wide = mode & 0x80 != 0; // parameters over their whole range
    let (period, digits, algorithm) = otp_params(&mut u, wide, 90);
    let window: u32 = if wide {
        u.arbitrary().unwrap_or(0)
    } else {
        u.int_in_range(0..=11).unwrap_or(1)
    };
    let unix_time: u64 = match mode >> 4 & 3 {
        0 => u.int_in_range(0..=400).unwrap_or(0), // near step 0
        1 => u64::MAX - u.int_in_range(0..=400).unwrap_or(0), // near the last step
        _ => u.arbitrary().unwrap_or(0),
    };
    let key_len = u.int_in_range(0..=70usize).unwrap_or(20).min(u.len());
    let key = u.bytes(key_len).unwrap_or(&[]).to_vec();

    let params_ok = period > 0
        && (6..=10).contains(&digits)
        && (1..=3).contains(&algorithm)
        && window <= 10
        && !key.is_empty();
    let current = if period > 0 {
        unix_time / period as u64
    } else {
        0
    };

    let mut real_counter = None;
    let code = if mode & 1 != 0 && params_ok {
        let offset: i8 = u.arbitrary().unwrap_or(0);
        let offset = offset as i64 % (window as i64 + 2);
        match current.checked_add_signed(offset) {
            Some(counter) => {
                let mut code = hotp(&key, counter, digits, algorithm);
                if mode & 2 != 0 && !code.is_empty() {
                    let at = u.arbitrary::<u8>().unwrap_or(0) as usize % code.len();
                    code[at] = u.arbitrary().unwrap_or(b'0');
                } else {
                    real_counter = Some((counter, offset));
                }
                code
            }
            None => text_of(&take_c_string(&mut u, 12)).to_vec(),
        }
    } else {
        text_of(&take_c_string(&mut u, 12)).to_vec()
    };
    let code_c = c_string(&code);
    let code = text_of(&code_c);
    let null_code = mode & 0x40 != 0 && mode & 0x0f == 0;

    let mut matched = 0xDEAD_BEEF_u64;
    let matched_ptr: *mut u64 = if mode & 4 != 0 {
        core::ptr::null_mut()
    } else {
        &mut matched
    };
    let key_ptr = if key.is_empty() {
        core::ptr::null()
    } else {
        key.as_ptr().cast()
    };
    let code_ptr = if null_code {
        core::ptr::null()
    } else {
        code_c.as_ptr().cast()
    };
    let status = unsafe {
        secrets_totp_verify(
            matched_ptr,
            code_ptr,
            key_ptr,
            key.len(),
            unix_time,
            period,
            digits,
            algorithm,
            window,
        )
    };

    let shape_ok = code.len() == digits as usize && code.iter().all(u8::is_ascii_digit);
    let expected_err = if null_code {
        Some(SECRETS_ERR_NULL_POINTER)
    } else if !params_ok {
        Some(SECRETS_ERR_INVALID_ARGUMENT)
    } else if !shape_ok {
        Some(SECRETS_ERR_MALFORMED)
    } else {
        None
    };
    match (status, expected_err) {
        (SECRETS_OK, None) => {
            if !matched_ptr.is_null() {
                let lo = current.saturating_sub(window as u64);
                let hi = current.saturating_add(window as u64);
                assert!(
                    (lo..=hi).contains(&matched),
                    "matched {matched} outside {lo}..={hi}"
                );
                assert_eq!(
                    hotp(&key, matched, digits, algorithm),
                    code,
                    "matched step has another code"
                );
                // Nearest step wins: no step strictly nearer may have the code.
                if let Some((counter, _)) = real_counter {
                    assert!(matched.abs_diff(current) <= counter.abs_diff(current));
                }
            }
        }
        (SECRETS_ERR_MISMATCH, None) => {
            if let Some((_, offset)) = real_counter {
                assert!(
                    offset.unsigned_abs() > window as u64,
                    "a real code within the window was refused"
                );
            }
        }
        (s, Some(e)) => assert_eq!(s, e),
        (s, None) => panic!("unexpected status {s:?}"),
    }
    if status != SECRETS_OK && !matched_ptr.is_null() {
        assert_eq!(matched, 0, "matched_counter not 0 on {status:?}");
    }
});
