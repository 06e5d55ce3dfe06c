//! Exactly uniform choices: integers below a bound, bits, ranges, shuffles,
//! samples and doubles.
//!
//! Integers below a bound use Lemire's multiply-and-reject method: a draw of
//! `w` random bytes is kept only when it falls in a range that is an exact
//! multiple of the bound, so every value has the same probability (no modulo
//! bias). The width `w` is chosen per bound so that a rejection happens less
//! than once in 256 draws, which keeps the planned single OS request small
//! and almost always sufficient. Bounds above 2^56 draw 16 bytes (a 128-bit
//! Lemire step): with 8 bytes a bound just above 2^63 would be rejected half
//! the time, and planning for that cost more bytes than the wide draw.

use crate::error::{Error, Result};
use crate::rng::{EntropySource, RandomStream};
use zeroize::Zeroize;

/// Bounds above this use 16-byte draws (see the module documentation).
const WIDE_ABOVE: u64 = 1 << 56;

/// Random bytes a draw below `bound` consumes: the fewest that leave at least
/// eight bits of slack (rejection chance < 1/256): 1 to 8, or 16 for bounds
/// above 2^56.
pub fn draw_width(bound: u64) -> usize {
    if bound > WIDE_ABOVE {
        return 16;
    }
    let bits = 64 - bound.saturating_sub(1).leading_zeros() as usize;
    (bits + 8).div_ceil(8)
}

/// Bytes to plan for `draws` draws below `bound`: the draws themselves plus
/// the fewest spare draws that make running short rarer than once in 100
/// calls (see [`spare_draws`]), so that one OS request almost always covers
/// the call (a shortfall costs one 32-byte request that keys a ChaCha20
/// stream; see [`crate::rng`]).
pub fn plan_bytes(draws: usize, bound: u64) -> usize {
    let width = draw_width(bound);
    // Wide draws are rejected with probability < 2^-64: no spare needed.
    let spare = if width == 16 { 0 } else { spare_draws(draws) };
    draws.saturating_add(spare).saturating_mul(width)
}

/// Spare draws for `draws` draws that are each rejected with probability
/// below 2^-8: with `m` spares a second request needs more than `m`
/// rejections, whose probability is at most the Poisson tail
/// P(X > m), X ~ Poisson(draws / 256) (the binomial tail is smaller). Up to
/// 2 draws: P(X > 0) < 0.8 %; up to 38: P(X > 1) < 1 %; beyond,
/// `draws / 64 + 2` is four times the mean plus two, far past 1 %.
pub fn spare_draws(draws: usize) -> usize {
    match draws {
        0..=2 => 0,
        3..=38 => 1,
        _ => draws / 64 + 2,
    }
}

/// How many of the 2^(8 * width) draws are rejected for `bound` (non-zero):
/// `2^(8 * width) mod bound`, always below `bound`. Only the rare paths ask
/// for it: a remainder is a division, and on 32-bit targets a 128-bit one is
/// a library call of thousands of instructions.
fn rejection_zone(bound: u64) -> u128 {
    match draw_width(bound) {
        // 2^128 mod bound, without computing 2^128.
        16 => (u128::MAX % bound as u128 + 1) % bound as u128,
        // (2^(8 * width) - bound) mod bound in 64 bits (2^64 wraps to 0).
        width => {
            let power = 1u64.checked_shl(8 * width as u32).unwrap_or(0);
            (power.wrapping_sub(bound) % bound) as u128
        }
    }
}

/// A uniform integer in `[0, bound)`. `bound` must be non-zero.
#[inline(always)] // hot in every generator's loop; the body is a few instructions
pub fn below<S: EntropySource>(stream: &mut RandomStream<'_, S>, bound: u64) -> Result<u64> {
    if bound == 0 {
        return Err(Error::InvalidArgument);
    }
    let width = draw_width(bound);
    if width > 8 {
        return below_wide(stream, bound);
    }
    // Performance: the draw `x` of `8 * width` bits arrives in the high bits
    // of a 64-bit word (`x << shift`), so the product with `bound` is one
    // 64x64 multiply whose high half is `(x * bound) >> bits` and whose low
    // half is the fraction `(x * bound) mod 2^bits`, scaled by `2^shift`.
    // The common case (fraction >= bound: certainly outside the rejection
    // zone) is a few instructions and inlines into loops like `shuffle`.
    let shift = 64 - 8 * width as u32;
    let (high, low) = scaled_product(stream.next_bytes_high(width)?, bound);
    if low >= bound << shift {
        // bound <= 2^(bits - 8), so `bound << shift` does not overflow.
        return Ok(high);
    }
    below_exact(stream, bound, width, high, low)
}

