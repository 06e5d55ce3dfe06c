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

/// All ones when `x == y`, else zero, without a branch (`x ^ y` below 2^63:
/// then the top bit of `(x ^ y) - 1` is set only when they are equal).
#[inline(always)]
pub(crate) fn mask_eq(x: u64, y: u64) -> u64 {
    0u64.wrapping_sub((x ^ y).wrapping_sub(1) >> 63)
}

/// `items[index]` (0 when `index` is out of range), read by a pass over all
/// of `items` so that the memory touched does not reveal a secret `index`
/// (a direct load would reveal its cache line). Eight bytes a step.
pub fn byte_at(items: &[u8], index: usize) -> u8 {
    let (word, lane) = ((index / 8) as u64, (index % 8) as u32);
    // All ones for the word holding `index` (word numbers are below 2^61);
    // `black_box` keeps the optimiser from turning the mask into a branch.
    let same = |w: usize| core::hint::black_box(mask_eq(w as u64, word));
    let words = items.chunks_exact(8);
    let tail = words.remainder();
    let mut picked = 0u64;
    for (w, chunk) in words.enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk); // a fixed 8-byte load, no memcpy call
        picked |= u64::from_le_bytes(bytes) & same(w);
    }
    let mut bytes = [0u8; 8];
    bytes[..tail.len()].copy_from_slice(tail);
    picked |= u64::from_le_bytes(bytes) & same(items.len() / 8);
    (picked >> (8 * lane)) as u8
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
    fn byte_at_reads_every_position() {
        let items: Vec<u8> = (1..=70).collect();
        for len in [1, 7, 8, 9, 70] {
            for i in 0..len {
                assert_eq!(byte_at(&items[..len], i), items[i]);
            }
            assert_eq!(byte_at(&items[..len], len + 8), 0);
        }
    }

    #[test]
    fn wipe_zeroes() {
        let mut b = [1u8; 33];
        wipe(&mut b);
        assert_eq!(b, [0; 33]);
    }
}
