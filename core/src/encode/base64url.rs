//! Base64url without padding (RFC 4648 §5), constant time, as Python's
//! `base64.urlsafe_b64encode(...).rstrip(b"=")`.
//!
//! ```
//! use secrets_core::encode::base64url;
//! let mut text = [0u8; 11];
//! let len = base64url::encode(b"\x00\x10\x83\x10\x51\x87\x20\x92", &mut text)?;
//! assert_eq!(&text[..len], b"ABCDEFGHIJI");
//! let mut bytes = [0u8; 8];
//! assert_eq!(base64url::decode(&text[..len], &mut bytes), Ok(8));
//! # Ok::<(), secrets_core::Error>(())
//! ```

use crate::ct::{LANES, mask_eq_u32, mask_lt};
use crate::error::{Error, Result, object_size};

/// Characters for `n` bytes, `ceil(4n / 3)`, or `InvalidArgument` when that
/// is no possible size.
///
/// ```
/// use secrets_core::encode::base64url::encoded_len;
/// assert_eq!(encoded_len(32), Ok(43));
/// assert!(encoded_len(usize::MAX).is_err());
/// ```
pub fn encoded_len(n: usize) -> Result<usize> {
    let tail = [0, 2, 3][n % 3];
    object_size(
        (n / 3)
            .checked_mul(4)
            .and_then(|full| full.checked_add(tail)),
    )
}

/// The base64url character of a 6-bit value, without a branch or table.
#[inline(always)]
fn char_of(x: u32) -> u8 {
    let upper = mask_lt(x, 26) & (x + b'A' as u32);
    let lower = !mask_lt(x, 26) & mask_lt(x, 52) & (x + b'a' as u32 - 26);
    let digit = !mask_lt(x, 52) & mask_lt(x, 62) & (x.wrapping_add(b'0' as u32).wrapping_sub(52));
    let dash = mask_eq_u32(x, 62) & b'-' as u32;
    let underscore = mask_eq_u32(x, 63) & b'_' as u32;
    (upper | lower | digit | dash | underscore) as u8
}

/// Encodes the `n` bytes held at the tail of `buf` over the whole of `buf`,
/// whose length must be `encoded_len(n)` (so that a token's random bytes
/// can be drawn straight into its text buffer, with no other copy).
pub(crate) fn encode_in_place(buf: &mut [u8], n: usize) {
    let start = buf.len() - n;
    // Performance: six bytes to eight characters at a time in the eight
    // one-byte lanes of a word (SWAR), about a fifth of the instructions of
    // the per-character version. Block b reads start + 6b .. start + 6b + 6
    // before writing 8b .. 8b + 8; with n = 3q + r, start >= q >= 2b + 2 for
    // every full block, so 8b + 8 <= start + 6b + 6: nothing unread is lost.
    let blocks = n / 6;
    for block in 0..blocks {
        let at = start + 6 * block;
        let mut word = [0u8; 8];
        word[2..].copy_from_slice(&buf[at..at + 6]);
        let chars = chars8(u64::from_be_bytes(word));
        buf[8 * block..8 * block + 8].copy_from_slice(&chars.to_le_bytes());
    }
    for group in 2 * blocks..n.div_ceil(3) {
        // Group g is read from start + 3g before writing 4g..4g+4, and
        // 4g + 4 <= start + 3(g + 1) for every group but a final partial one.
        let at = start + 3 * group;
        let take = (n - 3 * group).min(3);
        let mut word = 0u32;
        for k in 0..take {
            word |= (buf[at + k] as u32) << (16 - 8 * k);
        }
        for k in 0..=take {
            buf[4 * group + k] = char_of((word >> (18 - 6 * k)) & 0x3f);
        }
    }
}

/// The eight base64url characters of 48 bits (`v`, most significant first)
/// as the bytes of a little-endian word, lane by lane without a branch or
/// table: the same arithmetic as [`char_of`], on eight lanes at once.
#[inline(always)]
fn chars8(v: u64) -> u64 {
    // Sextet k (from the top) to lane k.
    let x = ((v >> 42) & 0x3f)
        | ((v >> 28) & 0x3f00)
        | ((v >> 14) & 0x3f_0000)
        | (v & 0x3f00_0000)
        | ((v << 14) & 0x3f_0000_0000)
        | ((v << 28) & 0x3f00_0000_0000)
        | ((v << 42) & 0x3f_0000_0000_0000)
        | ((v << 56) & 0x3f00_0000_0000_0000);
    // Lanes of 1 where x >= k: (x | 0x80) - k never borrows across lanes
    // (x < 64 <= 128 - k) and keeps bit 7 exactly when x >= k.
    let at_least = |k: u64| (((x | (0x80 * LANES)) - k * LANES) >> 7) & LANES;
    // 'A' + x below 26, 'a' + x - 26 (+6) below 52, '0' + x - 52 (-75)
    // below 62, '-' at 62 (-13 more) and '_' at 63 (+49 more). Additions
    // stay below 256 and the subtraction below each lane's value: no carries.
    let plus = x + 65 * LANES + 6 * at_least(26) + 49 * at_least(63);
    plus - (75 * at_least(52) + 13 * at_least(62))
}

