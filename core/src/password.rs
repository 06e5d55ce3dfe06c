//! Passwords: uniform strings over the character classes a policy chooses
//! (flags), or over a caller's alphabet.
//!
//! Every password is drawn uniformly from **all** strings that satisfy the
//! policy. Under `EACH_CLASS` the whole password is redrawn until
//! every chosen class occurs (rejection sampling); the usual "one of each
//! class, fill, shuffle" recipe is not uniform (it over-weights strings with
//! few characters of a small class) and is not used. The single OS request
//! is sized from the exact acceptance probability so that a redraw rarely
//! needs more bytes.

use crate::alphabet::{Alphabet, entropy_bits};
use crate::ct::mask_lt;
use crate::error::{Error, Result, text_area};
use crate::rng::{EntropySource, RandomStream, with_stream};
use crate::uniform;

/// Password class: lowercase letters `a-z` (26).
pub const LOWER: u32 = 0x01;
/// Password class: uppercase letters `A-Z` (26).
pub const UPPER: u32 = 0x02;
/// Password class: digits `0-9` (10).
pub const DIGITS: u32 = 0x04;
/// Password class: the 32 ASCII punctuation characters.
pub const SYMBOLS: u32 = 0x08;
/// Password class, instead of [`SYMBOLS`] (not with it): the 12 shell- and
/// URL-friendlier symbols `!@#$%^&*-_+.`.
pub const SAFE_SYMBOLS: u32 = 0x10;
/// Modifier: drop the 10 look-alike characters `0 O o 1 I l | ' " ``.
pub const NO_AMBIGUOUS: u32 = 0x20;
/// Modifier: at least one character of every chosen class (the password
/// stays uniform over the strings that satisfy this).
pub const EACH_CLASS: u32 = 0x40;
/// Lowercase, uppercase, digits and symbols, at least one of each.
///
/// ```
/// use secrets_core::password::{DEFAULT, Policy};
/// # use secrets_core::testing::TestSource;
/// let mut out = [0u8; 16];
/// let len = Policy::from_flags(DEFAULT)?.generate(&mut TestSource::default(), &mut out, 16)?;
/// assert_eq!(len, 16);
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub const DEFAULT: u32 = LOWER | UPPER | DIGITS | SYMBOLS | EACH_CLASS;

/// Every flag this version knows.
const KNOWN_FLAGS: u32 = 0x7f;

