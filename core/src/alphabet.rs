//! Alphabets: sets of distinct ASCII bytes, and uniformly random strings
//! over them (the engine of passwords, one-time codes and API keys).
//!
//! Each character is an exact uniform draw (rejection sampling) of an index
//! into the alphabet. The index is secret, so the character is picked by a
//! pass over the whole alphabet with arithmetic masks instead of a table
//! look-up whose cache line would depend on it.
//!
//! ```
//! use secrets_core::alphabet::{Alphabet, entropy_bits};
//! # let source = &mut secrets_core::testing::TestSource::default();
//! let vowels = Alphabet::new(b"aeiou")?;
//! let mut out = [0u8; 12];
//! let len = vowels.generate(source, &mut out, 12)?;
//! assert!(out[..len].iter().all(|c| b"aeiou".contains(c)));
//! assert!(entropy_bits(len, vowels.len()) > 27.8);
//! # Ok::<(), secrets_core::Error>(())
//! ```

use crate::ct;
use crate::error::{Error, Result, text_area};
use crate::rng::{EntropySource, RandomStream, with_stream};
use crate::uniform;

/// Largest alphabet: every non-NUL ASCII byte.
pub(crate) const MAX_ALPHABET: usize = 127;

/// A set of 2 to 127 distinct non-NUL ASCII bytes, in a fixed order: the
/// characters of a random string.
///
/// ```
/// use secrets_core::alphabet::Alphabet;
/// # use secrets_core::testing::TestSource;
/// let hex_upper = Alphabet::new(b"0123456789ABCDEF")?;
/// let mut pin = [0u8; 8];
/// hex_upper.generate(&mut TestSource::default(), &mut pin, 8)?;
/// assert!(pin.iter().all(|c| hex_upper.as_bytes().contains(c)));
/// # Ok::<(), secrets_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Alphabet {
    /// The bytes, then zeros: a whole number of 8-byte words, so that
    /// [`Alphabet::pick`] reads words.
    bytes: [u8; MAX_ALPHABET + 1],
    len: usize,
    /// Bit `b % 64` of word `b / 64` set when byte `b` is in the alphabet
    /// (performance: building an alphabet is linear, not quadratic).
    members: [u64; 2],
    /// Runs of consecutive bytes in alphabet order (`a-z`, `0-9`, ...): run
    /// `r` starts at index `run_start[r]`, and its bytes are `index +
    /// run_offset[r]` (mod 256). `runs` is `MAX_RUNS + 1` when there are more.
    runs: usize,
    run_start: [u8; MAX_RUNS],
    run_offset: [u8; MAX_RUNS],
}

/// Most runs [`Alphabet::pick`] computes with; beyond, it scans.
const MAX_RUNS: usize = 16;

impl Alphabet {
    /// An alphabet with no byte yet, to be built with [`Alphabet::push_new`].
    pub(crate) const fn empty() -> Alphabet {
        Alphabet {
            bytes: [0; MAX_ALPHABET + 1],
            len: 0,
            members: [0; 2],
            runs: 0,
            run_start: [0; MAX_RUNS],
            run_offset: [0; MAX_RUNS],
        }
    }

    /// Validates a caller's alphabet: at least 2 bytes, all distinct, all
    /// ASCII and non-NUL (so that outputs are ASCII text and no multi-byte
    /// UTF-8 character can be split). Anything else is `InvalidArgument`.
    ///
    /// ```
    /// use secrets_core::{Error, alphabet::Alphabet};
    /// assert!(Alphabet::new(b"abc").is_ok());
    /// assert_eq!(Alphabet::new(b"aba").err(), Some(Error::InvalidArgument));
    /// assert_eq!(Alphabet::new("é".as_bytes()).err(), Some(Error::InvalidArgument));
    /// ```
    pub fn new(bytes: &[u8]) -> Result<Alphabet> {
        let mut alphabet = Alphabet::empty();
        for &b in bytes {
            if b == 0 || !b.is_ascii() || alphabet.contains(b) {
                return Err(Error::InvalidArgument);
            }
            alphabet.push_new(b);
        }
        if alphabet.len < 2 {
            return Err(Error::InvalidArgument);
        }
        Ok(alphabet)
    }

