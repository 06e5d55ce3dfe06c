//! Alphabets: sets of distinct ASCII bytes, and uniformly random strings
//! over them (the engine of passwords, one-time codes and API keys).
//!
//! Each character is an exact uniform draw ([`uniform::below`]) of an index
//! into the alphabet. The index is secret, so the character is picked by a
//! pass over the whole alphabet with arithmetic masks instead of a table
//! look-up whose cache line would depend on it.

use crate::encode::mask_eq;
use crate::error::{Error, Result, text_area};
use crate::rng::{EntropySource, RandomStream, with_stream};
use crate::uniform;

/// Largest alphabet: every non-NUL ASCII byte.
pub(crate) const MAX_ALPHABET: usize = 127;

/// A set of 2 to 127 distinct non-NUL ASCII bytes, in a fixed order.
#[derive(Clone, Copy, Debug)]
pub struct Alphabet {
    bytes: [u8; MAX_ALPHABET],
    len: usize,
}

impl Alphabet {
    /// An alphabet with no byte yet, to be built with [`Alphabet::push_new`].
    pub(crate) const fn empty() -> Alphabet {
        Alphabet {
            bytes: [0; MAX_ALPHABET],
            len: 0,
        }
    }

    /// Validates a caller's alphabet: at least 2 bytes, all distinct, all
    /// ASCII and non-NUL (so that outputs are ASCII text and no multi-byte
    /// UTF-8 character can be split). Anything else is `InvalidArgument`.
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

    /// Appends `b` unless it is already present (alphabets hold at most the
    /// 127 distinct ASCII bytes, so there is always room for a new one).
    pub(crate) fn push_new(&mut self, b: u8) {
        if !self.contains(b) && self.len < MAX_ALPHABET {
            self.bytes[self.len] = b;
            self.len += 1;
        }
    }

    /// Whether `b` is in the alphabet (not constant time: for building).
    pub(crate) fn contains(&self, b: u8) -> bool {
        self.as_bytes().contains(&b)
    }

    /// The bytes, in order.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the alphabet has no byte (only while being built).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The byte at `index` (< len), read in time independent of `index`.
    pub fn pick(&self, index: u64) -> u8 {
        let index = index as u32;
        let mut picked = 0u32;
        for (i, &b) in self.as_bytes().iter().enumerate() {
            picked |= mask_eq(i as u32, index) & b as u32;
        }
        picked as u8
    }

    /// Bytes to plan for `count` characters.
    pub fn plan(&self, count: usize) -> usize {
        uniform::plan_bytes(count, self.len as u64)
    }

    /// Overwrites `text` with uniform characters drawn from `stream`.
    pub fn fill<S: EntropySource>(
        &self,
        stream: &mut RandomStream<'_, S>,
        text: &mut [u8],
    ) -> Result<()> {
        for c in text {
            *c = self.pick(uniform::below(stream, self.len as u64)?);
        }
        Ok(())
    }

    /// Writes `length` uniform characters at the start of `out` (room for
    /// the NUL checked) with one request to `source`; returns `length`.
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
pub fn entropy_bits(length: usize, alphabet_size: usize) -> f64 {
    if alphabet_size < 2 {
        return 0.0;
    }
    length as f64 * libm::log2(alphabet_size as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::OsEntropy;
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
    fn pick_is_the_indexed_byte() {
        let all: Vec<u8> = (1..=127).rev().collect();
        let a = Alphabet::new(&all).unwrap();
        for (i, &b) in all.iter().enumerate() {
            assert_eq!(a.pick(i as u64), b);
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
            a.generate(&mut OsEntropy, &mut out, 4),
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
        assert!(
            (entropy_bits(usize::MAX, 7776) - 1.8446744073709552e19 * 12.92481250360578).abs()
                < 1e7
        );
    }
}