/// [`below`] for bounds above 2^56: a 128-bit draw `x`; the result is the
/// top 64 bits of the 192-bit product `x * bound`, kept unless the low 128
/// bits fall in the rejection zone (`2^128 mod bound`, probability < 2^-64).
#[inline(never)]
fn below_wide<S: EntropySource>(stream: &mut RandomStream<'_, S>, bound: u64) -> Result<u64> {
    loop {
        let (x_high, x_low) = (stream.next_u64()?, stream.next_u64()?);
        let low_product = x_low as u128 * bound as u128;
        let middle = x_high as u128 * bound as u128 + (low_product >> 64);
        let fraction = (middle << 64) | (low_product as u64 as u128);
        // The zone is below `bound`, so only a fraction below `bound` (chance
        // below 2^-64) needs the zone itself and its 128-bit remainder.
        if fraction >= bound as u128 || fraction >= rejection_zone(bound) {
            return Ok((middle >> 64) as u64);
        }
    }
}

/// The high and low halves of the 128-bit product `x * bound`.
#[inline(always)]
fn scaled_product(x: u64, bound: u64) -> (u64, u64) {
    let product = x as u128 * bound as u128;
    ((product >> 64) as u64, product as u64)
}

/// The rare case of [`below`] (probability < bound / 2^bits): the exact
/// Lemire test against the rejection zone, redrawing while inside it.
#[cold]
#[inline(never)]
fn below_exact<S: EntropySource>(
    stream: &mut RandomStream<'_, S>,
    bound: u64,
    width: usize,
    mut high: u64,
    mut low: u64,
) -> Result<u64> {
    let shift = 64 - 8 * width as u32;
    // Values whose fraction is below the zone would be over-represented.
    let scaled_zone = (rejection_zone(bound) as u64) << shift;
    while low < scaled_zone {
        (high, low) = scaled_product(stream.next_bytes_high(width)?, bound);
    }
    Ok(high)
}

/// A uniform integer of `k` random bits (`k` in 0..=64).
pub fn bits<S: EntropySource>(stream: &mut RandomStream<'_, S>, k: u32) -> Result<u64> {
    match k {
        0 => Ok(0),
        1..=64 => {
            let x = stream.next_bytes_le((k as usize).div_ceil(8))?;
            Ok(if k == 64 { x } else { x & ((1u64 << k) - 1) })
        }
        _ => Err(Error::InvalidArgument),
    }
}

/// The arithmetic progression `start, start+step, ...` short of `stop`,
/// as Python's `range` defines it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    start: i64,
    step: i64,
    len: u64,
}

impl Range {
    /// Python's rules: `step` 0 is an error; an empty range is an error for
    /// `randrange`.
    pub fn new(start: i64, stop: i64, step: i64) -> Result<Range> {
        let (start_w, stop_w, step_w) = (start as i128, stop as i128, step as i128);
        let len = match step_w {
            0 => return Err(Error::InvalidArgument),
            s if s > 0 && stop_w > start_w => (stop_w - start_w + s - 1) / s,
            s if s < 0 && stop_w < start_w => (start_w - stop_w - s - 1) / -s,
            _ => 0,
        };
        if len == 0 {
            return Err(Error::InvalidArgument);
        }
        // At most 2^64 - 1 elements fit between two i64 values.
        Ok(Range {
            start,
            step,
            len: len as u64,
        })
    }

    /// Number of elements (at least 1).
    pub fn count(&self) -> u64 {
        self.len
    }

    /// The `index`-th element; `index < len`, so the result fits in an i64.
    pub fn nth(&self, index: u64) -> i64 {
        (self.start as i128 + self.step as i128 * index as i128) as i64
    }
}

/// A uniform element of `range`.
pub fn in_range<S: EntropySource>(stream: &mut RandomStream<'_, S>, range: Range) -> Result<i64> {
    Ok(range.nth(below(stream, range.count())?))
}

/// Batches of draws multiply their bounds up to this product, so that a
/// batch is rejected with probability below 2^-8, as a single draw is.
const BATCH_PRODUCT: u64 = 1 << 56;