    /// An alphabet of the library's own, built at compile time (`bytes` are
    /// distinct non-NUL ASCII, checked by the tests that use it).
    pub(crate) const fn constant(bytes: &[u8]) -> Alphabet {
        let mut alphabet = Alphabet::empty();
        let mut i = 0;
        while i < bytes.len() {
            alphabet.push_new(bytes[i]);
            i += 1;
        }
        alphabet
    }

    /// Appends `b` unless it is already present (alphabets hold at most the
    /// 127 distinct ASCII bytes, so there is always room for a new one).
    pub(crate) const fn push_new(&mut self, b: u8) {
        if b.is_ascii() && !self.contains(b) && self.len < MAX_ALPHABET {
            let continues_run = self.len > 0 && self.bytes[self.len - 1] as usize + 1 == b as usize;
            if !continues_run && self.runs < MAX_RUNS {
                self.run_start[self.runs] = self.len as u8;
                self.run_offset[self.runs] = b.wrapping_sub(self.len as u8);
                self.runs += 1;
            } else if !continues_run {
                self.runs = MAX_RUNS + 1;
            }
            self.bytes[self.len] = b;
            self.len += 1;
            self.members[(b / 64) as usize] |= 1 << (b % 64);
        }
    }

    /// Appends the bytes of `other` that are not yet present, like
    /// [`Alphabet::push_new`] on each (performance: a disjoint alphabet, the
    /// usual case of password classes, is copied whole).
    pub(crate) fn append(&mut self, other: &Alphabet) {
        let overlap = (self.members[0] & other.members[0]) | (self.members[1] & other.members[1]);
        let start = self.len;
        let end = start + other.len;
        if overlap != 0 || end > MAX_ALPHABET {
            for &b in other.as_bytes() {
                self.push_new(b);
            }
            return;
        }
        let dst = self.bytes.iter_mut().skip(start);
        dst.zip(other.as_bytes()).for_each(|(d, &b)| *d = b);
        if other.runs > MAX_RUNS {
            self.runs = MAX_RUNS + 1;
        } else {
            for &run_start in other.run_start.iter().take(other.runs) {
                let first = start + run_start as usize;
                // (`first` is below `end`: `get` only spares a panic path.)
                let Some(&b) = self.bytes.get(first) else {
                    continue;
                };
                // Only `other`'s first run can continue our last byte.
                let before = first.checked_sub(1).and_then(|i| self.bytes.get(i));
                if before.is_some_and(|&p| p as usize + 1 == b as usize) {
                    continue;
                }
                let run = self.run_start.get_mut(self.runs);
                if let (Some(start), Some(offset)) = (run, self.run_offset.get_mut(self.runs)) {
                    *start = first as u8;
                    *offset = b.wrapping_sub(first as u8);
                    self.runs += 1;
                } else {
                    self.runs = MAX_RUNS + 1;
                }
            }
        }
        self.len = end;
        self.members[0] |= other.members[0];
        self.members[1] |= other.members[1];
    }

    /// Whether `b` is in the alphabet (not constant time: for building).
    pub(crate) const fn contains(&self, b: u8) -> bool {
        b.is_ascii() && self.members[(b / 64) as usize] & (1 << (b % 64)) != 0
    }

