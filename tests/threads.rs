//! Many threads through the C boundary at once: every thread makes tokens,
//! passwords, passphrases, samples, MACs, CSRF tokens, OTP codes and API
//! keys, and checks each result. Natively this is a correctness test under
//! contention; `.ci/check-tsan.sh` runs it with the library and std
//! instrumented by ThreadSanitizer (nightly `-Zsanitizer=thread
//! -Zbuild-std`), which reports any data race in the process-wide state
//! (the resolved OS source, the vDSO state pool).

use core::ffi::c_char;
use secrets::auth::*;
use secrets::human::*;
use secrets::random::*;
use secrets::status::secrets_status::SECRETS_OK;
use std::collections::HashSet;

const THREADS: usize = 16;
const ROUNDS: usize = 40;
const NOW: u64 = 1_700_000_000;

fn one_thread(seed: u8) -> Vec<[u8; 16]> {
    let key = [seed; 32];
    let mut tokens = Vec::with_capacity(ROUNDS);
    let mut text = [0u8; 128];
    let out = text.as_mut_ptr().cast::<c_char>();
    for round in 0..ROUNDS {
        unsafe {
            let mut t = [0u8; 16];
            assert_eq!(secrets_token_bytes(t.as_mut_ptr(), 16), SECRETS_OK);
            tokens.push(t);
            // A bulk request too (the keyed-stream path).
            let mut big = [0u8; 600];
            assert_eq!(secrets_token_bytes(big.as_mut_ptr(), big.len()), SECRETS_OK);
            assert_eq!(secrets_token_hex(out, 65, 32), SECRETS_OK);
            let mut v = 0u64;
            assert_eq!(secrets_randbelow(&mut v, 1 + round as u64), SECRETS_OK);
            assert!(v <= round as u64);
            let mut picked = [0usize; 8];
            assert_eq!(secrets_sample(picked.as_mut_ptr(), 8, 50), SECRETS_OK);
            let mut items = [0u32, 1, 2, 3, 4, 5, 6, 7];
            assert_eq!(secrets_shuffle(items.as_mut_ptr().cast(), 8, 4), SECRETS_OK);
            assert_eq!(secrets_password(out, 21, 20, 0x4f), SECRETS_OK);
            assert_eq!(
                secrets_passphrase(out, 128, 5, core::ptr::null()),
                SECRETS_OK
            );
            assert_eq!(secrets_uuid4(out, 37), SECRETS_OK);
            assert_eq!(
                secrets_api_key_checksummed(out, 64, c"tst".as_ptr()),
                SECRETS_OK
            );
            assert_eq!(secrets_api_key_check(out), SECRETS_OK);
            let mut tag = [0u8; 32];
            let msg = [round as u8; 40];
            assert_eq!(
                secrets_hmac_sha256(
                    tag.as_mut_ptr(),
                    key.as_ptr().cast(),
                    32,
                    msg.as_ptr().cast(),
                    40
                ),
                SECRETS_OK
            );
            assert_eq!(
                secrets_hmac_sha256_verify(
                    tag.as_ptr().cast(),
                    32,
                    key.as_ptr().cast(),
                    32,
                    msg.as_ptr().cast(),
                    40
                ),
                SECRETS_OK
            );
            assert_eq!(
                secrets_csrf_token(out, 77, key.as_ptr().cast(), 32, c"s".as_ptr(), NOW),
                SECRETS_OK
            );
            assert_eq!(
                secrets_csrf_verify(out, key.as_ptr().cast(), 32, c"s".as_ptr(), NOW, 60),
                SECRETS_OK
            );
            let mut code = [0u8; 11];
            assert_eq!(
                secrets_totp(
                    code.as_mut_ptr().cast(),
                    11,
                    key.as_ptr().cast(),
                    20,
                    NOW,
                    30,
                    6,
                    1
                ),
                SECRETS_OK
            );
            assert_eq!(
                secrets_totp_verify(
                    core::ptr::null_mut(),
                    code.as_ptr().cast(),
                    key.as_ptr().cast(),
                    20,
                    NOW,
                    30,
                    6,
                    1,
                    1
                ),
                SECRETS_OK
            );
        }
    }
    tokens
}

#[test]
fn many_threads_at_once_get_correct_and_distinct_results() {
    let handles: Vec<_> = (0..THREADS as u8)
        .map(|i| std::thread::spawn(move || one_thread(i)))
        .collect();
    let mut seen = HashSet::new();
    for h in handles {
        for t in h.join().expect("a thread panicked") {
            assert!(seen.insert(t), "two threads got the same token");
        }
    }
    assert_eq!(seen.len(), THREADS * ROUNDS);
}