/// The classes, in the order their characters appear in the alphabet.
const CLASSES: [(u32, &[u8]); 5] = [
    (LOWER, b"abcdefghijklmnopqrstuvwxyz"),
    (UPPER, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    (DIGITS, b"0123456789"),
    (SYMBOLS, b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    (SAFE_SYMBOLS, b"!@#$%^&*-_+."),
];

/// What `NO_AMBIGUOUS` removes.
pub(crate) const AMBIGUOUS: &[u8] = b"0Oo1Il|'\"`";

/// The classes as alphabets built at compile time, as they are (`[0]`) and
/// without the look-alikes (`[1]`). Performance: a policy is assembled by
/// appending whole classes rather than byte by byte on every call.
const CLASS_ALPHABETS: [[Alphabet; CLASSES.len()]; 2] = class_alphabets();

const fn class_alphabets() -> [[Alphabet; CLASSES.len()]; 2] {
    let mut out = [[Alphabet::empty(); CLASSES.len()]; 2];
    let mut k = 0;
    while k < CLASSES.len() {
        let chars = CLASSES[k].1;
        let mut i = 0;
        while i < chars.len() {
            out[0][k].push_new(chars[i]);
            if !is_ambiguous(chars[i]) {
                out[1][k].push_new(chars[i]);
            }
            i += 1;
        }
        k += 1;
    }
    out
}

const fn is_ambiguous(c: u8) -> bool {
    let mut i = 0;
    while i < AMBIGUOUS.len() {
        if AMBIGUOUS[i] == c {
            return true;
        }
        i += 1;
    }
    false
}

/// At most four classes can be chosen together (the two symbol sets exclude
/// each other).
const MAX_CLASSES: usize = 4;

/// Redraws are planned for so that a call needs a second OS request with
/// probability below 2^-MISS_BITS.
const MISS_BITS: f64 = 30.0;

/// A validated password policy: the alphabet, where each class ends in it,
/// and whether every class must occur.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    alphabet: Alphabet,
    class_ends: [usize; MAX_CLASSES],
    classes: usize,
    each_class: bool,
}

impl Policy {
    /// The policy of `flags`, or `InvalidArgument` for an unknown bit, no
    /// class, or both symbol sets.
    pub fn from_flags(flags: u32) -> Result<Policy> {
        let both_symbols = SYMBOLS | SAFE_SYMBOLS;
        if flags & !KNOWN_FLAGS != 0 || flags & both_symbols == both_symbols {
            return Err(Error::InvalidArgument);
        }
        let mut policy = Policy {
            alphabet: Alphabet::empty(),
            class_ends: [0; MAX_CLASSES],
            classes: 0,
            each_class: flags & EACH_CLASS != 0,
        };
        let no_ambiguous = flags & NO_AMBIGUOUS != 0;
        let class_alphabets = &CLASS_ALPHABETS[no_ambiguous as usize];
        for (k, _) in CLASSES
            .iter()
            .enumerate()
            .filter(|(_, (flag, _))| flags & flag != 0)
        {
            policy.alphabet.append(&class_alphabets[k]);
            policy.class_ends[policy.classes] = policy.alphabet.len();
            policy.classes += 1;
        }
        if policy.classes == 0 {
            return Err(Error::InvalidArgument);
        }
        Ok(policy)
    }

    /// The policy of a caller's alphabet: one class, every string allowed.
    pub fn from_alphabet(alphabet: Alphabet) -> Policy {
        let mut class_ends = [0; MAX_CLASSES];
        class_ends[0] = alphabet.len();
        Policy {
            alphabet,
            class_ends,
            classes: 1,
            each_class: false,
        }
    }

    /// The characters a password may contain, class by class.
    #[cfg(test)]
    pub fn alphabet(&self) -> &Alphabet {
        &self.alphabet
    }

    /// Sizes of the chosen classes.
    fn class_sizes(&self) -> impl Iterator<Item = usize> + '_ {
        let ends = &self.class_ends[..self.classes];
        ends.iter()
            .scan(0, |start, &end| Some(end - core::mem::replace(start, end)))
    }

    /// Lengths 0 and, under `EACH_CLASS`, lengths shorter than the number
    /// of classes have no valid password: `InvalidArgument`.
    pub fn check_length(&self, length: usize) -> Result<()> {
        let shortest = if self.each_class { self.classes } else { 1 };
        if length < shortest {
            return Err(Error::InvalidArgument);
        }
        Ok(())
    }

    /// Probability that `length` uniform characters of the alphabet contain
    /// every class (1 without `EACH_CLASS`). Inclusion–exclusion over the
    /// sets `T` of missing classes: `sum (-1)^|T| ((N - |T's chars|) / N)^L`,
    /// every term a ratio at most 1, so huge lengths give 0 terms, never
    /// infinities or NaN.
    fn acceptance(&self, length: usize) -> f64 {
        if !self.each_class {
            return 1.0;
        }
        let n = self.alphabet.len() as f64;
        let mut sum = 0.0;
        for missing in 0u32..1 << self.classes {
            let excluded: usize = self
                .class_sizes()
                .enumerate()
                .filter(|(k, _)| missing & (1 << k) != 0)
                .map(|(_, size)| size)
                .sum();
            let term = pow_int((n - excluded as f64) / n, length);
            sum += if missing.count_ones() % 2 == 0 {
                term
            } else {
                -term
            };
        }
        sum.clamp(0.0, 1.0)
    }

    /// `log2` of the number of valid passwords of `length`, exactly
    /// `length * log2(N) + log2(acceptance)`; 0 for an invalid length.
    pub fn entropy_bits(&self, length: usize) -> f64 {
        if self.check_length(length).is_err() {
            return 0.0;
        }
        let p = self.acceptance(length);
        if p <= 0.0 {
            return 0.0;
        }
        entropy_bits(length, self.alphabet.len()) + libm::log2(p)
    }

    /// Whole-password draws to plan for: enough that all of them fail with
    /// probability below 2^-MISS_BITS.
    fn planned_attempts(&self, length: usize) -> usize {
        let reject = 1.0 - self.acceptance(length);
        if reject <= 0.0 {
            return 1;
        }
        let attempts = libm::ceil(MISS_BITS / -libm::log2(reject));
        // `as` saturates; the stream caps any plan at its largest pool.
        (attempts as usize).clamp(1, 4096)
    }

    /// Writes a password of `length` characters at the start of `out` with
    /// one request to `source`; returns `length`.
    pub fn generate<S: EntropySource>(
        &self,
        source: &mut S,
        out: &mut [u8],
        length: usize,
    ) -> Result<usize> {
        self.check_length(length)?;
        let text = text_area(out, length)?;
        let draws = length.saturating_mul(self.planned_attempts(length));
        let every_class = (1u32 << self.classes) - 1;
        with_stream(source, self.alphabet.plan(draws), |stream| {
            loop {
                let seen = self.draw(stream, text)?;
                if !self.each_class || seen == every_class {
                    return Ok(length);
                }
            }
        })
    }

    /// Overwrites `text` with uniform characters; returns the set of
    /// classes seen as bits, computed without branching on the characters.
    fn draw<S: EntropySource>(
        &self,
        stream: &mut RandomStream<'_, S>,
        text: &mut [u8],
    ) -> Result<u32> {
        let mut seen = 0;
        for c in text.iter_mut() {
            let index = uniform::below(stream, self.alphabet.len() as u64)?;
            *c = self.alphabet.pick(index);
            seen |= self.class_bits(index as u32);
        }
        Ok(seen)
    }

    /// The class of alphabet index `index`, as a one-bit mask.
    fn class_bits(&self, index: u32) -> u32 {
        let mut bits = 0;
        let mut start = 0;
        for (k, &end) in self.class_ends[..self.classes].iter().enumerate() {
            bits |= !mask_lt(index, start) & mask_lt(index, end as u32) & (1 << k);
            start = end as u32;
        }
        bits
    }
}

