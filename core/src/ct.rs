//! Constant-time building blocks, in one place: branch-free masks, the
//! byte-lane constant of the SWAR loops, selection at a secret index
//! ([`select`], [`select_many`], [`byte_at`], [`copy_rows_at`]), equality
//! (Python's `compare_digest`) and wiping. Everything here takes time that
//! depends on public lengths only, and touches memory at addresses that
//! depend on public lengths only.
//!
//! The selections are for secret indices into public or secret tables: an
//! index drawn at random (a password character, a passphrase word, a
//! `choice`) must not show through which cache line is loaded.
//!
//! ```
//! use secrets_core::ct;
//! // A tag check that does not stop at the first differing byte.
//! assert!(ct::digest_eq(b"tag bytes", b"tag bytes"));
//! // The entry at a secret index, by a pass over the whole table.
//! assert_eq!(ct::select(&[10u32, 20, 30], 2), 30);
//! ```

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

/// True iff `a == b`, as Python's `hmac.compare_digest`. The time taken
/// depends on the lengths only: unequal lengths return at once, equal
/// lengths examine every byte.
///
/// ```
/// use secrets_core::ct::digest_eq;
/// assert!(digest_eq(b"expected tag", b"expected tag"));
/// assert!(!digest_eq(b"expected tag", b"expected taG"));
/// assert!(!digest_eq(b"short", b"longer"));
/// ```
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

/// One in every byte lane of a word: SWAR loops (eight bytes a step)
/// broadcast a byte with `b * LANES` and test lanes against it.
pub(crate) const LANES: u64 = 0x0101_0101_0101_0101;

/// All ones when `x < y`, else zero (`x`, `y` below 2^31).
///
/// The sign bit passes through `black_box`: without it LLVM recognises the
/// pattern as a comparison and, where the mask feeds a small arithmetic
/// choice (the hex digit of a nibble), emits `cmp; jb` — a branch on the
/// secret that the taint check caught in `uuid4`.
#[inline(always)]
pub(crate) fn mask_lt(x: u32, y: u32) -> u32 {
    0u32.wrapping_sub(core::hint::black_box(x.wrapping_sub(y) >> 31))
}

/// All ones when `a < b`, else zero, for any `a`, `b` (positions and
/// lengths of any size); the borrow is opaque to the optimiser, as in
/// [`mask_lt`].
#[inline(always)]
pub(crate) fn mask_lt_usize(a: usize, b: usize) -> usize {
    0usize.wrapping_sub(core::hint::black_box(usize::from(a.overflowing_sub(b).1)))
}

/// All ones when `x == y`, else zero (`x`, `y` below 2^31).
#[inline(always)]
pub(crate) fn mask_eq_u32(x: u32, y: u32) -> u32 {
    let d = x ^ y;
    // d - 1 underflows (sets bit 31) only when d == 0; the bit is opaque to
    // the optimiser, as in `mask_lt`.
    0u32.wrapping_sub(core::hint::black_box((d.wrapping_sub(1) & !d) >> 31))
}

/// All ones when `x == y`, else zero, without a branch, for any `x`, `y`
/// (the top bit of `!d & (d - 1)` is set only when `d = x ^ y` is zero).
#[inline(always)]
pub(crate) fn mask_eq(x: u64, y: u64) -> u64 {
    let d = x ^ y;
    0u64.wrapping_sub((!d & d.wrapping_sub(1)) >> 63)
}

/// A mask the optimiser cannot see through: without it, it may recognise
/// `mask & value` as a comparison and compile it to a branch on the secret.
#[inline(always)]
fn opaque(mask: u64) -> u64 {
    core::hint::black_box(mask)
}

mod sealed {
    pub trait Sealed {}
}