/// Encodes `src` into the start of `dst`; returns the number of
/// characters, [`encoded_len`]`(src.len())`. `BufferTooSmall` when `dst` is
/// shorter (nothing written). Constant time in the bytes' values.
///
/// ```
/// let mut text = [0u8; 4];
/// let len = secrets_core::encode::base64url::encode(&[0xfb, 0xff, 0xbf], &mut text)?;
/// assert_eq!(&text[..len], b"-_-_");
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn encode(src: &[u8], dst: &mut [u8]) -> Result<usize> {
    let len = encoded_len(src.len())?;
    let out = dst.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    // (`len >= src.len()`; saturating spares a panic path.)
    let tail = len.saturating_sub(src.len());
    for (d, &s) in out.iter_mut().skip(tail).zip(src) {
        *d = s;
    }
    encode_in_place(out, src.len());
    Ok(len)
}

/// The 6-bit value of a base64url character and an all-ones mask when it
/// is one, without a branch or table.
#[inline(always)]
fn value_of(c: u8) -> (u32, u32) {
    let c = c as u32;
    let in_range = |lo: u8, hi: u8| !mask_lt(c, lo as u32) & mask_lt(c, hi as u32 + 1);
    let (upper, lower, digit) = (
        in_range(b'A', b'Z'),
        in_range(b'a', b'z'),
        in_range(b'0', b'9'),
    );
    let (dash, underscore) = (mask_eq_u32(c, b'-' as u32), mask_eq_u32(c, b'_' as u32));
    let value = (upper & c.wrapping_sub(b'A' as u32))
        | (lower & c.wrapping_sub(b'a' as u32 - 26))
        | (digit & (c + 52 - b'0' as u32))
        | (dash & 62)
        | (underscore & 63);
    (value, upper | lower | digit | dash | underscore)
}

/// Decodes unpadded base64url `text` into the start of `out`; returns the
/// number of bytes. Only the canonical encoding is accepted (so that every
/// changed character changes the bytes): a length of 1 past a multiple of
/// 4, a character outside the alphabet (`=` included) or non-zero unused
/// bits in the last character are `Malformed`. `BufferTooSmall` when `out`
/// is shorter than the result. On error `out` is untouched. Constant time
/// in the characters' values.
///
/// ```
/// use secrets_core::{Error, encode::base64url::decode};
/// let mut bytes = [0u8; 3];
/// assert_eq!(decode(b"-_-_", &mut bytes), Ok(3));
/// assert_eq!(bytes, [0xfb, 0xff, 0xbf]);
/// assert_eq!(decode(b"-_-=", &mut bytes), Err(Error::Malformed));
/// ```
pub fn decode(text: &[u8], out: &mut [u8]) -> Result<usize> {
    let (tail_bytes, spare_bits) = match text.len() % 4 {
        0 => (0, 0),
        2 => (1, 4),
        3 => (2, 2),
        _ => return Err(Error::Malformed),
    };
    // Performance: eight characters at a time in the lanes of a word
    // (SWAR), a tenth of the instructions of a character loop. A final
    // partial block is padded with 'A' (valid, value 0).
    let mut invalid = 0u64;
    for block in text.chunks(8) {
        invalid |= !values8(block).1;
    }
    let last = text.last().map_or(0, |&c| value_of(c).0);
    if invalid & (0x80 * LANES) != 0 || last & ((1u32 << spare_bits) - 1) != 0 {
        return Err(Error::Malformed);
    }
    let len = text.len() / 4 * 3 + tail_bytes;
    let out = out.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    for (block, bytes) in text.chunks(8).zip(out.chunks_mut(6)) {
        let values = values8(block).0;
        // Eight 6-bit values, first in the low lane, to 48 bits, first on top.
        let mut bits = 0u64;
        for k in 0..8 {
            bits |= ((values >> (8 * k)) & 0x3f) << (42 - 6 * k);
        }
        let word = bits.to_be_bytes();
        bytes.copy_from_slice(&word[2..2 + bytes.len()]);
    }
    Ok(len)
}