/// The batches of a Fisher-Yates shuffle of `count` elements: calls
/// `batch(first_bound, bounds, product)` for each run of consecutive bounds
/// `first_bound, first_bound - 1, ...` (`bounds` of them) whose product
/// stays within [`BATCH_PRODUCT`]; bounds above it come alone (product 0).
fn shuffle_batches(count: usize, mut batch: impl FnMut(u64, usize, u64)) {
    let mut bound = count as u64;
    while bound > 1 {
        if bound > BATCH_PRODUCT {
            batch(bound, 1, 0);
            bound -= 1;
            continue;
        }
        let (mut product, mut n) = (bound, 1);
        while bound - n as u64 > 1 && product.saturating_mul(bound - n as u64) <= BATCH_PRODUCT {
            product *= bound - n as u64;
            n += 1;
        }
        batch(bound, n, product);
        bound -= n as u64;
    }
}

/// Bytes to plan for a Fisher-Yates shuffle of `count` elements: one
/// 8-byte word per batch of draws (16 bytes per bound above 2^56), plus
/// spares. A batch is redrawn with probability below its product / 2^64;
/// when those bounds add up to at most 1 % no spare is needed (52 elements:
/// five words, 0.9 %), else spares as [`plan_bytes`] plans them.
pub fn shuffle_plan(count: usize) -> usize {
    let (mut batches, mut wide, mut products) = (0usize, 0usize, 0u128);
    shuffle_batches(count, |_, _, product| match product {
        0 => wide += 1,
        _ => {
            batches += 1;
            products = products.saturating_add(u128::from(product));
        }
    });
    let spare = if products.saturating_mul(100) <= 1 << 64 {
        0
    } else {
        spare_draws(batches)
    };
    let words = batches.saturating_add(spare);
    words
        .saturating_mul(8)
        .saturating_add(wide.saturating_mul(16))
}

/// Shuffles `items`, viewed as `items.len() / elem_size` elements of
/// `elem_size` bytes, so that every order is equally likely (Fisher-Yates).
pub fn shuffle<S: EntropySource>(
    stream: &mut RandomStream<'_, S>,
    items: &mut [u8],
    elem_size: usize,
) -> Result<()> {
    if elem_size == 0 || !items.len().is_multiple_of(elem_size) {
        return Err(Error::InvalidArgument);
    }
    let count = items.len() / elem_size;
    // Performance: elements of 1, 2, 4 and 8 bytes swap as whole values
    // (two loads and two stores), not through a variable-length slice swap.
    match elem_size {
        1 => fisher_yates(stream, count, |i, j| swap_in(items, i, j)),
        2 => shuffle_fixed::<2, S>(stream, items),
        4 => shuffle_fixed::<4, S>(stream, items),
        8 => shuffle_fixed::<8, S>(stream, items),
        _ => fisher_yates(stream, count, |i, j| swap_elements(items, elem_size, i, j)),
    }
}

/// [`shuffle`] for elements of exactly `W` bytes.
fn shuffle_fixed<const W: usize, S: EntropySource>(
    stream: &mut RandomStream<'_, S>,
    items: &mut [u8],
) -> Result<()> {
    let (elements, _) = items.as_chunks_mut::<W>();
    let count = elements.len();
    fisher_yates(stream, count, |i, j| swap_in(elements, i, j))
}

/// `items.swap(i, j)` for indices in range by construction (the check
/// removes `swap`'s own bounds-check panic path).
#[inline(always)]
fn swap_in<T>(items: &mut [T], i: usize, j: usize) {
    if i < items.len() && j < items.len() {
        items.swap(i, j);
    }
}

/// Fisher-Yates: for i = count-1 down to 1, swap i with a uniform j <= i.
///
/// Performance: the draws come in batches from one 64-bit word each
/// (Brackett-Rozinsky and Lemire, "Batched Ranged Random Integer
/// Generation", 2024): multiplying the word by each bound in turn yields
/// each index in the high half and carries the low half on; the batch is
/// redrawn only when the final low half falls in the zone that would bias
/// it (below 2^64 mod the product of the bounds). A shuffle of 52 takes 5
/// words (40 bytes) for its 226 bits, not 51 draws of 2 bytes.
fn fisher_yates<S: EntropySource>(
    stream: &mut RandomStream<'_, S>,
    count: usize,
    mut swap: impl FnMut(usize, usize),
) -> Result<()> {
    let mut result = Ok(());
    shuffle_batches(count, |first, n, product| {
        if result.is_err() {
            return;
        }
        if product == 0 {
            result = below(stream, first).map(|j| swap(first as usize - 1, j as usize));
            return;
        }
        let mut all = [0u64; 56];
        // (n <= 56: `get_mut` only spares a panic path.)
        let picks = all.get_mut(..n).unwrap_or_default();
        match batch_below(stream, first, picks, product) {
            Ok(()) => {
                for (k, &j) in picks.iter().enumerate() {
                    swap(first as usize - 1 - k, j as usize);
                }
                picks.zeroize();
            }
            Err(e) => result = Err(e),
        }
    });
    result
}

