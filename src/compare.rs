//! Constant-time comparison and wiping (Python's `compare_digest`).

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

/// True iff `a == b`. The time taken depends on the lengths only: unequal
/// lengths return at once, equal lengths examine every byte.
pub fn digest_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    // Fold 8 bytes at a time with XOR/OR (no data-dependent branch), then
    // let `subtle` make the final decision opaque to the optimiser.
    let mut diff = 0u64;
    let (a_words, a_tail) = a.split_at(a.len() / 8 * 8);
    let (b_words, b_tail) = b.split_at(a_words.len());
    for (x, y) in a_words.chunks_exact(8).zip(b_words.chunks_exact(8)) {
        let x = u64::from_ne_bytes(x.try_into().unwrap_or([0; 8]));
        let y = u64::from_ne_bytes(y.try_into().unwrap_or([0; 8]));
        diff |= x ^ y;
    }
    for (x, y) in a_tail.iter().zip(b_tail) {
        diff |= (x ^ y) as u64;
    }
    diff.ct_eq(&0).into()
}

/// Overwrites `buf` with zeros in a way the optimiser may not remove.
pub fn wipe(buf: &mut [u8]) {
    buf.zeroize();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equality() {
        assert!(digest_eq(b"", b""));
        assert!(digest_eq(b"0123456789abcdef0", b"0123456789abcdef0"));
        assert!(!digest_eq(b"0123456789abcdef0", b"0123456789abcdef1"));
        assert!(!digest_eq(b"1123456789abcdef0", b"0123456789abcdef0"));
        assert!(!digest_eq(b"abc", b"abcd"));
        for i in 0..40 {
            let a = [7u8; 40];
            let mut b = a;
            b[i] ^= 0x80;
            assert!(!digest_eq(&a, &b));
        }
    }

    #[test]
    fn wipe_zeroes() {
        let mut b = [1u8; 33];
        wipe(&mut b);
        assert_eq!(b, [0; 33]);
    }
}
