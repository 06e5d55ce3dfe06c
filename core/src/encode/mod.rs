//! Constant-time text encodings of secret bytes.
//!
//! Table look-ups indexed by secret data leak through the cache, and
//! branches leak through timing, so every character is computed with
//! arithmetic masks (the technique of libsodium's `sodium_bin2hex` and
//! `sodium_bin2base64`). Each encoder works **in place**: the caller puts the
//! input bytes at the tail of the output buffer (often straight from the OS
//! random source) and the encoder rewrites the buffer front to back, always
//! reading a group before any write can reach it. No copy of the secret is
//! made anywhere else.

pub mod base32;
pub mod base62;
pub mod base64url;
pub mod hex;

/// All ones when `x < y`, else zero (`x`, `y` below 2^31).
#[inline(always)]
pub(crate) fn mask_lt(x: u32, y: u32) -> u32 {
    0u32.wrapping_sub(x.wrapping_sub(y) >> 31)
}

/// All ones when `x == y`, else zero (`x`, `y` below 2^31).
#[inline(always)]
pub(crate) fn mask_eq(x: u32, y: u32) -> u32 {
    let d = x ^ y;
    // d - 1 underflows (sets bit 31) only when d == 0.
    0u32.wrapping_sub((d.wrapping_sub(1) & !d) >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        for x in 0..300 {
            for y in 0..300 {
                assert_eq!(mask_lt(x, y), if x < y { u32::MAX } else { 0 });
                assert_eq!(mask_eq(x, y), if x == y { u32::MAX } else { 0 });
            }
        }
    }
}