/// A value [`select`] keeps or clears under a mask: an unsigned integer, or
/// an array of them (a row of lanes, such as a vector's worth of 16-bit
/// entries or a fixed-width record). Implemented by the crate only.
///
/// ```
/// use secrets_core::ct::{Lanes, select};
/// // Rows of eight 16-bit lanes: one row per step of the pass.
/// let rows = [[1u16; 8], [2; 8], [3; 8]];
/// assert_eq!(select(&rows, 2), [3; 8]);
/// assert_eq!(<[u16; 8]>::ZERO, [0; 8]);
/// ```
pub trait Lanes: Copy + sealed::Sealed {
    /// Every bit zero: what [`select`] returns for an index out of range.
    ///
    /// ```
    /// use secrets_core::ct::Lanes;
    /// assert_eq!(u64::ZERO, 0);
    /// ```
    const ZERO: Self;
    /// `self` where `mask` is all ones, zero where it is zero (a mask of
    /// another value is not allowed), without a branch.
    ///
    /// ```
    /// use secrets_core::ct::Lanes;
    /// assert_eq!([7u8, 9].masked(u64::MAX), [7, 9]);
    /// assert_eq!([7u8, 9].masked(0), [0, 0]);
    /// ```
    fn masked(self, mask: u64) -> Self;
    /// Bitwise or, lane by lane.
    ///
    /// ```
    /// use secrets_core::ct::Lanes;
    /// assert_eq!([1u8, 2].or([4, 8]), [5, 10]);
    /// ```
    fn or(self, other: Self) -> Self;
}

macro_rules! lanes_for_unsigned {
    ($($t:ty)*) => {$(
        impl sealed::Sealed for $t {}
        impl Lanes for $t {
            const ZERO: Self = 0;
            #[inline(always)]
            fn masked(self, mask: u64) -> Self {
                self & mask as $t
            }
            #[inline(always)]
            fn or(self, other: Self) -> Self {
                self | other
            }
        }
    )*};
}
lanes_for_unsigned!(u8 u16 u32 u64 usize);

impl<T: Lanes, const N: usize> sealed::Sealed for [T; N] {}
impl<T: Lanes, const N: usize> Lanes for [T; N] {
    const ZERO: Self = [T::ZERO; N];
    #[inline(always)]
    fn masked(self, mask: u64) -> Self {
        self.map(|x| x.masked(mask))
    }
    #[inline(always)]
    fn or(mut self, other: Self) -> Self {
        for (x, y) in self.iter_mut().zip(other) {
            *x = x.or(y);
        }
        self
    }
}

/// `items[index]`, or [`Lanes::ZERO`] when `index` is out of range, read by
/// a pass over all of `items` so that neither the memory touched nor the
/// time taken reveals a secret `index` (a direct load would reveal its
/// cache line). Each item is kept or cleared by a mask and or-ed into the
/// result; only `items.len()` shows.
///
/// ```
/// use secrets_core::ct::select;
/// let table: [[u16; 4]; 3] = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]];
/// assert_eq!(select(&table, 1), [5, 6, 7, 8]);
/// assert_eq!(select(&table, 3), [0; 4]);
/// ```
#[inline]
pub fn select<T: Lanes>(items: &[T], index: u64) -> T {
    select_iter(items.iter().copied(), index)
}

/// [`select`] over the items an iterator yields, numbered from 0.
#[inline(always)]
pub(crate) fn select_iter<T: Lanes>(items: impl IntoIterator<Item = T>, index: u64) -> T {
    let mut picked = T::ZERO;
    for (i, item) in items.into_iter().enumerate() {
        picked = picked.or(item.masked(opaque(mask_eq(i as u64, index))));
    }
    picked
}

/// [`select`] for `N` secret indices in one pass: entry `j` of the result
/// is `items[indices[j]]` (or zero). Every item is read once, whatever the
/// indices, so a batch costs one pass over `items` instead of `N`.
///
/// ```
/// use secrets_core::ct::select_many;
/// let packed: [u64; 5] = [10, 11, 12, 13, 14];
/// assert_eq!(select_many(&packed, &[4, 0, 4]), [14, 10, 14]);
/// ```
#[inline]
pub fn select_many<T: Lanes, const N: usize>(items: &[T], indices: &[u64; N]) -> [T; N] {
    let mut picked = [T::ZERO; N];
    for (i, &item) in items.iter().enumerate() {
        for (p, &index) in picked.iter_mut().zip(indices) {
            *p = p.or(item.masked(opaque(mask_eq(i as u64, index))));
        }
    }
    picked
}

