//! Lowercase hexadecimal (RFC 4648 §8 alphabet, lowercase), constant time.
//!
//! ```
//! let mut text = [0u8; 4];
//! secrets_core::encode::hex::encode(&[0xab, 0x01], &mut text)?;
//! assert_eq!(&text, b"ab01");
//! # Ok::<(), secrets_core::Error>(())
//! ```

use crate::ct::{LANES, mask_lt};
use crate::error::{Error, Result, object_size};

/// Characters for `n` bytes, `2n`, or `InvalidArgument` when that is no
/// possible size.
///
/// ```
/// use secrets_core::encode::hex::encoded_len;
/// assert_eq!(encoded_len(16), Ok(32));
/// assert!(encoded_len(usize::MAX).is_err());
/// ```
pub fn encoded_len(n: usize) -> Result<usize> {
    object_size(n.checked_mul(2))
}

/// The lowercase hex digit of `nibble` (0..16) without a branch or table.
#[inline(always)]
fn digit(nibble: u32) -> u8 {
    // '0' + v for v < 10, 'a' + v - 10 otherwise: 87 + v, minus 39 when v < 10.
    (87 + nibble - (mask_lt(nibble, 10) & 39)) as u8
}

/// Encodes the bytes held in the second half of `buf` over the whole of
/// `buf` (whose length must be even), so that a token's random bytes can be
/// drawn straight into its text buffer, with no other copy.
pub(crate) fn encode_in_place(buf: &mut [u8]) {
    let n = buf.len() / 2;
    // Performance: eight bytes at a time as 16 one-byte lanes of two words
    // (SWAR), about a tenth of the instructions of the byte loop. Block i
    // reads bytes n + i .. n + i + 8 before writing chars 2i .. 2i + 16,
    // and 2i + 16 <= n + i + 8 while i + 8 <= n: nothing unread is overwritten.
    let mut i = 0;
    while i + 8 <= n {
        let mut word = [0u8; 8];
        word.copy_from_slice(&buf[n + i..n + i + 8]);
        let word = u64::from_le_bytes(word);
        buf[2 * i..2 * i + 8].copy_from_slice(&digits4(word as u32).to_le_bytes());
        buf[2 * i + 8..2 * i + 16].copy_from_slice(&digits4((word >> 32) as u32).to_le_bytes());
        i += 8;
    }
    for i in i..n {
        // Byte i lives at n + i >= 2i + 1, so it is read before it is overwritten.
        let byte = buf[n + i] as u32;
        buf[2 * i] = digit(byte >> 4);
        buf[2 * i + 1] = digit(byte & 0x0f);
    }
}

/// The eight hex digits of four bytes (in memory order) as the bytes of a
/// little-endian word, computed lane by lane without a branch or table.
#[inline(always)]
fn digits4(x: u32) -> u64 {
    // Byte k of `x` to lane 2k ...
    let mut t = x as u64;
    t = (t | (t << 16)) & 0x0000_ffff_0000_ffff;
    t = (t | (t << 8)) & 0x00ff_00ff_00ff_00ff;
    // ... then its high nibble stays in lane 2k, its low nibble goes to 2k + 1.
    let nibbles = ((t >> 4) & 0x000f_000f_000f_000f) | ((t & 0x000f_000f_000f_000f) << 8);
    // Per lane: '0' + v, plus 39 ('a' - '0' - 10) when v >= 10. v + 0x76 has
    // bit 7 set exactly when v >= 10 and never carries into the next lane.
    let at_least_ten = ((nibbles + 0x76 * LANES) >> 7) & LANES;
    nibbles + 0x30 * LANES + 39 * at_least_ten
}

/// Encodes `src` as lowercase hex into the start of `dst`; returns the
/// number of characters, `2 * src.len()`. `BufferTooSmall` when `dst` is
/// shorter (nothing written). Constant time in the bytes' values.
///
/// ```
/// let mut text = [0u8; 8];
/// let len = secrets_core::encode::hex::encode(&[0xde, 0xad, 0xbe, 0xef], &mut text)?;
/// assert_eq!(&text[..len], b"deadbeef");
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn encode(src: &[u8], dst: &mut [u8]) -> Result<usize> {
    let len = encoded_len(src.len())?;
    let out = dst.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    for (d, &s) in out.iter_mut().skip(src.len()).zip(src) {
        *d = s;
    }
    encode_in_place(out);
    Ok(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        let cases: [(&[u8], &str); 4] = [
            (b"", ""),
            (b"f", "66"),
            (b"foob", "666f6f62"),
            (b"foobar", "666f6f626172"),
        ];
        for (input, expected) in cases {
            let mut out = vec![0u8; 2 * input.len()];
            encode(input, &mut out).unwrap();
            assert_eq!(out, expected.as_bytes());
        }
    }

    #[test]
    fn matches_base16ct_for_every_length() {
        let data: Vec<u8> = (0..=255u8).rev().chain(0..=255).collect();
        for n in 0..80 {
            for start in [0, 17, 200, 431] {
                let src = &data[start..start + n];
                let mut ours = vec![0u8; 2 * n];
                encode(src, &mut ours).unwrap();
                let mut theirs = vec![0u8; 2 * n];
                assert_eq!(
                    base16ct::lower::encode(src, &mut theirs).unwrap(),
                    &ours[..]
                );
            }
        }
    }

    #[test]
    fn matches_base16ct_for_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let mut ours = vec![0u8; 512];
        encode(&all, &mut ours).unwrap();
        let mut theirs = [0u8; 512];
        assert_eq!(
            base16ct::lower::encode(&all, &mut theirs).unwrap(),
            &ours[..]
        );
    }
}