/// Uniform picks below `first`, `first - 1`, ... (`picks.len()` of them,
/// whose bounds multiply to `product` <= 2^56) from one 64-bit word (see
/// [`fisher_yates`]).
#[inline]
fn batch_below<S: EntropySource>(
    stream: &mut RandomStream<'_, S>,
    first: u64,
    picks: &mut [u64],
    product: u64,
) -> Result<()> {
    let mut leftover = split_word(stream.next_u64()?, first, picks);
    if leftover < product {
        // The rare case: compare with the exact zone, 2^64 mod product.
        let zone = product.wrapping_neg() % product;
        while leftover < zone {
            leftover = split_word(stream.next_u64()?, first, picks);
        }
    }
    Ok(())
}

/// Splits `word` into picks below `first`, `first - 1`, ...; returns the
/// final low half.
#[inline(always)]
fn split_word(mut word: u64, first: u64, picks: &mut [u64]) -> u64 {
    for (k, pick) in picks.iter_mut().enumerate() {
        let (high, low) = scaled_product(word, first - k as u64);
        *pick = high;
        word = low;
    }
    word
}

/// Swaps elements `j < i` (or nothing when equal) of `elem_size` bytes.
#[inline]
fn swap_elements(items: &mut [u8], elem_size: usize, i: usize, j: usize) {
    if i == j {
        return;
    }
    // (j < i < count: the `get`s only spare panic paths.)
    let Some((low, high)) = items.split_at_mut_checked(i * elem_size) else {
        return;
    };
    let (Some(a), Some(b)) = (
        low.get_mut(j * elem_size..(j + 1) * elem_size),
        high.get_mut(..elem_size),
    ) else {
        return;
    };
    a.swap_with_slice(b);
}

/// Bytes to plan for `sample(k, population)`.
pub fn sample_plan(k: usize, population: usize) -> usize {
    let picks = if is_dense(k, population) {
        plan_bytes(population, population as u64)
    } else {
        plan_bytes(k.saturating_add(k / 2), population as u64)
    };
    picks.saturating_add(shuffle_plan(k))
}

/// Dense samples (more than half of a small population) are selected by a
/// pass over the population; sparse ones by drawing until `k` are distinct.
fn is_dense(k: usize, population: usize) -> bool {
    k > population / 2
}

/// Writes `out.len()` distinct indices from `[0, population)`, every subset
/// and every order equally likely. Needs no memory beyond `out`.
pub fn sample<S: EntropySource>(
    stream: &mut RandomStream<'_, S>,
    out: &mut [usize],
    population: usize,
) -> Result<()> {
    let k = out.len();
    if k > population {
        return Err(Error::InvalidArgument);
    }
    if k == 0 {
        return Ok(());
    }
    if is_dense(k, population) {
        select_in_order(stream, out, population)?;
    } else {
        first_distinct_draws(stream, out, population)?;
    }
    fisher_yates(stream, k, |i, j| swap_in(out, i, j))
}

/// Knuth's selection sampling: keeps each index with probability
/// needed/remaining, which yields a uniform subset in increasing order.
fn select_in_order<S: EntropySource>(
    stream: &mut RandomStream<'_, S>,
    out: &mut [usize],
    population: usize,
) -> Result<()> {
    let mut chosen = 0;
    for index in 0..population {
        let needed = out.len() - chosen;
        if needed == 0 {
            break;
        }
        if below(stream, (population - index) as u64)? < needed as u64 {
            // (chosen < out.len(): `get_mut` only spares a panic path.)
            if let Some(slot) = out.get_mut(chosen) {
                *slot = index;
            }
            chosen += 1;
        }
    }
    Ok(())
}