/// `items[index]` (0 when `index` is out of range): [`select`] over bytes,
/// eight at a time. The word holding `index` is selected from the whole
/// slice read as 8-byte words, then its lane is shifted out.
///
/// ```
/// assert_eq!(secrets_core::ct::byte_at(b"abcdefghij", 9), b'j');
/// ```
#[inline]
pub fn byte_at(items: &[u8], index: u64) -> u8 {
    let words = items.chunks_exact(8);
    let tail = words.remainder();
    let count = words.len() as u64;
    let word = index / 8;
    // Performance: fixed 8-byte loads (no memcpy call); the tail, if any,
    // is one more word.
    let mut picked = select_iter(
        words.map(|chunk| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(chunk);
            u64::from_le_bytes(bytes)
        }),
        word,
    );
    let mut last = [0u8; 8];
    for (b, &t) in last.iter_mut().zip(tail) {
        *b = t;
    }
    picked |= u64::from_le_bytes(last) & opaque(mask_eq(count, word));
    (picked >> (8 * (index % 8))) as u8
}

/// The value of the interval holding a secret `key`: `values[r]` for the
/// last `r < count` with `starts[r] <= key`, and `values[0]` when there is
/// none (`starts` ascending from `starts[0]`, which is not compared). One
/// pass over the `count` intervals; `key` and the starts below 2^31.
#[inline(always)]
pub(crate) fn interval_value<const N: usize>(
    starts: &[u8; N],
    values: &[u8; N],
    count: usize,
    key: u32,
) -> u32 {
    let mut value = values.first().map_or(0, |&v| v as u32);
    // Performance: indices below the fixed `N`, so no bounds check.
    for r in 1..count.min(N) {
        let inside = !mask_lt(key, starts[r] as u32);
        value = (value & !inside) | (values[r] as u32 & inside);
    }
    value
}

/// Copies rows `indices[j]` of a table of `count` rows (row `i` is
/// `row(i)`, of any length) to the start of `slots[j]` and their lengths
/// to `lens[j]`, in one pass that reads every row whatever the indices: the
/// constant-time selection of variable-length entries such as the words of
/// a caller's word list. The rest of each slot is zeroed; a row longer than
/// its slot is cut; an index out of range gives an empty slot and length 0.
/// Only `count`, the row lengths and the slot sizes show in the time taken.
///
/// ```
/// use secrets_core::ct::copy_rows_at;
/// let words: [&[u8]; 3] = [b"ant", b"bee", b"cat"];
/// let (mut a, mut b) = ([0xffu8; 4], [0xffu8; 4]);
/// let mut lens = [0; 2];
/// copy_rows_at(3, |i| words[i], &[2, 0], &mut [&mut a, &mut b], &mut lens);
/// assert_eq!((a, b, lens), (*b"cat\0", *b"ant\0", [3, 3]));
/// ```
pub fn copy_rows_at<'a>(
    count: usize,
    mut row: impl FnMut(usize) -> &'a [u8],
    indices: &[u64],
    slots: &mut [&mut [u8]],
    lens: &mut [usize],
) {
    for slot in slots.iter_mut() {
        slot.fill(0);
    }
    lens.fill(0);
    for i in 0..count {
        let bytes = row(i);
        for ((slot, len), &index) in slots.iter_mut().zip(lens.iter_mut()).zip(indices) {
            let keep = opaque(mask_eq(i as u64, index));
            for (out, &b) in slot.iter_mut().zip(bytes) {
                *out |= b & keep as u8;
            }
            *len |= bytes.len() & keep as usize;
        }
    }
}

/// [`copy_rows_at`] for one row: copies row `index` to the start of `slot`
/// (the rest zeroed) and returns its length.
///
/// ```
/// let words: [&[u8]; 3] = [b"ant", b"bee", b"cat"];
/// let mut slot = [0u8; 4];
/// assert_eq!(secrets_core::ct::copy_row_at(3, |i| words[i], 1, &mut slot), 3);
/// assert_eq!(&slot, b"bee\0");
/// ```
pub fn copy_row_at<'a>(
    count: usize,
    row: impl FnMut(usize) -> &'a [u8],
    index: u64,
    slot: &mut [u8],
) -> usize {
    let mut len = [0];
    copy_rows_at(count, row, &[index], &mut [slot], &mut len);
    len[0]
}

