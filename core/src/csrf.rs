//! Stateless CSRF tokens: signed, time-limited, optionally bound to a
//! session, with nothing stored on the server.
//!
//! A token is 57 bytes written as 76 characters of unpadded base64url (safe
//! in URLs, form fields and headers; 57 is a multiple of 3, so every
//! character carries six bits and no two texts decode to the same bytes):
//!
//! ```text
//! offset  size  field
//!      0     1  version, 1
//!      1     8  issue time, Unix seconds, big-endian
//!      9    16  nonce: 128 random bits (one OS request per token)
//!     25    32  tag = HMAC-SHA256(key, "libsecrets-csrf" || bytes 0..25 || binding)
//! ```
//!
//! `binding` is the single byte 0 for an unbound token, or the byte 1, the
//! session id's length as 8 big-endian bytes and the session id's bytes for
//! a bound one; so an unbound token differs from one bound to the empty
//! string, and no two sessions share a binding. The label separates domains:
//! if the same key also signs messages with `secrets_hmac_sha256`, such a
//! tag can pass as a CSRF tag only for a message that begins with
//! "libsecrets-csrf".
//!
//! Verification authenticates before it looks at the time, so a tampered
//! token is a mismatch, never "expired".

use crate::ct::digest_eq;
use crate::encode::base64url;
use crate::error::{Error, Result, text_area};
use crate::mac::{self, SHA256_BYTES};
use crate::rng::EntropySource;

/// Characters in a token.
pub const TOKEN_LEN: usize = 76;
/// Shortest key accepted: 128 bits.
pub const MIN_KEY_BYTES: usize = 16;
/// How far in the future (seconds) an issue time may lie, for clocks that
/// differ between servers.
pub const MAX_FUTURE_SKEW: u64 = 60;

const VERSION: u8 = 1;
const LABEL: &[u8] = b"libsecrets-csrf";
const NONCE_BYTES: usize = 16;
/// Bytes before the tag: version, time, nonce.
const SIGNED_BYTES: usize = 1 + 8 + NONCE_BYTES;
const TOKEN_BYTES: usize = SIGNED_BYTES + SHA256_BYTES;

fn check_key(key: &[u8]) -> Result<()> {
    if key.len() < MIN_KEY_BYTES {
        return Err(Error::InvalidArgument);
    }
    Ok(())
}

/// The tag of a token whose first `SIGNED_BYTES` bytes are `signed`.
fn tag(key: &[u8], signed: &[u8], session: Option<&[u8]>) -> Result<mac::Tag> {
    match session {
        None => mac::sha256_parts(key, &[LABEL, signed, &[0]]),
        Some(id) => {
            let len = (id.len() as u64).to_be_bytes();
            mac::sha256_parts(key, &[LABEL, signed, &[1], &len, id])
        }
    }
}

/// Writes a new token (76 characters) at the start of `out`; returns 76. `InvalidArgument` for a key shorter
/// than 16 bytes, `BufferTooSmall`, `Entropy`.
///
/// ```
/// use secrets_core::csrf;
/// # use secrets_core::testing::TestSource;
/// let key = [7u8; 32];
/// let mut token = [0u8; csrf::TOKEN_LEN];
/// csrf::issue(&mut TestSource::default(), &mut token, &key, Some(b"session"), 1_000)?;
/// assert_eq!(csrf::verify(&token, &key, Some(b"session"), 1_060, 3600), Ok(()));
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn issue<S: EntropySource>(
    source: &mut S,
    out: &mut [u8],
    key: &[u8],
    session: Option<&[u8]>,
    now_unix: u64,
) -> Result<usize> {
    check_key(key)?;
    let text = text_area(out, TOKEN_LEN)?;
    // Build the bytes at the tail of the text and encode them in place.
    let (_, raw) = text.split_at_mut(TOKEN_LEN - TOKEN_BYTES);
    let (signed, tag_out) = raw.split_at_mut(SIGNED_BYTES);
    signed[0] = VERSION;
    signed[1..9].copy_from_slice(&now_unix.to_be_bytes());
    source.fill(&mut signed[9..])?;
    tag_out.copy_from_slice(&tag(key, signed, session)?[..]);
    base64url::encode_in_place(text, TOKEN_BYTES);
    Ok(TOKEN_LEN)
}

