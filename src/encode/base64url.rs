//! Base64url without padding (RFC 4648 §5), constant time, as Python's
//! `base64.urlsafe_b64encode(...).rstrip(b"=")`.

use super::{mask_eq, mask_lt};
use crate::error::{Error, Result, object_size};

/// Characters for `n` bytes, `ceil(4n / 3)`, or `InvalidArgument` when that
/// is no possible size.
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
    let dash = mask_eq(x, 62) & b'-' as u32;
    let underscore = mask_eq(x, 63) & b'_' as u32;
    (upper | lower | digit | dash | underscore) as u8
}

/// Encodes the `n` bytes held at the tail of `buf` over the whole of `buf`,
/// whose length must be `encoded_len(n)`.
pub fn encode_in_place(buf: &mut [u8], n: usize) {
    let start = buf.len() - n;
    for group in 0..n.div_ceil(3) {
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

/// Encodes `src` into `dst[..encoded_len(src.len())]`.
pub fn encode(src: &[u8], dst: &mut [u8]) -> Result<()> {
    let len = encoded_len(src.len())?;
    let out = dst.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    out[len - src.len()..].copy_from_slice(src);
    encode_in_place(out, src.len());
    Ok(())
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
}