/// Overwrites `buf` with zeros in a way the optimiser may not remove (a
/// plain `fill(0)` of a buffer about to go out of scope may be dropped).
///
/// ```
/// let mut key = *b"do not keep me";
/// secrets_core::ct::wipe(&mut key);
/// assert_eq!(key, [0; 14]);
/// ```
pub fn wipe(buf: &mut [u8]) {
    buf.zeroize();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        for x in 0..300 {
            for y in 0..300 {
                assert_eq!(mask_lt(x, y), if x < y { u32::MAX } else { 0 });
                assert_eq!(mask_eq_u32(x, y), if x == y { u32::MAX } else { 0 });
            }
        }
        // The 64-bit mask holds over the whole range, top bits included.
        let edges = [
            0,
            1,
            2,
            7,
            1 << 31,
            1 << 62,
            (1 << 63) - 1,
            1 << 63,
            (1 << 63) + 1,
            u64::MAX - 1,
            u64::MAX,
        ];
        for x in edges.into_iter().chain(0..70) {
            for y in edges.into_iter().chain(0..70) {
                assert_eq!(mask_eq(x, y), if x == y { u64::MAX } else { 0 }, "{x} {y}");
            }
        }
    }

    #[test]
    fn select_takes_exactly_the_indexed_item() {
        let rows: Vec<[u16; 8]> = (0..40u16).map(|i| [i; 8].map(|x| x * 3 + 1)).collect();
        let words: Vec<u64> = (0..40u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        for i in 0..40 {
            assert_eq!(select(&rows, i), rows[i as usize]);
            assert_eq!(select(&words, i), words[i as usize]);
            let j = 39 - i;
            assert_eq!(
                select_many(&words, &[i, j, i]),
                [words[i as usize], words[j as usize], words[i as usize]]
            );
        }
        for outside in [40, 41, 1 << 32, 1 << 63, u64::MAX] {
            assert_eq!(select(&rows, outside), [0; 8]);
            assert_eq!(select_many(&words, &[outside, 0]), [0, words[0]]);
        }
        assert_eq!(select::<u8>(&[], 0), 0);
    }

    #[test]
    fn interval_values() {
        // Intervals from 0, 3 and 10 (and 12, beyond the count), valued
        // 5, 6 and 7 (and 8).
        let (starts, values) = ([0u8, 3, 10, 12], [5u8, 6, 7, 8]);
        for key in 0..20 {
            let expected = match key {
                0..3 => 5,
                3..10 => 6,
                _ => 7,
            };
            assert_eq!(interval_value(&starts, &values, 3, key), expected);
            assert_eq!(interval_value(&starts, &values, 1, key), 5);
            assert_eq!(interval_value(&starts, &values, 0, key), 5);
        }
        assert_eq!(interval_value(&[], &[], 1, 1), 0);
    }

    #[test]
    fn copy_rows_at_copies_exactly_the_chosen_rows() {
        let long = [b'x'; 300];
        let rows: [&[u8]; 4] = [b"ab", &long, b"c", b""];
        let (mut a, mut b) = ([0xffu8; 300], [0xffu8; 2]);
        for i in 0..4 {
            for j in 0..4 {
                let mut lens = [99; 2];
                copy_rows_at(4, |r| rows[r], &[i, j], &mut [&mut a, &mut b], &mut lens);
                let (ri, rj) = (rows[i as usize], rows[j as usize]);
                assert_eq!(lens, [ri.len(), rj.len()]);
                assert_eq!(&a[..ri.len()], ri);
                assert!(a[ri.len()..].iter().all(|&x| x == 0));
                // A row longer than its slot is cut.
                let cut = rj.len().min(2);
                assert_eq!(&b[..cut], &rj[..cut]);
                assert!(b[cut..].iter().all(|&x| x == 0));
            }
        }
        assert_eq!(copy_row_at(4, |r| rows[r], 4, &mut a), 0);
        assert!(a.iter().all(|&x| x == 0));
        assert_eq!(copy_row_at(4, |r| rows[r], u64::MAX, &mut a), 0);
    }

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
        for len in [0, 1, 7, 8, 9, 70] {
            for i in 0..len {
                assert_eq!(byte_at(&items[..len], i as u64), items[i]);
            }
            for outside in [len as u64, len as u64 + 8, 1 << 61, u64::MAX] {
                assert_eq!(byte_at(&items[..len], outside), 0);
            }
        }
    }

    #[test]
    fn wipe_zeroes() {
        let mut b = [1u8; 33];
        wipe(&mut b);
        assert_eq!(b, [0; 33]);
    }
}
