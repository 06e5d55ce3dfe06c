//! `secrets_hmac_sha256_verify` with tags of arbitrary length.
//!
//! Key and message come from the data (empty ones passed as NULL). The tag
//! is the real one (from the `hmac`/`sha2` crates, which also cross-check
//! `secrets_hmac_sha256`), maybe truncated, extended or altered, or raw
//! bytes. Checks: the status is OK or MISMATCH, and OK exactly when the
//! tag is the 32-byte HMAC.
#![no_main]

use fuzz_common::*;
use hmac::{KeyInit, Mac};
use libfuzzer_sys::fuzz_target;
use secrets::auth::{secrets_hmac_sha256, secrets_hmac_sha256_verify};

fn reference(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

fn ptr_or_null(b: &[u8]) -> *const core::ffi::c_void {
    if b.is_empty() {
        core::ptr::null()
    } else {
        b.as_ptr().cast()
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mode: u8 = u.arbitrary().unwrap_or(0);
    let key_len = u.int_in_range(0..=130usize).unwrap_or(0).min(u.len());
    let key = u.bytes(key_len).unwrap_or(&[]).to_vec();
    let msg_len = u.int_in_range(0..=200usize).unwrap_or(0).min(u.len());
    let msg = u.bytes(msg_len).unwrap_or(&[]).to_vec();

    let real = reference(&key, &msg);
    let mut ours = [0u8; 32];
    let status = unsafe {
        secrets_hmac_sha256(
            ours.as_mut_ptr(),
            ptr_or_null(&key),
            key.len(),
            ptr_or_null(&msg),
            msg.len(),
        )
    };
    assert_eq!(status, SECRETS_OK);
    assert_eq!(
        ours, real,
        "secrets_hmac_sha256 differs from the hmac crate"
    );

    let tag: Vec<u8> = match mode & 3 {
        0 => u.take_rest().to_vec(),
        1 => real[..u.int_in_range(0..=32usize).unwrap_or(32)].to_vec(),
        2 => {
            let mut t = real.to_vec();
            t.extend_from_slice(u.take_rest());
            t
        }
        _ => {
            let mut t = real.to_vec();
            while u.len() >= 2 {
                let (at, x) = u.arbitrary::<(u8, u8)>().unwrap_or_default();
                t[at as usize % 32] ^= x;
            }
            t
        }
    };
    let status = unsafe {
        secrets_hmac_sha256_verify(
            ptr_or_null(&tag),
            tag.len(),
            ptr_or_null(&key),
            key.len(),
            ptr_or_null(&msg),
            msg.len(),
        )
    };
    let expected = if tag[..] == real[..] {
        SECRETS_OK
    } else {
        SECRETS_ERR_MISMATCH
    };
    assert_eq!(status, expected, "tag of {} bytes", tag.len());
});
