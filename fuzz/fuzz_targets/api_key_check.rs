//! `secrets_api_key_check` on arbitrary strings and on near-valid keys.
//!
//! Half the runs give raw text; the others build a key of the right shape
//! (prefix, `_`, 30 characters from the data and, usually, the right
//! checksum) and then maybe alter one byte. Checks: the status is OK or
//! MALFORMED, and OK exactly when the target's own reference (shape rules
//! and GitHub's checksum: a CRC-32 of the 30 random characters recomputed
//! with crc32fast, base62 `0-9A-Za-z`) says valid.
#![no_main]

use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use secrets::human::secrets_api_key_check;

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn base62_u32(mut v: u32) -> [u8; 6] {
    let mut out = [b'0'; 6];
    for c in out.iter_mut().rev() {
        *c = BASE62[(v % 62) as usize];
        v /= 62;
    }
    out
}

fn reference_valid(key: &[u8]) -> bool {
    if key.len() < 37 {
        return false;
    }
    let (head, body) = key.split_at(key.len() - 36);
    let Some((&b'_', prefix)) = head.split_last() else {
        return false;
    };
    let prefix_ok = (1..=32).contains(&prefix.len())
        && prefix
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'_');
    let body_ok = body.iter().all(|c| BASE62.contains(c));
    let (random, sum) = body.split_at(30);
    prefix_ok && body_ok && sum == base62_u32(crc32fast::hash(random))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mode: u8 = u.arbitrary().unwrap_or(0);
    let key = if mode & 1 == 0 {
        u.take_rest().to_vec()
    } else {
        let mut key = text_of(&take_c_string(&mut u, 40)).to_vec();
        key.push(b'_');
        let random_at = key.len();
        for _ in 0..30 {
            let c: u8 = u.arbitrary().unwrap_or(0);
            key.push(if mode & 2 == 0 {
                BASE62[c as usize % 62]
            } else {
                c
            });
        }
        let sum = base62_u32(crc32fast::hash(&key[random_at..]));
        key.extend_from_slice(&sum);
        if mode & 4 != 0 && !key.is_empty() {
            let at: usize = u.arbitrary::<u16>().unwrap_or(0) as usize % key.len();
            key[at] ^= u.arbitrary::<u8>().unwrap_or(1).max(1);
        }
        key
    };
    let key_c = c_string(&key);
    let key = text_of(&key_c);
    let status = unsafe { secrets_api_key_check(key_c.as_ptr().cast()) };
    let expected = if reference_valid(key) {
        SECRETS_OK
    } else {
        SECRETS_ERR_MALFORMED
    };
    assert_eq!(status, expected, "key {:?}", String::from_utf8_lossy(key));
});