/// `x^n` for `0 <= x <= 1` by repeated squaring (performance: a few
/// multiplications instead of a general `pow` per class subset per call;
/// the relative error grows only with log2(n)).
fn pow_int(mut x: f64, mut n: usize) -> f64 {
    let mut result = 1.0;
    while n > 0 {
        if n & 1 == 1 {
            result *= x;
        }
        x *= x;
        n >>= 1;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::testing::OsEntropy;
    use crate::rng::testing::*;
    use crate::uniform::tests::{chi_square, chi_square_limit};

    const DEFAULT_NO_AMBIGUOUS: u32 = DEFAULT | NO_AMBIGUOUS;

    fn make(flags: u32, length: usize) -> Vec<u8> {
        let mut out = vec![0u8; length + 1];
        let policy = Policy::from_flags(flags).unwrap();
        assert_eq!(
            policy.generate(&mut OsEntropy, &mut out, length),
            Ok(length)
        );
        out.truncate(length);
        out
    }

    #[test]
    fn class_sizes_are_documented() {
        let sizes = |flags| {
            Policy::from_flags(flags)
                .unwrap()
                .class_sizes()
                .collect::<Vec<_>>()
        };
        assert_eq!(sizes(DEFAULT), [26, 26, 10, 32]);
        assert_eq!(sizes(DEFAULT_NO_AMBIGUOUS), [24, 24, 8, 28]);
        assert_eq!(sizes(SAFE_SYMBOLS | NO_AMBIGUOUS), [12]);
        assert_eq!(sizes(DIGITS | LOWER), [26, 10]);
    }

    #[test]
    fn invalid_policies() {
        let invalid = [
            0,
            NO_AMBIGUOUS,
            EACH_CLASS | NO_AMBIGUOUS,
            SYMBOLS | SAFE_SYMBOLS,
            LOWER | 0x80,
            LOWER | 0x8000_0000,
        ];
        for flags in invalid {
            assert_eq!(
                Policy::from_flags(flags).err(),
                Some(Error::InvalidArgument)
            );
        }
        let p = Policy::from_flags(DEFAULT).unwrap();
        let mut out = [0u8; 8];
        for length in [0, 1, 3] {
            assert_eq!(
                p.generate(&mut OsEntropy, &mut out, length),
                Err(Error::InvalidArgument)
            );
            assert_eq!(p.entropy_bits(length), 0.0);
        }
        assert_eq!(p.generate(&mut OsEntropy, &mut out, 4), Ok(4));
        assert_eq!(
            p.generate(&mut OsEntropy, &mut out, 9),
            Err(Error::BufferTooSmall)
        );
        assert_eq!(
            p.generate(&mut OsEntropy, &mut out, usize::MAX),
            Err(Error::InvalidArgument)
        );
        assert_eq!(p.generate(&mut Failing, &mut out, 4), Err(Error::Entropy));
    }

    #[test]
    fn passwords_follow_their_policy() {
        for flags in [
            DEFAULT,
            DEFAULT_NO_AMBIGUOUS,
            LOWER | DIGITS | EACH_CLASS,
            UPPER | SAFE_SYMBOLS | EACH_CLASS | NO_AMBIGUOUS,
            DIGITS,
        ] {
            let policy = Policy::from_flags(flags).unwrap();
            for length in [4, 5, 8, 30] {
                for _ in 0..200 {
                    let pw = make(flags, length);
                    assert!(pw.iter().all(|c| policy.alphabet().as_bytes().contains(c)));
                    if flags & NO_AMBIGUOUS != 0 {
                        assert!(pw.iter().all(|c| !AMBIGUOUS.contains(c)));
                    }
                    if flags & EACH_CLASS != 0 {
                        for (flag, chars) in CLASSES {
                            if flags & flag != 0 {
                                assert!(pw.iter().any(|c| chars.contains(c)), "{flags:#x}");
                            }
                        }
                    }
                }
            }
        }
    }

    /// Under EACH_CLASS every valid string is equally likely. With classes
    /// {a} and {0} and length 4 the 14 valid strings must be equally
    /// frequent; "one of each class, fill, shuffle" would give aa00 1/12
    /// and aaa0 1/16 and fail this test.
    #[test]
    fn each_class_is_uniform_over_valid_strings() {
        let policy = Policy {
            alphabet: Alphabet::new(b"a0").unwrap(),
            class_ends: [1, 2, 0, 0],
            classes: 2,
            each_class: true,
        };
        let mut counts = [0u64; 16];
        let mut out = [0u8; 5];
        for _ in 0..14_000 {
            policy.generate(&mut OsEntropy, &mut out, 4).unwrap();
            let code = out[..4]
                .iter()
                .fold(0, |acc, &c| acc * 2 + usize::from(c == b'0'));
            counts[code] += 1;
        }
        assert_eq!((counts[0], counts[15]), (0, 0));
        let valid = &counts[1..15];
        assert!(chi_square(valid) < chi_square_limit(13), "{valid:?}");
        assert!((policy.entropy_bits(4) - 14f64.log2()).abs() < 1e-12);
    }

    #[test]
    fn without_each_class_positions_are_uniform() {
        let flags = LOWER | UPPER | DIGITS | SYMBOLS;
        let policy = Policy::from_flags(flags).unwrap();
        let mut counts = vec![[0u64; 94]; 6];
        for _ in 0..20_000 {
            for (pos, c) in make(flags, 6).iter().enumerate() {
                let at = policy.alphabet().as_bytes().iter().position(|a| a == c);
                counts[pos][at.unwrap()] += 1;
            }
        }
        for row in &counts {
            assert!(chi_square(row) < chi_square_limit(93));
        }
    }

    #[test]
    fn each_position_is_uniform_over_the_alphabet() {
        // Length 4 with 4 classes: rejection matters most here. Conditioned
        // on every class, a position's character c has probability
        // proportional to (valid strings with c there) = count(3 positions
        // covering the other classes): uniform within a class, not across.
        // So test uniformity within each class at every position.
        let flags = DEFAULT;
        let policy = Policy::from_flags(flags).unwrap();
        let mut counts = vec![[0u64; 94]; 4];
        for _ in 0..40_000 {
            let pw = make(flags, 4);
            for (pos, c) in pw.iter().enumerate() {
                let at = policy.alphabet().as_bytes().iter().position(|a| a == c);
                counts[pos][at.unwrap()] += 1;
            }
        }
        for row in &counts {
            let mut start = 0;
            for end in policy.class_ends {
                let class = &row[start..end];
                assert!(
                    chi_square(class) < chi_square_limit(class.len() - 1),
                    "{class:?}"
                );
                start = end;
            }
            // And across classes, the exact conditional weights: a class of
            // size c at a fixed position appears in c * 3! * (product of
            // the other three sizes) of the 4! * product valid strings,
            // i.e. each class 1/4 of the time.
            let per_class: Vec<u64> = {
                let mut s = 0;
                policy
                    .class_ends
                    .iter()
                    .map(|&e| {
                        let t = row[s..e].iter().sum();
                        s = e;
                        t
                    })
                    .collect()
            };
            assert!(
                chi_square(&per_class) < chi_square_limit(3),
                "{per_class:?}"
            );
        }
    }

    /// The number of valid strings by brute force over class patterns: each
    /// sequence of class indices covering every class contributes the
    /// product of its classes' sizes.
    fn brute_count(sizes: &[usize], length: usize, each: bool) -> u128 {
        let k = sizes.len();
        let mut total = 0u128;
        let mut pattern = vec![0usize; length];
        loop {
            let mut seen = 0u32;
            let mut product = 1u128;
            for &c in &pattern {
                seen |= 1 << c;
                product *= sizes[c] as u128;
            }
            if !each || seen == (1 << k) - 1 {
                total += product;
            }
            // Next pattern (odometer).
            let mut i = 0;
            loop {
                if i == length {
                    return total;
                }
                pattern[i] += 1;
                if pattern[i] < k {
                    break;
                }
                pattern[i] = 0;
                i += 1;
            }
        }
    }

    #[test]
    fn entropy_is_exact() {
        for flags in [
            DEFAULT,
            DEFAULT_NO_AMBIGUOUS,
            LOWER | DIGITS | EACH_CLASS,
            LOWER | UPPER | SAFE_SYMBOLS | EACH_CLASS,
            LOWER | SYMBOLS,
        ] {
            let policy = Policy::from_flags(flags).unwrap();
            let sizes: Vec<usize> = policy.class_sizes().collect();
            let each = flags & EACH_CLASS != 0;
            for length in policy.classes.max(1)..=9 {
                let count = brute_count(&sizes, length, each) as f64;
                let bits = policy.entropy_bits(length);
                assert!(
                    (bits - count.log2()).abs() < 1e-9,
                    "{flags:#x} L={length}: {bits} vs {}",
                    count.log2()
                );
            }
        }
        // Without EACH_CLASS it is length * log2(N).
        let p = Policy::from_flags(LOWER | UPPER).unwrap();
        assert_eq!(p.entropy_bits(10), 10.0 * 52f64.log2());
    }

    #[test]
    fn entropy_by_enumerating_strings() {
        // A real enumeration of every string, on a custom 4-character
        // alphabet split into classes {a, b, c} and {1}.
        let policy = Policy {
            alphabet: Alphabet::new(b"abc1").unwrap(),
            class_ends: [3, 4, 0, 0],
            classes: 2,
            each_class: true,
        };
        for length in 2..=7u32 {
            let valid = (0..4u32.pow(length))
                .filter(|&code| {
                    let digits: Vec<u32> = (0..length).map(|i| code / 4u32.pow(i) % 4).collect();
                    digits.contains(&3) && digits.iter().any(|&d| d < 3)
                })
                .count() as f64;
            assert!((policy.entropy_bits(length as usize) - valid.log2()).abs() < 1e-9);
        }
    }

    #[test]
    fn pow_int_matches_pow() {
        for x in [0.0, 0.25, 0.5, 84.0 / 94.0, 0.999, 1.0] {
            for n in [0usize, 1, 2, 3, 16, 100, 4096, 1 << 40] {
                let (ours, theirs) = (pow_int(x, n), libm::pow(x, n as f64));
                assert!((ours - theirs).abs() <= theirs * 1e-12 + 1e-300, "{x}^{n}");
            }
        }
    }

    #[test]
    fn huge_lengths_have_finite_entropy() {
        for flags in [DEFAULT, DIGITS] {
            let p = Policy::from_flags(flags).unwrap();
            for length in [1000, 1 << 40, usize::MAX] {
                let bits = p.entropy_bits(length);
                assert!(bits.is_finite() && bits > 0.0);
                let n = p.alphabet().len() as f64;
                assert!((bits - length as f64 * n.log2()).abs() <= bits * 1e-12);
            }
        }
    }

    #[test]
    fn one_request_per_password() {
        for (flags, length) in [
            (DEFAULT, 4),
            (DEFAULT, 5),
            (DEFAULT, 8),
            (DEFAULT, 16),
            (DEFAULT_NO_AMBIGUOUS & !SYMBOLS | SAFE_SYMBOLS, 4),
            (LOWER | DIGITS, 4000),
            (DEFAULT, 4000),
        ] {
            let policy = Policy::from_flags(flags).unwrap();
            let mut src = CountingOs::default();
            let mut out = [0u8; 4001];
            for _ in 0..300 {
                policy.generate(&mut src, &mut out, length).unwrap();
            }
            assert_eq!(src.requests, 300, "{flags:#x} L={length}");
        }
    }

    #[test]
    fn custom_alphabet() {
        let policy = Policy::from_alphabet(Alphabet::new(b"xyz").unwrap());
        let mut out = [0u8; 11];
        assert_eq!(policy.generate(&mut OsEntropy, &mut out, 10), Ok(10));
        assert!(out[..10].iter().all(|c| b"xyz".contains(c)));
        assert_eq!(policy.entropy_bits(10), 10.0 * 3f64.log2());
        assert_eq!(
            policy.generate(&mut OsEntropy, &mut out, 0),
            Err(Error::InvalidArgument)
        );
    }
}
