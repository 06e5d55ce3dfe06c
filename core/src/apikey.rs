//! API keys: a readable prefix and random text, optionally with a checksum
//! that lets secret scanners (and servers, before any database look-up)
//! tell a real key from a typo or a random string.
//!
//! * Plain: `<prefix>_<2n hex>` (bare hex without a prefix).
//! * Checksummed, GitHub's token scheme: `<prefix>_` + 30 random base62
//!   characters (`0-9A-Za-z`) + 6 base62 digits of the CRC-32 (zlib's, IEEE
//!   polynomial) of those 30 characters only, most significant digit
//!   first, zero-padded. Real GitHub tokens check, and the keys made here
//!   pass GitHub-format verifiers (secret scanners). 30 base62 characters
//!   carry 178.6 bits.
//!
//! The CRC is computed bit by bit with masks, without the usual 1 KiB
//! (or 16 KiB) table: a table indexed by secret characters leaks them
//! through the cache, on every CPU and on firmware alike.

use crate::alphabet::Alphabet;
use crate::ct::digest_eq;
use crate::encode::{base62, hex};
use crate::error::{Error, Result, text_area};
use crate::rng::{EntropySource, with_stream};
use crate::token;
use zeroize::Zeroize;

/// Longest prefix, in bytes.
pub const MAX_PREFIX: usize = 32;
/// Random characters of a checksummed key.
pub(crate) const RANDOM_CHARS: usize = 30;
/// Characters after the prefix's `_`: random part and checksum.
const BODY_CHARS: usize = RANDOM_CHARS + base62::U32_DIGITS;
/// Joins prefix and body.
const SEPARATOR: u8 = b'_';
/// The reflected CRC-32 polynomial of zlib, PNG and Ethernet.
const CRC32_POLY: u32 = 0xedb8_8320;

/// CRC-32 as zlib's `crc32()`, bit by bit: no table, no branch, so neither
/// the time nor the memory touched depends on `data`.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = (crc >> 1) ^ (CRC32_POLY & 0u32.wrapping_sub(crc & 1));
        }
    }
    !crc
}

/// A prefix is at most 32 bytes of `[A-Za-z0-9_]` (empty allowed here).
fn check_prefix(prefix: &[u8]) -> Result<()> {
    let valid = |c: &u8| c.is_ascii_alphanumeric() || *c == SEPARATOR;
    if prefix.len() > MAX_PREFIX || !prefix.iter().all(valid) {
        return Err(Error::InvalidArgument);
    }
    Ok(())
}

/// Length of the prefix and its `_` (0 without a prefix).
fn head_len(prefix: &[u8]) -> usize {
    if prefix.is_empty() {
        0
    } else {
        prefix.len() + 1
    }
}

/// Writes `prefix` and `_` at the start of `text` (nothing for no prefix).
fn write_head(text: &mut [u8], prefix: &[u8]) {
    if let Some((sep, start)) = text
        .get_mut(..head_len(prefix))
        .and_then(|h| h.split_last_mut())
    {
        start.copy_from_slice(prefix);
        *sep = SEPARATOR;
    }
}

/// Length of a plain key: `InvalidArgument` for a bad prefix, `nbytes` 0
/// (a key needs randomness) or an overflow.
pub fn plain_len(prefix: &[u8], nbytes: usize) -> Result<usize> {
    check_prefix(prefix)?;
    if nbytes == 0 {
        return Err(Error::InvalidArgument);
    }
    hex::encoded_len(nbytes)?
        .checked_add(head_len(prefix))
        .ok_or(Error::InvalidArgument)
}

/// Writes `<prefix>_<hex of nbytes random bytes>` (bare hex for an empty
/// prefix); returns its length.
pub fn plain<S: EntropySource>(
    source: &mut S,
    out: &mut [u8],
    prefix: &[u8],
    nbytes: usize,
) -> Result<usize> {
    let len = plain_len(prefix, nbytes)?;
    write_head(text_area(out, len)?, prefix);
    let head = head_len(prefix);
    Ok(head + token::hex(source, &mut out[head..], nbytes)?)
}

