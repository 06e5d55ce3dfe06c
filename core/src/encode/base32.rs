//! Base32 (RFC 4648 §6 alphabet `A-Z 2-7`), constant time: the encoding of
//! TOTP secrets.
//!
//! Encoding writes no padding. Decoding takes what people paste and what
//! other tools write: upper or lower case, `=` padding optional, spaces,
//! tabs, line breaks (coreutils wraps at 76 columns; files end with a
//! newline) and hyphens ignored, and non-zero bits in the last character's
//! unused tail ignored, as Python's `base64.b32decode`, coreutils' `base32
//! -d` and pyotp do (many services draw secrets character by character, so
//! about 3 in 4 of them have such bits). It stays strict where strictness
//! protects: any other character, padding that is not at the end or not
//! of the exact length, and a number of data characters no encoder
//! produces (1, 3 or 6 past a multiple of 8) are `Malformed`.
//!
//! Both directions are constant time: characters are classified and valued
//! with arithmetic masks (no branch, no table), and the decoder's writes go
//! to positions chosen by masks, not by the count of characters seen (see
//! [`decode`]). Only the verdict and the public counts (text length,
//! decoded length, number of skipped characters) drive control flow.

use crate::ct::{mask_eq, mask_eq_u32, mask_lt};
use crate::declassify::declassify_len;
use crate::error::{Error, Result, object_size, text_area};

/// Characters for `n` bytes without padding, `ceil(8n / 5)`, or
/// `InvalidArgument` when that is no possible size.
pub fn encoded_len(n: usize) -> Result<usize> {
    object_size(
        (n / 5)
            .checked_mul(8)
            .and_then(|full| full.checked_add(chars_for(n % 5))),
    )
}

/// Characters encoding the last `tail` (0..5) bytes of a group.
fn chars_for(tail: usize) -> usize {
    (tail * 8).div_ceil(5)
}

/// The largest number of bytes a text of `len` characters can decode to
/// (`floor(5 * len / 8)`, without overflow).
pub fn decoded_max(len: usize) -> usize {
    len / 8 * 5 + len % 8 * 5 / 8
}

/// The base32 character of a 5-bit value, without a branch or table.
#[inline(always)]
fn char_of(x: u32) -> u8 {
    // 'A' + x for x < 26, '2' + (x - 26) = x + 24 otherwise.
    let letter = mask_lt(x, 26);
    ((letter & (x + b'A' as u32)) | (!letter & (x + 24))) as u8
}

/// The 5-bit value of a base32 character (either case) and an all-ones
/// mask when it is one, without a branch or table.
#[inline(always)]
fn value_of(c: u8) -> (u32, u32) {
    let c = c as u32;
    let in_range = |lo: u8, hi: u8| !mask_lt(c, lo as u32) & mask_lt(c, hi as u32 + 1);
    let upper = in_range(b'A', b'Z');
    let lower = in_range(b'a', b'z');
    let digit = in_range(b'2', b'7');
    let value = (upper & c.wrapping_sub(b'A' as u32))
        | (lower & c.wrapping_sub(b'a' as u32))
        | (digit & c.wrapping_sub(24));
    (value, upper | lower | digit)
}

/// Encodes the `n` bytes held at the tail of `buf` over the whole of `buf`,
/// whose length must be `encoded_len(n)`.
pub fn encode_in_place(buf: &mut [u8], n: usize) {
    let start = buf.len().saturating_sub(n);
    for group in 0..n.div_ceil(5) {
        // Group g is read from start + 5g before writing 8g..8g+8; for every
        // group but a final partial one, 8g + 8 <= start + 5(g + 1).
        // (Iterators, not indexing: the bounds hold, and no panic path.)
        let at = start + 5 * group;
        let take = (n - 5 * group).min(5);
        let mut word = 0u64;
        for (k, &b) in buf.iter().skip(at).take(take).enumerate() {
            word |= (b as u64) << (32 - 8 * k);
        }
        let chars = buf.iter_mut().skip(8 * group).take(chars_for(take));
        for (k, c) in chars.enumerate() {
            *c = char_of(((word >> (35 - 5 * k)) & 0x1f) as u32);
        }
    }
}

/// Encodes `src` into `dst[..encoded_len(src.len())]`; returns that length.
pub fn encode(src: &[u8], dst: &mut [u8]) -> Result<usize> {
    let len = encoded_len(src.len())?;
    let out = dst.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    let tail = out.iter_mut().skip(len - src.len());
    tail.zip(src).for_each(|(d, &s)| *d = s);
    encode_in_place(out, src.len());
    Ok(len)
}