/// The set of the first `k` distinct values of a sequence of uniform draws is
/// a uniform `k`-subset. Draws are made in batches of exactly the missing
/// count, then sorted and de-duplicated in place, so no extra memory is used
/// and the result is the same set the one-at-a-time process would give.
fn first_distinct_draws<S: EntropySource>(
    stream: &mut RandomStream<'_, S>,
    out: &mut [usize],
    population: usize,
) -> Result<()> {
    let mut distinct = 0;
    while distinct < out.len() {
        for slot in out.iter_mut().skip(distinct) {
            *slot = below(stream, population as u64)? as usize;
        }
        heapsort(out);
        distinct = dedup_sorted(out);
    }
    Ok(())
}

/// Sorts `items` in place (heapsort: no allocation, and unlike the standard
/// sorts no panic path for an inconsistent order).
fn heapsort(items: &mut [usize]) {
    let len = items.len();
    for start in (0..len / 2).rev() {
        sift_down(items, start, len);
    }
    // Move each maximum behind the shrinking heap.
    for end in (1..len).rev() {
        swap_in(items, 0, end);
        sift_down(items, 0, end);
    }
}

fn sift_down(items: &mut [usize], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && items.get(child + 1) > items.get(child) {
            child += 1;
        }
        if items.get(child) <= items.get(root) {
            return;
        }
        swap_in(items, root, child);
        root = child;
    }
}

/// Moves the distinct values of sorted `items` to its front; returns how many.
fn dedup_sorted(items: &mut [usize]) -> usize {
    let mut kept = 0;
    for i in 0..items.len() {
        let value = items.get(i).copied();
        if kept == 0 || value != items.get(kept - 1).copied() {
            if let (Some(v), Some(slot)) = (value, items.get_mut(kept)) {
                *slot = v;
            }
            kept += 1;
        }
    }
    kept
}

/// A uniform multiple of 2^-53 in `[0, 1)`, as Python's `random()`.
pub fn double<S: EntropySource>(stream: &mut RandomStream<'_, S>) -> Result<f64> {
    Ok((stream.next_u64()? >> 11) as f64 * (1.0 / (1u64 << 53) as f64))
}

