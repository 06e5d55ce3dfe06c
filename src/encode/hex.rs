//! Lowercase hexadecimal (RFC 4648 §8 alphabet, lowercase), constant time.

use super::mask_lt;
use crate::error::{Result, object_size};

/// Characters for `n` bytes, or `InvalidArgument` when that is no possible size.
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
/// `buf` (whose length must be even).
pub fn encode_in_place(buf: &mut [u8]) {
    let n = buf.len() / 2;
    for i in 0..n {
        // Byte i lives at n + i >= 2i + 1, so it is read before it is overwritten.
        let byte = buf[n + i] as u32;
        buf[2 * i] = digit(byte >> 4);
        buf[2 * i + 1] = digit(byte & 0x0f);
    }
}

/// Encodes `src` into `dst[..2 * src.len()]` (`dst` must be that long).
pub fn encode(src: &[u8], dst: &mut [u8]) {
    let out = &mut dst[..2 * src.len()];
    out[src.len()..].copy_from_slice(src);
    encode_in_place(out);
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
            encode(input, &mut out);
            assert_eq!(out, expected.as_bytes());
        }
    }

    #[test]
    fn matches_base16ct_for_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let mut ours = vec![0u8; 512];
        encode(&all, &mut ours);
        let mut theirs = [0u8; 512];
        assert_eq!(
            base16ct::lower::encode(&all, &mut theirs).unwrap(),
            &ours[..]
        );
    }
}