/// Writes `src` as base32 text at the start of `out`; returns the text
/// length.
pub fn encode_text(out: &mut [u8], src: &[u8]) -> Result<usize> {
    let text = text_area(out, encoded_len(src.len())?)?;
    encode(src, text)
}

/// The counts a text's shape check produces.
struct Shape {
    /// Data characters (the decoded length follows from this alone).
    data: usize,
    /// `=` characters.
    padding: usize,
    /// All ones when some character is neither data, `=` nor ignorable,
    /// or a data character follows a `=`.
    bad: u32,
}

/// All ones when `c` carries nothing: a space, tab, CR, LF (line-wrapped
/// text, a trailing newline) or a hyphen (grouping for reading).
#[inline(always)]
fn ignored_mask(c: u32) -> u32 {
    mask_eq_u32(c, b' ' as u32)
        | mask_eq_u32(c, b'\t' as u32)
        | mask_eq_u32(c, b'\n' as u32)
        | mask_eq_u32(c, b'\r' as u32)
        | mask_eq_u32(c, b'-' as u32)
}

/// Classifies every character of `text` with masks only, so that neither
/// the branches nor the memory touched depend on the characters.
fn shape(text: &[u8]) -> Shape {
    let (mut data, mut padding) = (0usize, 0usize);
    let (mut bad, mut after_padding) = (0u32, 0u32);
    for &c in text {
        let (_, is_data) = value_of(c);
        let is_pad = mask_eq_u32(c as u32, b'=' as u32);
        let ignored = ignored_mask(c as u32);
        bad |= !(is_data | is_pad | ignored) | (is_data & after_padding);
        after_padding |= is_pad;
        data += (is_data & 1) as usize;
        padding += (is_pad & 1) as usize;
    }
    Shape { data, padding, bad }
}

/// Bytes decoded from `data` data characters, or `Malformed` for a count no
/// encoder produces (1, 3 or 6 characters past a multiple of 8).
fn bytes_for(data: usize) -> Result<usize> {
    let tail = match data % 8 {
        0 => 0,
        2 => 1,
        4 => 2,
        5 => 3,
        7 => 4,
        _ => return Err(Error::Malformed),
    };
    Ok(data / 8 * 5 + tail)
}

/// Checks the shape of `text` and returns how many bytes it decodes to.
/// Only the verdict and the counts (public: the decoded length is returned)
/// leave this function.
fn decoded_len(text: &[u8]) -> Result<usize> {
    let Shape { data, padding, bad } = shape(text);
    // Public: the counts give the decoded length, which is returned, and
    // the verdict is what the caller presented (Malformed).
    let (data, padding) = (declassify_len(data), declassify_len(padding));
    let bad = declassify_len(bad as usize);
    let len = bytes_for(data)?;
    let padding_ok = padding == 0 || (data % 8 != 0 && padding == 8 - data % 8);
    if bad != 0 || !padding_ok {
        return Err(Error::Malformed);
    }
    Ok(len)
}

/// Decodes `text` into the start of `out`; returns the number of bytes.
/// `Malformed` for a text that is not base32 (see the module comment),
/// `BufferTooSmall` when `out` is shorter than the decoded bytes; on either
/// error `out` is left untouched.
///
/// Constant time: every character is read and classified with masks, and
/// the output position is never an address. A byte completed at character
/// `i` is stored with a masked write to every output position it could
/// have, given only the text length, the decoded length and the number of
/// skipped characters (all public); which one receives it depends on how
/// many data characters came before, which stays in a register. The cost
/// is one masked store per candidate position: a handful for a pasted
/// secret, and at most (skipped characters + 1) per data character.
///
/// ```
/// use secrets_core::encode::base32;
/// let mut text = [0u8; 8];
/// let len = base32::encode_text(&mut text, b"hello")?;
/// assert_eq!(&text[..len], b"NBSWY3DP");
/// let mut back = [0u8; 5];
/// assert_eq!(base32::decode(&text[..len], &mut back), Ok(5));
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn decode(text: &[u8], out: &mut [u8]) -> Result<usize> {
    let len = decoded_len(text)?;
    let out = out.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    let n = text.len();
    // Data characters in all; the others are skipped (public counts).
    let data = data_chars(len);
    let (mut acc, mut bits, mut pos) = (0u32, 0u32, 0u64);
    for (i, &c) in text.iter().enumerate() {
        let (value, is_data) = value_of(c);
        acc = (is_data & ((acc << 5) | value)) | (!is_data & acc);
        bits += is_data & 5;
        // A byte is complete: all ones when bits >= 8.
        let emit = !mask_lt(bits, 8);
        bits -= emit & 8;
        let byte = (acc >> bits) as u8;
        acc &= (1 << bits) - 1;
        // Data characters before this one lie in [lo, hi]: at most `i`, and
        // at least what the rest of the text cannot supply.
        let lo = data.saturating_sub(n - i) as u64;
        let hi = i.min(data) as u64;
        let first = ((5 * lo + 5) / 8).saturating_sub(1);
        let last = ((5 * hi + 5) / 8).min(len as u64);
        // The position the byte goes to, or (no byte) one no slot has. A
        // value, not a condition: `black_box` keeps the optimiser from
        // splitting the loop into a writing and a non-writing copy, which
        // would branch on `emit`.
        let target = core::hint::black_box(pos | !((emit as i32) as i64 as u64));
        for j in first..last {
            let hit = core::hint::black_box(mask_eq(j, target)) as u8;
            // j < len, a public bound (`get_mut` only spares a panic path).
            if let Some(slot) = out.get_mut(j as usize) {
                *slot = (hit & byte) | (!hit & *slot);
            }
        }
        pos += (emit & 1) as u64;
    }
    Ok(len)
}