/// Checks a token at time `now_unix`.
///
/// * `InvalidArgument`: a key shorter than 16 bytes.
/// * `Malformed`: not 76 base64url characters.
/// * `Mismatch`: not made with this key and this session binding, or altered.
/// * `Expired`: authentic, but issued more than `max_age_secs` before
///   `now_unix` (exactly `max_age_secs` is still valid), or more than
///   [`MAX_FUTURE_SKEW`] seconds after it.
pub fn verify(
    token: &[u8],
    key: &[u8],
    session: Option<&[u8]>,
    now_unix: u64,
    max_age_secs: u64,
) -> Result<()> {
    check_key(key)?;
    if token.len() != TOKEN_LEN {
        return Err(Error::Malformed);
    }
    let mut raw = [0u8; TOKEN_BYTES];
    base64url::decode(token, &mut raw)?;
    let (signed, received) = raw.split_at(SIGNED_BYTES);
    let expected = tag(key, signed, session)?;
    // The tag covers the version byte, so an unknown version only passes
    // the comparison with a tag it could not have.
    if !digest_eq(received, &expected[..]) || signed[0] != VERSION {
        return Err(Error::Mismatch);
    }
    let mut time = [0u8; 8];
    time.copy_from_slice(&signed[1..9]);
    let issued = u64::from_be_bytes(time);
    if issued > now_unix.saturating_add(MAX_FUTURE_SKEW)
        || now_unix.saturating_sub(issued) > max_age_secs
    {
        return Err(Error::Expired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::testing::OsEntropy;
    use crate::rng::testing::{CountingOs, Failing, Scripted};

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
    const NOW: u64 = 1_700_000_000;

    fn token(session: Option<&[u8]>, now: u64) -> [u8; TOKEN_LEN] {
        let mut out = [0u8; TOKEN_LEN + 1];
        assert_eq!(
            issue(&mut OsEntropy, &mut out, KEY, session, now),
            Ok(TOKEN_LEN)
        );
        assert_eq!(out[TOKEN_LEN], 0);
        out[..TOKEN_LEN].try_into().unwrap()
    }

    #[test]
    fn round_trip_bound_and_unbound() {
        let bound = token(Some(b"session-1"), NOW);
        assert_eq!(verify(&bound, KEY, Some(b"session-1"), NOW, 3600), Ok(()));
        let unbound = token(None, NOW);
        assert_eq!(verify(&unbound, KEY, None, NOW, 3600), Ok(()));
        assert!(
            bound
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
        );
    }

    #[test]
    fn layout_is_as_documented() {
        let mut src = Scripted(&[0xab], 0);
        let mut out = [0u8; TOKEN_LEN + 1];
        issue(&mut src, &mut out, KEY, Some(b"s"), 0x0102030405060708).unwrap();
        let mut raw = [0u8; TOKEN_BYTES];
        assert_eq!(
            base64url::decode(&out[..TOKEN_LEN], &mut raw),
            Ok(TOKEN_BYTES)
        );
        assert_eq!(raw[0], 1);
        assert_eq!(&raw[1..9], &[1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(&raw[9..25], &[0xab; 16]);
        let mut msg = b"libsecrets-csrf".to_vec();
        msg.extend_from_slice(&raw[..25]);
        msg.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 0, 1, b's']);
        assert_eq!(&raw[25..], &mac::sha256(KEY, &msg).unwrap()[..]);
    }

    #[test]
    fn wrong_key_or_session_is_a_mismatch() {
        let t = token(Some(b"alice"), NOW);
        let other_key = b"0123456789abcdef0123456789abcdeF";
        assert_eq!(
            verify(&t, other_key, Some(b"alice"), NOW, 60),
            Err(Error::Mismatch)
        );
        assert_eq!(verify(&t, KEY, Some(b"bob"), NOW, 60), Err(Error::Mismatch));
        assert_eq!(
            verify(&t, KEY, Some(b"alic"), NOW, 60),
            Err(Error::Mismatch)
        );
        assert_eq!(verify(&t, KEY, None, NOW, 60), Err(Error::Mismatch));
        // Unbound and bound-to-empty are different bindings.
        let unbound = token(None, NOW);
        assert_eq!(
            verify(&unbound, KEY, Some(b""), NOW, 60),
            Err(Error::Mismatch)
        );
        let empty = token(Some(b""), NOW);
        assert_eq!(verify(&empty, KEY, None, NOW, 60), Err(Error::Mismatch));
        assert_eq!(verify(&empty, KEY, Some(b""), NOW, 60), Ok(()));
    }

    #[test]
    fn every_single_character_alteration_is_rejected() {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let t = token(Some(b"sess"), NOW);
        for i in 0..TOKEN_LEN {
            for c in 0..=255u8 {
                if c == t[i] {
                    continue;
                }
                let mut bad = t;
                bad[i] = c;
                let expected = if ALPHABET.contains(&c) {
                    Error::Mismatch
                } else {
                    Error::Malformed
                };
                assert_eq!(verify(&bad, KEY, Some(b"sess"), NOW, 60), Err(expected));
            }
        }
    }

    #[test]
    fn expiry_boundary_is_exact() {
        let t = token(None, NOW);
        assert_eq!(verify(&t, KEY, None, NOW + 600, 600), Ok(()));
        assert_eq!(verify(&t, KEY, None, NOW + 601, 600), Err(Error::Expired));
        assert_eq!(verify(&t, KEY, None, NOW, 0), Ok(()));
        assert_eq!(verify(&t, KEY, None, NOW + 1, 0), Err(Error::Expired));
        assert_eq!(verify(&t, KEY, None, u64::MAX, u64::MAX), Ok(()));
    }

    #[test]
    fn future_tokens_within_the_skew_only() {
        let t = token(None, NOW + MAX_FUTURE_SKEW);
        assert_eq!(verify(&t, KEY, None, NOW, 10), Ok(()));
        let t = token(None, NOW + MAX_FUTURE_SKEW + 1);
        assert_eq!(verify(&t, KEY, None, NOW, 10), Err(Error::Expired));
        let t = token(None, u64::MAX);
        assert_eq!(verify(&t, KEY, None, u64::MAX - 60, 0), Ok(()));
        assert_eq!(verify(&t, KEY, None, 0, u64::MAX), Err(Error::Expired));
    }

    #[test]
    fn malformed_and_bad_arguments() {
        let t = token(None, NOW);
        assert_eq!(verify(&t[..75], KEY, None, NOW, 60), Err(Error::Malformed));
        let mut long = [b'A'; 77];
        long[..76].copy_from_slice(&t);
        assert_eq!(verify(&long, KEY, None, NOW, 60), Err(Error::Malformed));
        assert_eq!(verify(b"", KEY, None, NOW, 60), Err(Error::Malformed));
        assert_eq!(
            verify(&t, &KEY[..15], None, NOW, 60),
            Err(Error::InvalidArgument)
        );
        let mut out = [0u8; TOKEN_LEN + 1];
        assert_eq!(
            issue(&mut OsEntropy, &mut out, &KEY[..15], None, NOW),
            Err(Error::InvalidArgument)
        );
        assert_eq!(
            issue(&mut OsEntropy, &mut out[..TOKEN_LEN - 1], KEY, None, NOW),
            Err(Error::BufferTooSmall)
        );
        assert_eq!(
            issue(&mut Failing, &mut out, KEY, None, NOW),
            Err(Error::Entropy)
        );
    }

    #[test]
    fn one_request_per_token_and_fresh_nonces() {
        let mut src = CountingOs::default();
        let mut a = [0u8; TOKEN_LEN + 1];
        let mut b = [0u8; TOKEN_LEN + 1];
        issue(&mut src, &mut a, KEY, None, NOW).unwrap();
        issue(&mut src, &mut b, KEY, None, NOW).unwrap();
        assert_eq!((src.requests, src.bytes), (2, 2 * NONCE_BYTES));
        assert_ne!(a, b);
    }
}
