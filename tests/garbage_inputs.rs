//! Random and mutated inputs through the C entry points of every parser and
//! verifier: each call must return one of its documented statuses, zero its
//! outputs on failure, and never crash or accept a forgery. (A cheap,
//! always-on cousin of fuzzing; the inputs come from the OS random source.)

use secrets::auth::{
    secrets_base32_decode, secrets_csrf_token, secrets_csrf_verify, secrets_totp_verify,
};
use secrets::human::{
    secrets_api_key_check, secrets_api_key_check_prefix, secrets_api_key_checksummed,
};
use secrets::random::{secrets_randbelow, secrets_token_bytes};
use secrets::status::secrets_status::{self, *};
use std::ffi::CString;

const ROUNDS: usize = 20_000;

fn random_bytes(n: usize) -> Vec<u8> {
    let mut v = vec![0u8; n];
    assert_eq!(
        unsafe { secrets_token_bytes(v.as_mut_ptr(), n) },
        SECRETS_OK
    );
    v
}

fn below(n: u64) -> u64 {
    let mut v = 0;
    assert_eq!(unsafe { secrets_randbelow(&mut v, n) }, SECRETS_OK);
    v
}

/// A NUL-free string: a mutation of `seed` (change, insert, delete or
/// truncate) or, one time in four, fresh bytes from a hostile alphabet.
fn garbage(seed: &[u8]) -> CString {
    const HOSTILE: &[u8] = b"AZaz09-_=+/ :%\t\xff\x80QRSTUVWXYZ234567abc";
    let mut s = if below(4) == 0 {
        let len = below(100) as usize;
        random_bytes(len)
            .iter()
            .map(|b| HOSTILE[*b as usize % HOSTILE.len()])
            .collect()
    } else {
        seed.to_vec()
    };
    for _ in 0..=below(3) {
        let at = below(s.len() as u64 + 1) as usize;
        let byte = random_bytes(1)[0].max(1);
        match below(4) {
            0 if at < s.len() => s[at] = byte,
            1 => s.insert(at, byte),
            2 if at < s.len() => {
                s.remove(at);
            }
            _ => s.truncate(at),
        }
    }
    CString::new(s).unwrap()
}

#[test]
fn base32_decode_survives_garbage() {
    let seed = b"JBSWY3DPEHPK3PXP-jbsw y3dp====";
    for _ in 0..ROUNDS {
        let input = garbage(seed);
        let mut out = [0xa5u8; 32];
        let mut len = 99usize;
        let status =
            unsafe { secrets_base32_decode(out.as_mut_ptr(), out.len(), &mut len, input.as_ptr()) };
        match status {
            SECRETS_OK => assert!(len <= out.len() && out[len..].iter().all(|&b| b == 0xa5)),
            SECRETS_ERR_MALFORMED | SECRETS_ERR_BUFFER_TOO_SMALL => {
                assert_eq!((len, out), (0, [0; 32]), "{input:?}");
            }
            other => panic!("{other:?} for {input:?}"),
        }
    }
}

#[test]
fn csrf_verify_never_accepts_an_altered_token() {
    let key = random_bytes(32);
    let mut token = [0u8; 77];
    let issued = unsafe {
        secrets_csrf_token(
            token.as_mut_ptr().cast(),
            token.len(),
            key.as_ptr().cast(),
            key.len(),
            c"s".as_ptr(),
            1000,
        )
    };
    assert_eq!(issued, SECRETS_OK);
    let original = &token[..76];
    for _ in 0..ROUNDS {
        let input = garbage(original);
        let status = unsafe {
            secrets_csrf_verify(
                input.as_ptr(),
                key.as_ptr().cast(),
                key.len(),
                c"s".as_ptr(),
                1000,
                60,
            )
        };
        let expected: &[secrets_status] = if input.as_bytes() == original {
            &[SECRETS_OK]
        } else {
            &[SECRETS_ERR_MISMATCH, SECRETS_ERR_MALFORMED]
        };
        assert!(expected.contains(&status), "{status:?} for {input:?}");
    }
}

#[test]
fn api_key_check_rejects_mutations() {
    let mut key = [0u8; 64];
    let made =
        unsafe { secrets_api_key_checksummed(key.as_mut_ptr().cast(), key.len(), c"app".as_ptr()) };
    assert_eq!(made, SECRETS_OK);
    let len = key.iter().position(|&b| b == 0).unwrap();
    let original = &key[..len];
    let body = &original[original.len() - 36..];
    let mut accepted_mutations = 0;
    for _ in 0..ROUNDS {
        let input = garbage(original);
        let bytes = input.as_bytes();
        let status = unsafe { secrets_api_key_check(input.as_ptr()) };
        let with_prefix = unsafe { secrets_api_key_check_prefix(input.as_ptr(), c"app".as_ptr()) };
        match status {
            SECRETS_OK if bytes != original => {
                // GitHub's checksum covers the random part only: a key
                // whose prefix changed is another kind of key, never ours.
                if !bytes.ends_with(body) {
                    accepted_mutations += 1;
                }
                assert_eq!(with_prefix, SECRETS_ERR_MISMATCH, "{input:?}");
            }
            SECRETS_OK => assert_eq!(with_prefix, SECRETS_OK),
            SECRETS_ERR_MALFORMED => assert_eq!(with_prefix, SECRETS_ERR_MALFORMED),
            other => panic!("{other:?} for {input:?}"),
        }
    }
    // A 32-bit checksum lets a random string through about once in 4 billion.
    assert_eq!(accepted_mutations, 0);
}

#[test]
fn totp_verify_survives_garbage_codes() {
    let key = random_bytes(20);
    for _ in 0..ROUNDS {
        let code = garbage(b"123456");
        let mut matched = 7u64;
        let status = unsafe {
            secrets_totp_verify(
                &mut matched,
                code.as_ptr(),
                key.as_ptr().cast(),
                key.len(),
                1_700_000_000,
                30,
                6,
                1,
                1,
            )
        };
        match status {
            SECRETS_OK => assert!(code.as_bytes().len() == 6),
            SECRETS_ERR_MISMATCH | SECRETS_ERR_MALFORMED => assert_eq!(matched, 0),
            other => panic!("{other:?} for {code:?}"),
        }
    }
}