/// `a + (b - a) * double()`, Python's `uniform`; `a` and `b` finite and their
/// difference representable.
pub fn uniform<S: EntropySource>(stream: &mut RandomStream<'_, S>, a: f64, b: f64) -> Result<f64> {
    if !a.is_finite() || !b.is_finite() || !(b - a).is_finite() {
        return Err(Error::InvalidArgument);
    }
    Ok(a + (b - a) * double(stream)?)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::rng::testing::*;
    use crate::rng::{testing::OsEntropy, with_stream};

    fn draw_many(bound: u64, n: usize) -> Vec<u64> {
        (0..n)
            .map(|_| with_stream(&mut OsEntropy, 16, |s| below(s, bound)).unwrap())
            .collect()
    }

    /// Pearson's chi-square statistic of `counts` against a flat expectation.
    pub(crate) fn chi_square(counts: &[u64]) -> f64 {
        let total: u64 = counts.iter().sum();
        let expected = total as f64 / counts.len() as f64;
        counts
            .iter()
            .map(|&c| (c as f64 - expected).powi(2) / expected)
            .sum()
    }

    /// A loose upper critical value (p ~ 1e-6) for `df` degrees of freedom
    /// (Wilson-Hilferty with z = 4.75).
    pub(crate) fn chi_square_limit(df: usize) -> f64 {
        let d = df as f64;
        let z = 4.75;
        d * (1.0 - 2.0 / (9.0 * d) + z * (2.0 / (9.0 * d)).sqrt()).powi(3)
    }

    #[test]
    fn widths_leave_eight_bits_of_slack() {
        assert_eq!(draw_width(1), 1);
        assert_eq!(draw_width(2), 2);
        assert_eq!(draw_width(10), 2);
        assert_eq!(draw_width(256), 2);
        assert_eq!(draw_width(257), 3);
        assert_eq!(draw_width(1 << 48), 7);
        assert_eq!(draw_width((1 << 48) + 1), 8);
        assert_eq!(draw_width(1 << 56), 8);
        assert_eq!(draw_width((1 << 56) + 1), 16);
        assert_eq!(draw_width(u64::MAX), 16);
    }

    #[test]
    fn below_is_in_bounds() {
        for bound in [1u64, 2, 3, 10, 95, 1 << 32, (1 << 63) + 1, u64::MAX] {
            for v in draw_many(bound, 2000) {
                assert!(v < bound);
            }
        }
    }

    #[test]
    fn below_rejects_zero() {
        assert_eq!(
            with_stream(&mut OsEntropy, 8, |s| below(s, 0)),
            Err(Error::InvalidArgument)
        );
    }

    #[test]
    fn below_is_uniform_at_awkward_bounds() {
        for bound in [10u64, 62, 95, 255] {
            let mut counts = vec![0u64; bound as usize];
            for v in draw_many(bound, 200 * bound as usize) {
                counts[v as usize] += 1;
            }
            assert!(
                chi_square(&counts) < chi_square_limit(bound as usize - 1),
                "bound {bound}"
            );
        }
    }

    #[test]
    fn below_rejects_the_biased_zone() {
        // With bound 3 and 2-byte draws, 65536 % 3 = 1: x = 0 gives low part 0,
        // which is < threshold 1 and must be redrawn; 0x5555 lands on 0 fairly.
        let mut src = Scripted(&[0, 0, 0x56, 0x55], 0);
        let v = with_stream(&mut src, 4, |s| below(s, 3)).unwrap();
        assert_eq!(v, ((0x5556u128 * 3) >> 16) as u64);
        assert_eq!(src.1, 4, "the first draw was rejected");
    }

    #[test]
    fn rejection_zone_is_two_to_the_draw_bits_mod_bound() {
        // Every width, its edges and awkward bounds, against 2^bits mod bound
        // computed in 128 bits (2^128 as u128::MAX + 1).
        let mut bounds = vec![1, 2, 3, 10, 62, 95, 7776, 1_000_000, u64::MAX];
        bounds.push(10u64.pow(19));
        for shift in 1..64 {
            bounds.extend([(1u64 << shift) - 1, 1 << shift, (1 << shift) + 1]);
        }
        for bound in bounds {
            let bits = 8 * draw_width(bound) as u32;
            let expected = match bits {
                128 => (u128::MAX % bound as u128 + 1) % bound as u128,
                _ => (1u128 << bits) % bound as u128,
            };
            assert_eq!(rejection_zone(bound), expected, "bound {bound}");
        }
    }

    #[test]
    fn heapsort_sorts() {
        for len in 0..40usize {
            let mut v: Vec<usize> = (0..len).map(|i| (i * 7919 + 13) % 17).collect();
            let mut expected = v.clone();
            expected.sort();
            heapsort(&mut v);
            assert_eq!(v, expected);
        }
    }

    #[test]
    fn wide_draws_reject_the_biased_zone() {
        // 2^128 mod (2^63 + 1) = 4: the all-zero draw is in the zone and
        // must be redrawn; the second draw is 2^127 (x_high = 2^63, x_low = 0).
        let bound = (1u64 << 63) + 1;
        assert_eq!(rejection_zone(bound), 4);
        let mut script = [0u8; 32];
        script[16 + 7] = 0x80;
        let mut src = Scripted(&script, 0);
        let v = with_stream(&mut src, 32, |s| below(s, bound)).unwrap();
        // floor(2^127 * (2^63 + 1) / 2^128) = 2^62.
        assert_eq!(v, 1 << 62);
        assert_eq!(src.1, 32);
    }

    #[test]
    fn wide_plans_take_one_request() {
        let mut src = CountingOs::default();
        for bound in [(1u64 << 56) + 1, (1 << 63) + 1, u64::MAX] {
            for _ in 0..1000 {
                with_stream(&mut src, plan_bytes(1, bound), |s| below(s, bound)).unwrap();
            }
        }
        assert_eq!(src.requests, 3000);
        assert_eq!(plan_bytes(1, (1 << 63) + 1), 16);
    }

    #[test]
    fn high_half_bound_is_uniform() {
        // 2^63 + 1: a bare 64-bit modulo would make the lower half twice as
        // likely as the upper; the halves (split at 2^62) must be even.
        let bound = (1u64 << 63) + 1;
        let mut counts = [0u64; 2];
        for v in draw_many(bound, 20000) {
            counts[(v >> 62) as usize & 1] += 1;
        }
        assert!(chi_square(&counts) < chi_square_limit(1));
    }

    #[test]
    fn bits_masks_and_rejects() {
        with_stream(&mut OsEntropy, 64, |s| {
            assert_eq!(bits(s, 0)?, 0);
            for k in 1..64 {
                assert!(bits(s, k)? < 1u64 << k);
            }
            bits(s, 64)?;
            assert_eq!(bits(s, 65), Err(Error::InvalidArgument));
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn ranges_follow_python() {
        let r = Range::new(0, 10, 3).unwrap();
        assert_eq!((r.count(), r.nth(3)), (4, 9));
        let r = Range::new(10, 0, -3).unwrap();
        assert_eq!((r.count(), r.nth(3)), (4, 1));
        assert_eq!(Range::new(5, 5, 1), Err(Error::InvalidArgument));
        assert_eq!(Range::new(0, 10, -1), Err(Error::InvalidArgument));
        assert_eq!(Range::new(0, 10, 0), Err(Error::InvalidArgument));
        let r = Range::new(i64::MIN, i64::MAX, 1).unwrap();
        assert_eq!((r.count(), r.nth(r.count() - 1)), (u64::MAX, i64::MAX - 1));
        let r = Range::new(i64::MAX, i64::MIN, i64::MIN).unwrap();
        assert_eq!((r.count(), r.nth(1)), (2, -1));
    }

    #[test]
    fn shuffle_plans_one_word_per_batch() {
        // 52! needs 226 bits: five words of at most 56 bits each, whose
        // batches are redrawn with probability below 0.9 % in all.
        assert_eq!(shuffle_plan(52), 5 * 8);
        assert_eq!(shuffle_plan(200), (24 + spare_draws(24)) * 8);
        assert_eq!((shuffle_plan(0), shuffle_plan(1)), (0, 0));
        assert_eq!(shuffle_plan(2), 8);
        for count in [3usize, 52, 256, 4096, 70000] {
            // Every batch's product stays within 2^56, and covers every
            // bound once.
            let mut next = count as u64;
            shuffle_batches(count, |first, n, product| {
                assert_eq!(first, next);
                let expect: u64 = (0..n as u64).map(|k| first - k).product();
                assert_eq!(product, expect);
                assert!(product <= BATCH_PRODUCT);
                next -= n as u64;
            });
            assert_eq!(next, 1);
        }
    }

    #[test]
    fn a_biased_batch_is_redrawn() {
        // Bounds 3 and 2 (product 6): 2^64 mod 6 = 4. The all-zero word
        // leaves 0 < 4 and is redrawn; the word 2^63 + 8 gives picks 1 and
        // 1 and leaves 48.
        let mut script = [0u8; 16];
        script[8] = 8;
        script[15] = 0x80;
        let mut src = Scripted(&script, 0);
        let mut items = [0u8, 1, 2];
        with_stream(&mut src, 16, |s| shuffle(s, &mut items, 1)).unwrap();
        // i = 2 swaps with 1, then i = 1 swaps with 1: [0, 2, 1].
        assert_eq!(items, [0, 2, 1]);
        assert_eq!(src.1, 16, "the first word was rejected");
    }

    #[test]
    fn fixed_width_shuffles_move_whole_elements() {
        for elem_size in [2usize, 4, 8] {
            let mut items: Vec<u8> = (0..40u8).flat_map(|i| vec![i; elem_size]).collect();
            with_stream(&mut OsEntropy, shuffle_plan(40), |s| {
                shuffle(s, &mut items, elem_size)
            })
            .unwrap();
            let mut firsts: Vec<u8> = items
                .chunks(elem_size)
                .map(|c| {
                    assert!(c.iter().all(|&b| b == c[0]));
                    c[0]
                })
                .collect();
            firsts.sort();
            assert_eq!(firsts, (0..40).collect::<Vec<_>>());
        }
    }

    #[test]
    fn small_calls_rarely_make_a_second_request() {
        // The request promise for the plans made here: at most 1 % of calls
        // need a second request (here: at most 2 % of 5000 calls, a bound a
        // 1 % rate exceeds with probability below 1e-9).
        let mut src = CountingOs::default();
        let calls = 5000;
        for _ in 0..calls {
            let mut deck = [0u8; 52];
            with_stream(&mut src, shuffle_plan(52), |s| shuffle(s, &mut deck, 1)).unwrap();
        }
        assert!(
            src.requests - calls <= calls / 50,
            "{} requests",
            src.requests
        );
        let mut src = CountingOs::default();
        for bound in [3u64, 10, 255, 1_000_000, 1 << 40] {
            for draws in [1usize, 2, 3, 6, 38, 39, 100] {
                for _ in 0..200 {
                    with_stream(&mut src, plan_bytes(draws, bound), |s| {
                        (0..draws).try_for_each(|_| below(s, bound).map(drop))
                    })
                    .unwrap();
                }
            }
        }
        assert!(src.requests - 7000 <= 140, "{} requests", src.requests);
    }

    #[test]
    fn four_kib_outputs_take_one_request() {
        for _ in 0..20 {
            let mut src = CountingOs::default();
            let mut items = [0u8; 4096];
            with_stream(&mut src, shuffle_plan(4096), |s| shuffle(s, &mut items, 1)).unwrap();
            let mut out = [0usize; 512];
            for population in [512, 1024, 1 << 20, usize::MAX / 2 + 7] {
                with_stream(&mut src, sample_plan(512, population), |s| {
                    sample(s, &mut out, population)
                })
                .unwrap();
            }
            assert_eq!(src.requests, 5);
        }
    }

    #[test]
    fn shuffle_orders_are_uniform() {
        let mut counts = [0u64; 24];
        for _ in 0..24 * 400 {
            let mut items = [0u8, 1, 2, 3];
            with_stream(&mut OsEntropy, shuffle_plan(4), |s| {
                shuffle(s, &mut items, 1)
            })
            .unwrap();
            // Lehmer code of the permutation indexes the 24 orders.
            let mut code = 0;
            for i in 0..4 {
                let smaller_after = items[i + 1..].iter().filter(|&&x| x < items[i]).count();
                code = code * (4 - i) + smaller_after;
            }
            counts[code] += 1;
        }
        assert!(chi_square(&counts) < chi_square_limit(23));
    }

    #[test]
    fn shuffle_moves_whole_elements() {
        let mut items: Vec<u8> = (0..30u8).flat_map(|i| [i, i, i]).collect();
        with_stream(&mut OsEntropy, shuffle_plan(30), |s| {
            shuffle(s, &mut items, 3)
        })
        .unwrap();
        for chunk in items.chunks(3) {
            assert!(chunk.iter().all(|&b| b == chunk[0]));
        }
        let mut firsts: Vec<u8> = items.chunks(3).map(|c| c[0]).collect();
        firsts.sort();
        assert_eq!(firsts, (0..30).collect::<Vec<_>>());
    }

    #[test]
    fn samples_are_distinct_and_uniform() {
        for (k, population) in [
            (1usize, 1usize),
            (3, 5),
            (5, 5),
            (4, 100),
            (10, usize::MAX / 8),
        ] {
            let mut seen_first = std::collections::HashMap::new();
            for _ in 0..2000 {
                let mut out = vec![0usize; k];
                with_stream(&mut OsEntropy, sample_plan(k, population), |s| {
                    sample(s, &mut out, population)
                })
                .unwrap();
                let mut sorted = out.clone();
                sorted.sort();
                sorted.dedup();
                assert_eq!(sorted.len(), k);
                assert!(out.iter().all(|&i| i < population));
                *seen_first.entry(out[0]).or_insert(0u64) += 1;
            }
            if population <= 100 {
                let counts: Vec<u64> = (0..population)
                    .map(|i| *seen_first.get(&i).unwrap_or(&0))
                    .collect();
                assert!(chi_square(&counts) < chi_square_limit(population.max(2) - 1));
            }
        }
    }

    #[test]
    fn sample_rejects_k_above_population() {
        let mut out = [0usize; 3];
        assert_eq!(
            with_stream(&mut OsEntropy, 8, |s| sample(s, &mut out, 2)),
            Err(Error::InvalidArgument)
        );
    }

    #[test]
    fn doubles_are_in_unit_interval() {
        with_stream(&mut OsEntropy, 256, |s| {
            for _ in 0..32 {
                let d = double(s)?;
                assert!((0.0..1.0).contains(&d));
                assert_eq!(d * (1u64 << 53) as f64, (d * (1u64 << 53) as f64).trunc());
            }
            assert_eq!(uniform(s, 0.0, f64::INFINITY), Err(Error::InvalidArgument));
            assert_eq!(uniform(s, -f64::MAX, f64::MAX), Err(Error::InvalidArgument));
            let u = uniform(s, 5.0, -5.0)?;
            assert!((-5.0..=5.0).contains(&u));
            Ok(())
        })
        .unwrap();
    }
}