    /// The bytes, in order.
    ///
    /// ```
    /// let a = secrets_core::alphabet::Alphabet::new(b"xyz")?;
    /// assert_eq!(a.as_bytes(), b"xyz");
    /// # Ok::<(), secrets_core::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        // (`len` is at most MAX_ALPHABET: `get` only spares a panic path.)
        self.bytes.get(..self.len).unwrap_or(&[])
    }

    /// Number of bytes.
    ///
    /// ```
    /// let a = secrets_core::alphabet::Alphabet::new(b"xyz")?;
    /// assert_eq!(a.len(), 3);
    /// # Ok::<(), secrets_core::Error>(())
    /// ```
    pub const fn len(&self) -> usize {
        self.len
    }

    /// True for the empty alphabet, which [`Alphabet::new`] never returns.
    ///
    /// ```
    /// let a = secrets_core::alphabet::Alphabet::new(b"xyz")?;
    /// assert!(!a.is_empty());
    /// # Ok::<(), secrets_core::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The byte at `index` (< len), read in time independent of `index`.
    #[inline(always)] // in every generator's per-character loop
    pub(crate) fn pick(&self, index: u64) -> u8 {
        // Performance: an alphabet made of a few runs of consecutive bytes
        // (the password classes, digits, base62) is computed, about 6
        // operations a run, rather than scanned, about 8 a word of 8 bytes.
        if self.runs <= MAX_RUNS && self.runs * 3 <= self.len.div_ceil(8) * 5 {
            self.pick_in_runs(index)
        } else {
            self.pick_by_scan(index)
        }
    }

    /// [`Alphabet::pick`] by arithmetic: `index` plus the offset of the
    /// run that holds it.
    #[inline(always)]
    fn pick_in_runs(&self, index: u64) -> u8 {
        let index = index as u32 & 0x7f;
        let offset = ct::interval_value(&self.run_start, &self.run_offset, self.runs, index);
        index.wrapping_add(offset) as u8
    }

    /// [`Alphabet::pick`] by a pass over the whole alphabet.
    #[inline(always)]
    fn pick_by_scan(&self, index: u64) -> u8 {
        // Whole words (the bytes are zero-padded to 128): no tail to load.
        // (`get` cannot fail, `len` being at most 127; it spares a panic path.)
        let words = self.bytes.get(..self.len.div_ceil(8) * 8);
        ct::byte_at(words.unwrap_or(&self.bytes), index)
    }

    /// Bytes to plan for `count` characters.
    pub(crate) fn plan(&self, count: usize) -> usize {
        uniform::plan_bytes(count, self.len as u64)
    }

    /// Overwrites `text` with uniform characters drawn from `stream`.
    pub(crate) fn fill<S: EntropySource>(
        &self,
        stream: &mut RandomStream<'_, S>,
        text: &mut [u8],
    ) -> Result<()> {
        for c in text {
            *c = self.pick(uniform::below(stream, self.len as u64)?);
        }
        Ok(())
    }

    /// Writes `length` uniform characters at the start of `out` with one
    /// request to `source`; returns `length`. `BufferTooSmall` when `out`
    /// is shorter than `length`; `Entropy` when the source fails.
    ///
    /// ```
    /// # use secrets_core::testing::TestSource;
    /// let dna = secrets_core::alphabet::Alphabet::new(b"ACGT")?;
    /// let mut out = [0u8; 32];
    /// let len = dna.generate(&mut TestSource::default(), &mut out, 20)?;
    /// assert!(out[..len].iter().all(|c| b"ACGT".contains(c)));
    /// # Ok::<(), secrets_core::Error>(())
    /// ```
    pub fn generate<S: EntropySource>(
        &self,
        source: &mut S,
        out: &mut [u8],
        length: usize,
    ) -> Result<usize> {
        let text = text_area(out, length)?;
        with_stream(source, self.plan(length), |s| self.fill(s, text))?;
        Ok(length)
    }
}