/// Data characters of a valid text that decodes to `len` bytes (the
/// inverse of [`bytes_for`]).
fn data_chars(len: usize) -> usize {
    const TAIL: [usize; 5] = [0, 2, 4, 5, 7];
    len / 5 * 8 + TAIL[len % 5]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4648 §10 (padded forms).
    const RFC4648: [(&str, &str); 7] = [
        ("", ""),
        ("f", "MY======"),
        ("fo", "MZXQ===="),
        ("foo", "MZXW6==="),
        ("foob", "MZXW6YQ="),
        ("fooba", "MZXW6YTB"),
        ("foobar", "MZXW6YTBOI======"),
    ];

    #[test]
    fn rfc4648_encode_without_padding() {
        for (input, padded) in RFC4648 {
            let expected = padded.trim_end_matches('=');
            let mut out = vec![0u8; encoded_len(input.len()).unwrap()];
            assert_eq!(encode(input.as_bytes(), &mut out), Ok(expected.len()));
            assert_eq!(out, expected.as_bytes());
        }
    }

    #[test]
    fn rfc4648_decode_with_and_without_padding() {
        for (expected, padded) in RFC4648 {
            for text in [padded, padded.trim_end_matches('=')] {
                let mut out = [0u8; 8];
                let n = decode(text.as_bytes(), &mut out).unwrap();
                assert_eq!(&out[..n], expected.as_bytes(), "{text}");
                let lower = text.to_ascii_lowercase();
                assert_eq!(decode(lower.as_bytes(), &mut out), Ok(n));
                assert_eq!(&out[..n], expected.as_bytes());
            }
        }
    }

    #[test]
    fn round_trip_every_length_and_value() {
        let data: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for n in 0..80 {
            for src in [&data[..n], &data[data.len() - n..], &data[200..200 + n]] {
                let mut text = vec![0u8; encoded_len(n).unwrap()];
                encode(src, &mut text).unwrap();
                assert!(
                    text.iter()
                        .all(|c| c.is_ascii_uppercase() || (b'2'..=b'7').contains(c))
                );
                let mut back = vec![0u8; decoded_max(text.len())];
                assert_eq!(back.len(), n);
                assert_eq!(decode(&text, &mut back), Ok(n));
                assert_eq!(back, src);
            }
        }
    }

    #[test]
    fn char_values_are_exact() {
        for c in 0..=255u8 {
            let (value, valid) = value_of(c);
            let expected = match c {
                b'A'..=b'Z' => Some(c - b'A'),
                b'a'..=b'z' => Some(c - b'a'),
                b'2'..=b'7' => Some(c - b'2' + 26),
                _ => None,
            };
            assert_eq!(valid == u32::MAX, expected.is_some(), "{c}");
            assert!(valid == 0 || valid == u32::MAX);
            if let Some(v) = expected {
                assert_eq!(value, v as u32);
                assert_eq!(char_of(value), c.to_ascii_uppercase());
            }
        }
    }

    #[test]
    fn spaces_hyphens_tabs_and_line_breaks_are_ignored() {
        let mut out = [0u8; 8];
        assert_eq!(decode(b" mzxw-6ytb oi== ==-== ", &mut out), Ok(6));
        assert_eq!(&out[..6], b"foobar");
        assert_eq!(decode(b"MZXW6YTB\tOI\r\n", &mut out), Ok(6));
        assert_eq!(&out[..6], b"foobar");
        assert_eq!(decode(b" - \n", &mut out), Ok(0));
        // A file written by `base32` (coreutils): 76-column lines, each
        // ended by a newline, padding included.
        let data: Vec<u8> = (0..100u8).map(|i| i.wrapping_mul(37)).collect();
        let mut text = vec![0u8; encoded_len(data.len()).unwrap()];
        encode(&data, &mut text).unwrap();
        let mut padded = text.clone();
        padded.resize(text.len().div_ceil(8) * 8, b'=');
        let mut wrapped = Vec::new();
        for line in padded.chunks(76) {
            wrapped.extend_from_slice(line);
            wrapped.push(b'\n');
        }
        let mut back = [0u8; 100];
        assert_eq!(decode(&wrapped, &mut back), Ok(100));
        assert_eq!(back[..], data[..]);
    }

    #[test]
    fn non_zero_trailing_bits_are_ignored() {
        // Expected values from Python's base64.b32decode (padded input).
        let cases: [(&[u8], &[u8]); 5] = [
            (b"MZ", b"f"),         // "MZ======": 2 spare bits, 01
            (b"MZXR", b"fo"),      // "MZXR====": 4 spare bits, 0001
            (b"MZXW7===", b"foo"), // 1 spare bit, 1
            (b"MZXW7", b"foo"),
            (b"MZXW6YR", b"foob"), // "MZXW6YR=": 3 spare bits, 001
        ];
        for (text, expected) in cases {
            let mut out = [0u8; 8];
            assert_eq!(decode(text, &mut out), Ok(expected.len()), "{text:?}");
            assert_eq!(&out[..expected.len()], expected, "{text:?}");
        }
    }

    /// A plain decoder to compare with: skips what is ignored, then packs.
    fn reference(text: &[u8]) -> Option<Vec<u8>> {
        let kept: Vec<u8> = text
            .iter()
            .copied()
            .filter(|c| !b" \t\r\n-".contains(c))
            .collect();
        let data_end = kept.iter().position(|&c| c == b'=').unwrap_or(kept.len());
        let (data, pad) = kept.split_at(data_end);
        if pad.iter().any(|&c| c != b'=') {
            return None;
        }
        if !matches!(data.len() % 8, 0 | 2 | 4 | 5 | 7) {
            return None;
        }
        if !pad.is_empty() && (data.len() % 8 == 0 || pad.len() != 8 - data.len() % 8) {
            return None;
        }
        let (mut acc, mut bits, mut out) = (0u32, 0, Vec::new());
        for &c in data {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a',
                b'2'..=b'7' => c - b'2' + 26,
                _ => return None,
            };
            acc = (acc << 5) | v as u32;
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        Some(out)
    }

    #[test]
    fn agrees_with_a_plain_decoder_on_random_texts() {
        // Texts of data, separators, padding and stray characters in every
        // arrangement a small generator reaches, checked against `reference`.
        let pieces: [&[u8]; 10] = [b"A", b"z", b"7", b"2", b" ", b"-", b"\n", b"=", b"\t", b"1"];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let mut text = Vec::new();
            for _ in 0..len {
                let r = next();
                // Mostly data characters, so that valid texts are common.
                let piece = if r % 3 != 0 {
                    &b"ABCXYZ234567abcxyz"[(r >> 8) as usize % 18..][..1]
                } else {
                    pieces[(r >> 8) as usize % pieces.len()]
                };
                text.extend_from_slice(piece);
            }
            let mut out = [0x55u8; 40];
            match reference(&text) {
                Some(expected) => {
                    assert_eq!(decode(&text, &mut out), Ok(expected.len()), "{text:?}");
                    assert_eq!(&out[..expected.len()], &expected[..], "{text:?}");
                    assert!(out[expected.len()..].iter().all(|&b| b == 0x55));
                }
                None => {
                    assert_eq!(decode(&text, &mut out), Err(Error::Malformed), "{text:?}");
                    assert_eq!(out, [0x55; 40]);
                }
            }
        }
    }

    #[test]
    fn decode_needs_room() {
        let mut out = [0u8; 5];
        assert_eq!(decode(b"MZXW6YTBOI", &mut out), Err(Error::BufferTooSmall));
        assert_eq!(out, [0; 5]);
        assert_eq!(decode(b"MZXW6YTB", &mut out), Ok(5));
    }

    #[test]
    fn lengths() {
        let expected = [0, 2, 4, 5, 7, 8, 10, 12, 13, 15, 16];
        for (n, &len) in expected.iter().enumerate() {
            assert_eq!(encoded_len(n), Ok(len));
            assert_eq!(decoded_max(len), n);
        }
        assert_eq!(decoded_max(usize::MAX), usize::MAX / 8 * 5 + 4);
        assert!(encoded_len(usize::MAX).is_err());
    }
}
