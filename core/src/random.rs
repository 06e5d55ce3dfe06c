//! Python's `secrets`/`random` choices over any [`EntropySource`]: integers
//! below a bound, bits, ranges, one item, shuffles, samples and doubles.
//! Each makes one request to the source, of the size it plans, and every
//! choice is exactly uniform (rejection sampling).
//!
//! ```
//! use secrets_core::random;
//! # let source = &mut secrets_core::testing::TestSource::default();
//! let die = random::range(source, 1, 7, 1)?;
//! assert!((1..=6).contains(&die));
//! let mut order = *b"abcd";
//! random::shuffle(source, &mut order, 1)?;
//! # Ok::<(), secrets_core::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::rng::{EntropySource, with_stream};
use crate::uniform::{self, Range, plan_bytes, sample_plan, shuffle_plan};

/// A uniform integer in `[0, upper)`; `InvalidArgument` when `upper` is 0.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let roll = secrets_core::random::below(&mut TestSource::default(), 6)?;
/// assert!(roll < 6);
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn below(source: &mut impl EntropySource, upper: u64) -> Result<u64> {
    if upper == 0 {
        return Err(Error::InvalidArgument);
    }
    with_stream(source, plan_bytes(1, upper), |s| uniform::below(s, upper))
}

/// An integer of `k` random bits, uniform in `[0, 2^k)`; `k` 0 gives 0
/// without a request, `k` above 64 is `InvalidArgument`.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let byte = secrets_core::random::bits(&mut TestSource::default(), 8)?;
/// assert!(byte < 256);
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn bits(source: &mut impl EntropySource, k: u32) -> Result<u64> {
    // `uniform::bits` answers k 0 and refuses k > 64 before any request.
    with_stream(source, (k as usize).div_ceil(8), |s| uniform::bits(s, k))
}

/// A uniform element of Python's `range(start, stop, step)`:
/// `InvalidArgument` for `step` 0 or an empty range.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let v = secrets_core::random::range(&mut TestSource::default(), 10, 0, -3)?;
/// assert!([10, 7, 4, 1].contains(&v));
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn range(source: &mut impl EntropySource, start: i64, stop: i64, step: i64) -> Result<i64> {
    let range = Range::new(start, stop, step)?;
    with_stream(source, plan_bytes(1, range.count()), |s| {
        uniform::in_range(s, range)
    })
}

/// One uniformly chosen byte of `items`, read by a pass over all of them so
/// that the memory touched does not reveal which; `InvalidArgument` when
/// `items` is empty.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let c = secrets_core::random::choice(&mut TestSource::default(), b"abc")?;
/// assert!(b"abc".contains(&c));
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn choice(source: &mut impl EntropySource, items: &[u8]) -> Result<u8> {
    let index = below(source, items.len() as u64)?;
    Ok(crate::ct::byte_at(items, index))
}

/// Shuffles `items`, viewed as elements of `elem_size` bytes, so that every
/// order is equally likely (Fisher-Yates with exact draws). Fewer than two
/// elements need no randomness. `InvalidArgument` (nothing touched) when
/// `elem_size` is 0 or does not divide `items.len()`.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let mut deck = [1u8, 2, 3, 4, 5, 6];
/// secrets_core::random::shuffle(&mut TestSource::default(), &mut deck, 2)?;
/// let mut sorted = deck;
/// sorted.sort();
/// assert_eq!(sorted, [1, 2, 3, 4, 5, 6]);
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn shuffle(source: &mut impl EntropySource, items: &mut [u8], elem_size: usize) -> Result<()> {
    if elem_size == 0 || !items.len().is_multiple_of(elem_size) {
        return Err(Error::InvalidArgument);
    }
    let count = items.len() / elem_size;
    if count < 2 {
        return Ok(());
    }
    with_stream(source, shuffle_plan(count), |s| {
        uniform::shuffle(s, items, elem_size)
    })
}

/// Fills `out` with distinct indices from `[0, population)` in random
/// order: every subset and every order equally likely (Python's
/// `random.sample(range(population), out.len())`). `InvalidArgument` when
/// `out` is longer than `population`. Uses no memory beyond `out`.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let mut picks = [0usize; 3];
/// secrets_core::random::sample(&mut TestSource::default(), &mut picks, 10)?;
/// assert!(picks.iter().all(|&i| i < 10));
/// assert!(picks[0] != picks[1] && picks[1] != picks[2] && picks[0] != picks[2]);
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn sample(source: &mut impl EntropySource, out: &mut [usize], population: usize) -> Result<()> {
    // `uniform::sample` answers k 0 and refuses k > population before any
    // request.
    with_stream(source, sample_plan(out.len(), population), |s| {
        uniform::sample(s, out, population)
    })
}

/// A uniform double in `[0, 1)`, a multiple of 2^-53 (Python's `random()`).
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let r = secrets_core::random::double(&mut TestSource::default())?;
/// assert!((0.0..1.0).contains(&r));
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn double(source: &mut impl EntropySource) -> Result<f64> {
    with_stream(source, 8, uniform::double)
}

/// `a + (b - a) * r` with `r` from [`double`] (Python's `uniform(a, b)`);
/// `InvalidArgument` when `a` or `b` is not finite or `b - a` overflows.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let t = secrets_core::random::uniform(&mut TestSource::default(), 20.0, 25.0)?;
/// assert!((20.0..=25.0).contains(&t));
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn uniform(source: &mut impl EntropySource, a: f64, b: f64) -> Result<f64> {
    with_stream(source, 8, |s| uniform::uniform(s, a, b))
}