/// Bits of entropy in `length` uniform independent characters of an
/// alphabet of `alphabet_size`: `length * log2(alphabet_size)`, and 0 when
/// `alphabet_size < 2` (no choice, no entropy).
///
/// ```
/// // 16 characters of 64: 96 bits.
/// assert_eq!(secrets_core::alphabet::entropy_bits(16, 64), 96.0);
/// ```
pub fn entropy_bits(length: usize, alphabet_size: usize) -> f64 {
    if alphabet_size < 2 {
        return 0.0;
    }
    length as f64 * libm::log2(alphabet_size as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::testing::OsEntropy;
    use crate::rng::testing::*;

    #[test]
    fn validation() {
        assert!(Alphabet::new(b"ab").is_ok());
        assert_eq!(Alphabet::new(b"a").err(), Some(Error::InvalidArgument));
        assert_eq!(Alphabet::new(b"").err(), Some(Error::InvalidArgument));
        assert_eq!(Alphabet::new(b"aba").err(), Some(Error::InvalidArgument));
        assert_eq!(Alphabet::new(b"a\0").err(), Some(Error::InvalidArgument));
        assert_eq!(
            Alphabet::new("aé".as_bytes()).err(),
            Some(Error::InvalidArgument)
        );
        let all: Vec<u8> = (1..=127).collect();
        assert_eq!(Alphabet::new(&all).unwrap().len(), 127);
    }

    #[test]
    fn append_is_push_new_of_each_byte() {
        let parts: [&[u8]; 7] = [
            b"abcdefghijklmnopqrstuvwxyz",
            b"ABCDEFGHJKLMNPQRSTUVWXYZ",
            b"0123456789",
            b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
            b"xyz{",
            b"acegikmoqsuwy",
            b"9:;",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    let mut appended = Alphabet::constant(a);
                    appended.append(&Alphabet::constant(b));
                    appended.append(&Alphabet::constant(c));
                    let mut pushed = Alphabet::constant(a);
                    for &x in b.iter().chain(c) {
                        pushed.push_new(x);
                    }
                    assert_eq!(appended.as_bytes(), pushed.as_bytes());
                    assert_eq!(appended.members, pushed.members);
                    assert_eq!(appended.runs, pushed.runs);
                    let runs = appended.runs.min(MAX_RUNS);
                    assert_eq!(appended.run_start[..runs], pushed.run_start[..runs]);
                    assert_eq!(appended.run_offset[..runs], pushed.run_offset[..runs]);
                    for (i, &x) in pushed.as_bytes().iter().enumerate() {
                        assert_eq!(appended.pick(i as u64), x);
                    }
                }
            }
        }
    }

    #[test]
    fn pick_is_the_indexed_byte() {
        let all: Vec<u8> = (1..=127).rev().collect();
        let a = Alphabet::new(&all).unwrap();
        for (i, &b) in all.iter().enumerate() {
            assert_eq!(a.pick(i as u64), b);
        }
        for len in 2..=127 {
            let a = Alphabet::new(&all[..len]).unwrap();
            for (i, &b) in all[..len].iter().enumerate() {
                assert_eq!(a.pick(i as u64), b, "length {len}");
                assert_eq!(a.pick_by_scan(i as u64), b, "length {len}");
                if a.runs <= MAX_RUNS {
                    assert_eq!(a.pick_in_runs(i as u64), b, "length {len}");
                }
            }
        }
        // Many runs (every other byte), runs of one, and the run limit.
        for step in [2u8, 3, 7] {
            let spaced: Vec<u8> = (1..=127).step_by(step as usize).collect();
            for len in 2..=spaced.len() {
                let a = Alphabet::new(&spaced[..len]).unwrap();
                for (i, &b) in spaced[..len].iter().enumerate() {
                    assert_eq!(a.pick(i as u64), b, "step {step} length {len}");
                    assert_eq!(a.pick_by_scan(i as u64), b);
                    if a.runs <= MAX_RUNS {
                        assert_eq!(a.pick_in_runs(i as u64), b);
                    }
                }
            }
        }
        // Runs that wrap around: "xyzabc0123".
        let a = Alphabet::new(b"xyzabc0123").unwrap();
        assert_eq!(a.runs, 3);
        for (i, &b) in b"xyzabc0123".iter().enumerate() {
            assert_eq!(a.pick_in_runs(i as u64), b);
        }
    }

    #[test]
    fn generate_is_uniform_and_asks_once() {
        let a = Alphabet::new(b"abcde").unwrap();
        let mut counts = [[0u64; 5]; 3];
        let mut src = CountingOs::default();
        let mut out = [0u8; 4];
        for _ in 0..5000 {
            assert_eq!(a.generate(&mut src, &mut out, 3), Ok(3));
            for (pos, &c) in out[..3].iter().enumerate() {
                counts[pos][(c - b'a') as usize] += 1;
            }
        }
        assert_eq!(src.requests, 5000);
        for row in &counts {
            let chi = crate::uniform::tests::chi_square(row);
            assert!(chi < crate::uniform::tests::chi_square_limit(4), "{row:?}");
        }
        assert_eq!(
            a.generate(&mut OsEntropy, &mut out[..3], 4),
            Err(Error::BufferTooSmall)
        );
        assert_eq!(a.generate(&mut Failing, &mut out, 3), Err(Error::Entropy));
    }

    #[test]
    fn entropy() {
        assert_eq!(entropy_bits(10, 2), 10.0);
        assert_eq!(entropy_bits(3, 16), 12.0);
        assert_eq!(entropy_bits(5, 1), 0.0);
        assert_eq!(entropy_bits(5, 0), 0.0);
        assert_eq!(entropy_bits(0, 94), 0.0);
        let huge = usize::MAX as f64 * 12.92481250360578;
        assert!((entropy_bits(usize::MAX, 7776) - huge).abs() < huge * 1e-12);
    }
}