/// Length of a checksummed key: the prefix is required (empty or bad is
/// `InvalidArgument`).
pub fn checksummed_len(prefix: &[u8]) -> Result<usize> {
    check_prefix(prefix)?;
    if prefix.is_empty() {
        return Err(Error::InvalidArgument);
    }
    Ok(head_len(prefix) + BODY_CHARS)
}

/// Writes `<prefix>_` + 30 uniform base62 characters + their 6-character
/// checksum; returns its length.
///
/// ```
/// use secrets_core::apikey;
/// # use secrets_core::testing::TestSource;
/// let mut out = [0u8; 40];
/// let len = apikey::checksummed(&mut TestSource::default(), &mut out, b"ghp")?;
/// assert_eq!(apikey::check(&out[..len]), Ok(()));
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn checksummed<S: EntropySource>(
    source: &mut S,
    out: &mut [u8],
    prefix: &[u8],
) -> Result<usize> {
    let len = checksummed_len(prefix)?;
    let text = text_area(out, len)?;
    write_head(text, prefix);
    let (random, checksum) = text[head_len(prefix)..].split_at_mut(RANDOM_CHARS);
    // Performance: the alphabet is built at compile time.
    const BASE62: Alphabet = Alphabet::constant(base62::ALPHABET);
    with_stream(source, BASE62.plan(RANDOM_CHARS), |s| {
        BASE62.fill(s, random)
    })?;
    checksum.copy_from_slice(&base62::encode_u32(crc32(random)));
    Ok(len)
}

/// `Ok` when `key` has the checksummed shape (a valid 1..=32-byte prefix,
/// `_`, 36 base62 characters) and its checksum matches; else `Malformed`.
/// The checksum is computed and compared in constant time.
pub fn check(key: &[u8]) -> Result<()> {
    let body_at = key.len().checked_sub(BODY_CHARS).ok_or(Error::Malformed)?;
    let (head, body) = key.split_at(body_at);
    let prefix = match head.split_last() {
        Some((&SEPARATOR, prefix)) if !prefix.is_empty() => prefix,
        _ => return Err(Error::Malformed),
    };
    check_prefix(prefix).map_err(|_| Error::Malformed)?;
    // Fold the character test so that the time does not depend on where a
    // bad character is.
    let all_base62 = body.iter().fold(true, |ok, &c| ok & base62::is_char(c));
    let (random, checksum) = body.split_at(RANDOM_CHARS);
    let mut expected = base62::encode_u32(crc32(random));
    let matches = digest_eq(&expected, checksum);
    expected.zeroize();
    if all_base62 && matches {
        Ok(())
    } else {
        Err(Error::Malformed)
    }
}

