//! Base32 (RFC 4648 §6 alphabet `A-Z 2-7`), constant time: the encoding of
//! TOTP secrets.
//!
//! Encoding writes no padding. Decoding is what people paste: upper or lower
//! case, `=` padding optional, spaces and hyphens ignored. It is strict about
//! everything else, so that one text has one meaning: any other character,
//! padding that is not at the end or not of the exact length, a length no
//! encoder produces (1, 3 or 6 characters past a multiple of 8), and
//! non-zero bits in the last character's unused tail are all `Malformed`.
//! Character values are computed with arithmetic masks; the only branches
//! on a character ask whether it is a space, a hyphen or `=`, which a
//! secret's data characters never are.

use crate::ct::mask_lt;
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
    let start = buf.len() - n;
    for group in 0..n.div_ceil(5) {
        // Group g is read from start + 5g before writing 8g..8g+8; for every
        // group but a final partial one, 8g + 8 <= start + 5(g + 1).
        let at = start + 5 * group;
        let take = (n - 5 * group).min(5);
        let mut word = 0u64;
        for k in 0..take {
            word |= (buf[at + k] as u64) << (32 - 8 * k);
        }
        for k in 0..chars_for(take) {
            buf[8 * group + k] = char_of(((word >> (35 - 5 * k)) & 0x1f) as u32);
        }
    }
}

/// Encodes `src` into `dst[..encoded_len(src.len())]`; returns that length.
pub fn encode(src: &[u8], dst: &mut [u8]) -> Result<usize> {
    let len = encoded_len(src.len())?;
    let out = dst.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    out[len - src.len()..].copy_from_slice(src);
    encode_in_place(out, src.len());
    Ok(len)
}

/// Writes `src` as base32 text at the start of `out`; returns the text
/// length.
pub fn encode_text(out: &mut [u8], src: &[u8]) -> Result<usize> {
    let text = text_area(out, encoded_len(src.len())?)?;
    encode(src, text)
}

/// Spaces and hyphens group a secret for reading; they carry nothing.
fn is_ignored(c: u8) -> bool {
    c == b' ' || c == b'-'
}

/// Checks the shape of `text` and returns how many bytes it decodes to.
fn decoded_len(text: &[u8]) -> Result<usize> {
    let (mut data, mut padding) = (0usize, 0usize);
    let (mut invalid, mut last) = (0u32, 0u32);
    for &c in text.iter().filter(|&&c| !is_ignored(c)) {
        if c == b'=' {
            padding += 1;
        } else if padding > 0 {
            return Err(Error::Malformed); // data after padding
        } else {
            let (value, valid) = value_of(c);
            invalid |= !valid;
            last = value;
            data += 1;
        }
    }
    // Characters past the last full group: the bytes they hold and the
    // unused low bits of the last one. 1, 3 and 6 cannot occur.
    let (tail_bytes, spare_bits) = match data % 8 {
        0 => (0, 0),
        2 => (1, 2),
        4 => (2, 4),
        5 => (3, 1),
        7 => (4, 3),
        _ => return Err(Error::Malformed),
    };
    let padding_ok = padding == 0 || (data % 8 != 0 && padding == 8 - data % 8);
    let spare_clear = last & ((1u32 << spare_bits) - 1) == 0;
    if invalid != 0 || !padding_ok || !spare_clear {
        return Err(Error::Malformed);
    }
    Ok(data / 8 * 5 + tail_bytes)
}

/// Decodes `text` into the start of `out`; returns the number of bytes.
/// `Malformed` for a text that is not base32 (see the module comment),
/// `BufferTooSmall` when `out` is shorter than the decoded bytes; on either
/// error `out` is left untouched.
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
    let (mut acc, mut bits, mut pos) = (0u32, 0u32, 0usize);
    for &c in text.iter().filter(|&&c| !is_ignored(c) && c != b'=') {
        acc = (acc << 5) | value_of(c).0;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            if let Some(byte) = out.get_mut(pos) {
                *byte = (acc >> bits) as u8;
            }
            pos += 1;
            acc &= (1 << bits) - 1;
        }
    }
    Ok(len)
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
    fn spaces_and_hyphens_are_ignored() {
        let mut out = [0u8; 8];
        assert_eq!(decode(b" mzxw-6ytb oi== ==-== ", &mut out), Ok(6));
        assert_eq!(&out[..6], b"foobar");
        assert_eq!(decode(b" - ", &mut out), Ok(0));
    }

    #[test]
    fn malformed_texts() {
        let bad: [&[u8]; 16] = [
            b"M",                // impossible length (1)
            b"MZX",              // impossible length (3)
            b"MZXW6Y",           // impossible length (6)
            b"MZXW6YTBM",        // 9 = 8 + 1
            b"MZ=XW6===",        // padding in the middle
            b"MY=====",          // too little padding
            b"MY=======",        // too much padding
            b"MZXW6YTB========", // padding after a full group
            b"========",         // padding alone
            b"MZ",               // non-zero spare bits (2)
            b"MZXR",             // non-zero spare bits (4)
            b"MZXW7",            // non-zero spare bits (1)
            b"MZXW6YR",          // non-zero spare bits (3)
            b"MZXW6YT1",         // '1' is not base32
            b"MZXW6YT8",         // nor is '8'
            b"MZXW_YTB",         // nor '_'
        ];
        for text in bad {
            let mut out = [0x55u8; 8];
            assert_eq!(decode(text, &mut out), Err(Error::Malformed), "{text:?}");
            assert_eq!(out, [0x55; 8], "untouched");
        }
        // Seven 'A's then one more character: a data character completes
        // the group, and "AAAAAAA" alone (or padded) is a valid 4-byte text.
        for c in 0..=255u8 {
            let mut text = *b"AAAAAAA?";
            text[7] = c;
            let expected_ok = value_of(c).1 != 0 || is_ignored(c) || c == b'=';
            let mut out = [0u8; 8];
            assert_eq!(decode(&text, &mut out).is_ok(), expected_ok, "{c}");
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
