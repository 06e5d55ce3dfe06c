//! Base62 with the alphabet `0-9 A-Z a-z` (in that order, as GitHub's token
//! checksums and most base62 libraries use), constant time: the random part
//! of checksummed API keys and the fixed-width encoding of their CRC-32.

use crate::ct::mask_lt;

/// The 62 characters, in digit order.
pub(crate) const ALPHABET: &[u8; 62] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Characters of a 32-bit value: 62^6 > 2^32 > 62^5.
pub(crate) const U32_DIGITS: usize = 6;

/// The base62 character of `x` (0..62), without a branch or table.
#[inline(always)]
pub fn char_of(x: u32) -> u8 {
    let digit = mask_lt(x, 10) & (x + b'0' as u32);
    let upper = !mask_lt(x, 10) & mask_lt(x, 36) & (x.wrapping_add(b'A' as u32 - 10));
    let lower = !mask_lt(x, 36) & x.wrapping_add(b'a' as u32).wrapping_sub(36);
    (digit | upper | lower) as u8
}

/// Whether `c` is a base62 character, without a branch on `c`.
#[inline(always)]
pub fn is_char(c: u8) -> bool {
    let c = c as u32;
    let in_range = |lo: u8, hi: u8| !mask_lt(c, lo as u32) & mask_lt(c, hi as u32 + 1);
    (in_range(b'0', b'9') | in_range(b'A', b'Z') | in_range(b'a', b'z')) != 0
}

/// `value` in [`U32_DIGITS`] base62 digits, most significant first,
/// zero-padded (`0` is `"000000"`).
pub fn encode_u32(value: u32) -> [u8; U32_DIGITS] {
    let mut out = [0u8; U32_DIGITS];
    let mut rest = value;
    for c in out.iter_mut().rev() {
        // Division by a constant compiles to a multiply: constant time.
        *c = char_of(rest % 62);
        rest /= 62;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_of_matches_the_alphabet() {
        for (x, &c) in ALPHABET.iter().enumerate() {
            assert_eq!(char_of(x as u32), c);
        }
    }

    #[test]
    fn is_char_accepts_exactly_the_alphabet() {
        for c in 0..=255u8 {
            assert_eq!(is_char(c), ALPHABET.contains(&c), "{c}");
        }
    }

    #[test]
    fn fixed_width_values() {
        assert_eq!(&encode_u32(0), b"000000");
        assert_eq!(&encode_u32(61), b"00000z");
        assert_eq!(&encode_u32(62), b"000010");
        assert_eq!(&encode_u32(u32::MAX), b"4gfFC3");
        // Round trip through a plain positional decoder.
        for v in [1u32, 12345, 0xdeadbeef, 1 << 31] {
            let decoded = encode_u32(v).iter().fold(0u64, |acc, c| {
                acc * 62 + ALPHABET.iter().position(|a| a == c).unwrap() as u64
            });
            assert_eq!(decoded, v as u64);
        }
    }
}