/// As [`check`], and then the key's prefix must be `prefix` (the part
/// before the last `_`, e.g. `ghp`): `Mismatch` for a well-formed key with
/// another prefix. `InvalidArgument` when `prefix` itself is not a valid
/// prefix (empty, over 32 bytes, or outside `[A-Za-z0-9_]`).
pub fn check_with_prefix(key: &[u8], prefix: &[u8]) -> Result<()> {
    checksummed_len(prefix)?;
    check(key)?;
    // The prefix is public (it names the key's kind): a plain comparison.
    if key.len() == checksummed_len(prefix)? && key.starts_with(prefix) {
        Ok(())
    } else {
        Err(Error::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::testing::OsEntropy;
    use crate::rng::testing::*;
    use crate::uniform::tests::{chi_square, chi_square_limit};

    fn key(prefix: &[u8]) -> Vec<u8> {
        let mut out = [0u8; 80];
        let len = checksummed(&mut OsEntropy, &mut out, prefix).unwrap();
        out[..len].to_vec()
    }

    #[test]
    fn crc32_is_zlibs() {
        // The CRC-32/ISO-HDLC check value: zlib.crc32(b"123456789").
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
        // zlib.crc32(b"A" * 30) and zlib.crc32(bytes(range(256))).
        assert_eq!(crc32(&[b'A'; 30]), 0x317f_6a1b);
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(crc32(&all), 0x2905_8c73);
    }

    /// Tokens in GitHub's format from the test suite of Datadog's
    /// sensitive data scanner (github.com/DataDog/dd-sensitive-data-scanner,
    /// sds/src/secondary_validation/github_token_checksum.rs), which
    /// validates GitHub tokens by this checksum.
    const GITHUB_FORMAT: [&[u8]; 6] = [
        b"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",
        b"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",
        b"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",
        b"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",
        b"nawak_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",
        // Its checksum has a leading zero digit ("0Zu4ln").
        b"b62_QdwULL38u41vs1OcAjhKqcaSZ9W63r0Zu4ln",
    ];

    #[test]
    fn github_format_tokens_check() {
        for token in GITHUB_FORMAT {
            assert_eq!(check(token), Ok(()), "{token:?}");
        }
        // The same suite's invalid ones: last checksum digit changed, no
        // separator, a non-base62 character.
        for bad in [
            &b"ghp_M7H4jxUDDWHP4kZ6A4dxlQYsQIWJuq11T4V3"[..],
            b"ghpM7H4jxUDDWHP4kZ6A4dxlQYsQIWJuq11T4V4",
            b"ghp_M7H4jxUDDWHP4kZ6A4dxlQYsQIWJuq11T4V/",
        ] {
            assert_eq!(check(bad), Err(Error::Malformed));
        }
        // Independently: the last 6 characters decode, positionally, to the
        // CRC-32 of the 30 before them (as Python's zlib.crc32 computes it).
        let token = GITHUB_FORMAT[0];
        let decoded = token[34..].iter().fold(0u64, |acc, c| {
            acc * 62 + base62::ALPHABET.iter().position(|a| a == c).unwrap() as u64
        });
        assert_eq!(decoded, crc32(&token[4..34]) as u64);
    }

    #[test]
    fn prefixes_are_checked_on_request() {
        let token = GITHUB_FORMAT[3];
        assert_eq!(check_with_prefix(token, b"ghp"), Ok(()));
        assert_eq!(check_with_prefix(token, b"gho"), Err(Error::Mismatch));
        assert_eq!(check_with_prefix(token, b"gh"), Err(Error::Mismatch));
        assert_eq!(check_with_prefix(token, b"hp"), Err(Error::Mismatch));
        let long = GITHUB_FORMAT[4];
        assert_eq!(check_with_prefix(long, b"nawak_ghp"), Ok(()));
        assert_eq!(check_with_prefix(long, b"ghp"), Err(Error::Mismatch));
        assert_eq!(check_with_prefix(long, b"nawak"), Err(Error::Mismatch));
        // A malformed key is malformed whatever the prefix.
        assert_eq!(
            check_with_prefix(b"ghp_M7H4jxUDDWHP4kZ6A4dxlQYsQIWJuq11T4V3", b"ghp"),
            Err(Error::Malformed)
        );
        for prefix in [&b""[..], b"a-b", &[b'a'; 33]] {
            assert_eq!(
                check_with_prefix(token, prefix),
                Err(Error::InvalidArgument)
            );
        }
    }

    #[test]
    fn keys_from_0_1_no_longer_check() {
        // 0.1 signed the prefix and `_` too: "ghp_" + "A" * 30 + base62 of
        // zlib.crc32(b"ghp_" + b"A" * 30) = "1yBYBE".
        assert_eq!(
            check(b"ghp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1yBYBE"),
            Err(Error::Malformed)
        );
        // The 0.2 checksum of the same random part (base62 of 0x317f6a1b).
        assert_eq!(check(b"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"), Ok(()));
    }

    #[test]
    fn plain_keys() {
        let mut out = [0u8; 80];
        assert_eq!(plain(&mut OsEntropy, &mut out, b"sk_live", 16), Ok(40));
        assert!(out.starts_with(b"sk_live_"));
        assert!(
            out[8..40]
                .iter()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(out[40], 0);
        assert_eq!(plain(&mut OsEntropy, &mut out, b"", 16), Ok(32));
        assert!(out[..32].iter().all(u8::is_ascii_hexdigit));
        assert_eq!(plain_len(b"", 0), Err(Error::InvalidArgument));
        assert_eq!(plain_len(b"a-b", 4), Err(Error::InvalidArgument));
        assert_eq!(plain_len(&[b'a'; 33], 4), Err(Error::InvalidArgument));
        assert_eq!(plain_len(&[b'a'; 32], 4), Ok(41));
        assert_eq!(plain_len(b"x", usize::MAX), Err(Error::InvalidArgument));
        assert_eq!(plain_len(b"x", usize::MAX / 2), Err(Error::InvalidArgument));
        assert_eq!(
            plain(&mut OsEntropy, &mut out[..39], b"sk_live", 16),
            Err(Error::BufferTooSmall)
        );
        assert_eq!(
            plain(&mut Failing, &mut out, b"sk", 16),
            Err(Error::Entropy)
        );
    }

    #[test]
    fn generated_keys_check_and_mutations_do_not() {
        for prefix in [&b"ghp"[..], b"a", b"my_app_", &[b'Z'; 32]] {
            for _ in 0..50 {
                let k = key(prefix);
                assert_eq!(k.len(), prefix.len() + 37);
                assert_eq!(check(&k), Ok(()));
                assert_eq!(check_with_prefix(&k, prefix), Ok(()));
                for i in 0..k.len() {
                    for replacement in [b'0', b'a', b'Z', b'_', b'-', 0x80] {
                        let mut bad = k.clone();
                        if bad[i] == replacement {
                            continue;
                        }
                        bad[i] = replacement;
                        let in_prefix = i < prefix.len();
                        if in_prefix && replacement != b'-' && replacement != 0x80 {
                            // GitHub's checksum does not cover the prefix:
                            // another valid prefix is another kind of key.
                            assert_eq!(check(&bad), Ok(()), "{i}");
                            assert_eq!(check_with_prefix(&bad, prefix), Err(Error::Mismatch));
                        } else {
                            assert_eq!(check(&bad), Err(Error::Malformed), "{i}");
                        }
                    }
                }
                for cut in 0..k.len() {
                    assert_eq!(check(&k[..cut]), Err(Error::Malformed));
                }
                let mut longer = k.clone();
                longer.push(b'0');
                assert_eq!(check(&longer), Err(Error::Malformed));
            }
        }
    }

    #[test]
    fn random_strings_are_rejected() {
        let mut out = [0u8; 41];
        let mut accepted = 0;
        for _ in 0..20_000 {
            Alphabet::new(base62::ALPHABET)
                .unwrap()
                .generate(&mut OsEntropy, &mut out[4..], 36)
                .unwrap();
            out[..4].copy_from_slice(b"ghp_");
            accepted += usize::from(check(&out[..40]).is_ok());
        }
        assert_eq!(accepted, 0);
    }

    #[test]
    fn bad_prefixes() {
        let mut out = [0u8; 80];
        for prefix in [&b""[..], b"a-b", b"\xc3\xa9", &[b'a'; 33]] {
            assert_eq!(
                checksummed(&mut OsEntropy, &mut out, prefix),
                Err(Error::InvalidArgument)
            );
        }
        assert_eq!(checksummed_len(b"ghp"), Ok(40));
        assert_eq!(
            checksummed(&mut OsEntropy, &mut out[..39], b"ghp"),
            Err(Error::BufferTooSmall)
        );
        assert_eq!(
            checksummed(&mut Failing, &mut out, b"ghp"),
            Err(Error::Entropy)
        );
        assert_eq!(check(b""), Err(Error::Malformed));
        assert_eq!(check(&[b'0'; 37]), Err(Error::Malformed));
    }

    #[test]
    fn random_part_is_uniform_and_asks_once() {
        let mut counts = [[0u64; 62]; RANDOM_CHARS];
        let mut src = CountingOs::default();
        let mut out = [0u8; 41];
        for _ in 0..3100 {
            checksummed(&mut src, &mut out, b"ghp").unwrap();
            for (pos, c) in out[4..34].iter().enumerate() {
                counts[pos][base62::ALPHABET.iter().position(|a| a == c).unwrap()] += 1;
            }
        }
        assert_eq!(src.requests, 3100);
        for row in &counts {
            assert!(chi_square(row) < chi_square_limit(61), "{row:?}");
        }
    }
}