/// Up to eight characters (a shorter block is padded with 'A') to their
/// 6-bit values, one per byte lane (first character in the low lane), and
/// the lanes' validity (bit 7 of a lane set when its character is in the
/// alphabet): [`value_of`] on eight lanes at once, without a branch or table.
#[inline(always)]
fn values8(block: &[u8]) -> (u64, u64) {
    const HIGH: u64 = 0x80 * LANES;
    let mut padded = [b'A'; 8];
    padded[..block.len()].copy_from_slice(block);
    let chars = u64::from_le_bytes(padded);
    let c = chars & !HIGH;
    // Bit 7 of a lane set when its 7-bit character is >= k: (c | 0x80) - k
    // never borrows across lanes (c | 0x80 >= 128 >= k).
    let at_least = |k: u64| ((c | HIGH) - k * LANES) & HIGH;
    let within = |lo: u64, hi: u64| at_least(lo) & !at_least(hi + 1);
    let (upper, lower, digit) = (within(65, 90), within(97, 122), within(48, 57));
    let (dash, underscore) = (within(45, 45), within(95, 95));
    // Characters with bit 7 set are never valid.
    let valid = (upper | lower | digit | dash | underscore) & !chars;
    let lanes = |flags: u64| (flags >> 7) * 0xff;
    // Value = character + offset (mod 256 per lane): 'A' -> 0 (-65),
    // 'a' -> 26 (-71), '0' -> 52 (+4), '-' -> 62 (+17), '_' -> 63 (-32).
    let offset = (lanes(upper) & (191 * LANES))
        | (lanes(lower) & (185 * LANES))
        | (lanes(digit) & (4 * LANES))
        | (lanes(dash) & (17 * LANES))
        | (lanes(underscore) & (224 * LANES));
    // Per-lane addition without carries between lanes.
    let sum = ((c & !HIGH) + (offset & !HIGH)) ^ ((c ^ offset) & HIGH);
    (sum & (0x3f * LANES), valid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64ct::{Base64UrlUnpadded, Encoding};

    #[test]
    fn rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in cases {
            let mut out = vec![0u8; encoded_len(input.len()).unwrap()];
            encode(input.as_bytes(), &mut out).unwrap();
            assert_eq!(out, expected.as_bytes());
        }
    }

    #[test]
    fn matches_base64ct_on_every_length_and_value() {
        let data: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for n in 0..data.len() {
            let src = &data[data.len() - n..];
            let mut ours = vec![0u8; encoded_len(n).unwrap()];
            encode(src, &mut ours).unwrap();
            let mut theirs = vec![0u8; ours.len()];
            assert_eq!(
                Base64UrlUnpadded::encode(src, &mut theirs)
                    .unwrap()
                    .as_bytes(),
                &ours[..]
            );
        }
    }

    #[test]
    fn lengths_match_python() {
        // len(secrets.token_urlsafe(n)) for n = 0..7
        let python = [0, 2, 3, 4, 6, 7, 8];
        for (n, &len) in python.iter().enumerate() {
            assert_eq!(encoded_len(n).unwrap(), len);
        }
        assert!(encoded_len(usize::MAX).is_err());
    }

    #[test]
    fn decode_inverts_encode_and_is_canonical() {
        let data: Vec<u8> = (0..=255u8).rev().collect();
        for n in 0..24 {
            let src = &data[n..2 * n];
            let mut text = vec![0u8; encoded_len(n).unwrap()];
            encode(src, &mut text).unwrap();
            let mut back = vec![0u8; n];
            assert_eq!(decode(&text, &mut back), Ok(n));
            assert_eq!(back, src);
            // Every other character at every position decodes differently
            // or not at all: one text, one meaning.
            for i in 0..text.len() {
                for c in 0..=255u8 {
                    if c == text[i] {
                        continue;
                    }
                    let mut altered = text.clone();
                    altered[i] = c;
                    let mut other = vec![0u8; n];
                    if decode(&altered, &mut other).is_ok() {
                        assert_ne!(other, src);
                    }
                }
            }
        }
    }

    #[test]
    fn decode_matches_base64ct_on_long_texts() {
        let data: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for n in 0..200 {
            let src = &data[n..2 * n];
            let mut text = vec![0u8; encoded_len(n).unwrap()];
            Base64UrlUnpadded::encode(src, &mut text).unwrap();
            let mut ours = vec![0u8; n];
            assert_eq!(decode(&text, &mut ours), Ok(n));
            let mut theirs = vec![0u8; n];
            assert_eq!(
                Base64UrlUnpadded::decode(&text, &mut theirs).unwrap(),
                &ours[..]
            );
            assert_eq!(ours, src);
        }
    }

    #[test]
    fn decode_rejects_what_no_encoder_writes() {
        let mut out = [0x55u8; 8];
        for text in [
            &b"Z"[..],
            b"Zh",
            b"Zm9",
            b"Zm9v=",
            b"Zm8=",
            b"Zm+v",
            b"Zm/v",
            b"Zm9vY",
        ] {
            assert_eq!(decode(text, &mut out), Err(Error::Malformed), "{text:?}");
        }
        assert_eq!(out, [0x55; 8]);
        assert_eq!(
            decode(b"Zm9vYmFy", &mut out[..5]),
            Err(Error::BufferTooSmall)
        );
        assert_eq!(decode(b"-_-_", &mut out), Ok(3));
        assert_eq!(&out[..3], &[0xfb, 0xff, 0xbf]);
    }
}
