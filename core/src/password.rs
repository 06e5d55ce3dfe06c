//! Passwords: uniform strings over the character classes a policy chooses
//! (flags), or over a caller's alphabet.
//!
//! Every password is drawn uniformly from **all** strings that satisfy the
//! policy. Under `EACH_CLASS` the whole password is redrawn until
//! every chosen class occurs (rejection sampling); the usual "one of each
//! class, fill, shuffle" recipe is not uniform (it over-weights strings with
//! few characters of a small class) and is not used. The single request is
//! sized from the probability that a draw misses a class, read from a table
//! computed at compile time with integers only, so that a redraw rarely
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

/// Redraws are planned for so that they make a call need a second request
/// with probability below 2^-MISS_BITS (0.1 %), well inside the request
/// promise: one request in at least 99 % of calls (the stream then keys a
/// ChaCha20 stream from one more request, and never needs a third).
const MISS_BITS: u32 = 10;

/// Whole-password draws a plan can provide for, in steps of at most 1.5x.
const ATTEMPTS: [u16; 18] = [
    1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512,
];

/// `PLANS[flags & 0x3f][b]`: the shortest length at which `ATTEMPTS[b]`
/// whole-password draws all fail with probability below 2^-MISS_BITS under
/// `EACH_CLASS` (a length at least this uses at most that many draws). Built
/// at compile time with integer arithmetic only: firmware never links
/// floating-point code to plan a password, and no call computes it.
const PLANS: [PlanRow; 64] = plan_table();

type PlanRow = [u8; ATTEMPTS.len()];

/// A probability in fixed point: `ONE` is 1.0.
const ONE: u128 = 1 << 63;

const fn fixed_mul(a: u128, b: u128) -> u128 {
    (a * b) >> 63
}

const fn fixed_pow(mut x: u128, mut n: u32) -> u128 {
    let mut result = ONE;
    while n > 0 {
        if n & 1 == 1 {
            result = fixed_mul(result, x);
        }
        x = fixed_mul(x, x);
        n >>= 1;
    }
    result
}

/// `THRESHOLDS[b]`: the largest miss probability `x` (fixed point) with
/// `x^ATTEMPTS[b] <= 2^-MISS_BITS`, by bisection.
const THRESHOLDS: [u128; ATTEMPTS.len()] = {
    let target = ONE >> MISS_BITS;
    let mut out = [0; ATTEMPTS.len()];
    let mut b = 0;
    while b < ATTEMPTS.len() {
        let (mut low, mut high) = (0, ONE);
        while low < high {
            let mid = (low + high).div_ceil(2);
            if fixed_pow(mid, ATTEMPTS[b] as u32) <= target {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        out[b] = low;
        b += 1;
    }
    out
};

/// The plan of a policy whose classes have `sizes` (the first `classes`
/// entries) under `EACH_CLASS`: for each length, the probability that a
/// uniform string misses some class, by inclusion-exclusion over the sets of
/// missing classes (each term `((N - excluded) / N)^length`, kept as a
/// running product), compared with [`THRESHOLDS`]. Lengths above 255 take
/// one draw when the row says so at 255 or less; an entry never reached is
/// 255 (the lookup then plans `ATTEMPTS`' largest value).
const fn plan_row(sizes: &[usize; MAX_CLASSES], classes: usize) -> PlanRow {
    let n: usize = {
        let (mut sum, mut k) = (0, 0);
        while k < classes {
            sum += sizes[k];
            k += 1;
        }
        sum
    };
    let subsets = 1usize << classes;
    let mut ratio = [0u128; 1 << MAX_CLASSES];
    let mut power = [ONE; 1 << MAX_CLASSES];
    let mut t = 1;
    while t < subsets {
        let (mut excluded, mut k) = (0, 0);
        while k < classes {
            if t & (1 << k) != 0 {
                excluded += sizes[k];
            }
            k += 1;
        }
        ratio[t] = ((n - excluded) as u128 * ONE) / n as u128;
        t += 1;
    }
    let mut row = [u8::MAX; ATTEMPTS.len()];
    let mut length = 1;
    while length <= u8::MAX as usize {
        let mut miss: i128 = 0;
        let mut t = 1;
        while t < subsets {
            power[t] = fixed_mul(power[t], ratio[t]);
            if t.count_ones() % 2 == 1 {
                miss += power[t] as i128;
            } else {
                miss -= power[t] as i128;
            }
            t += 1;
        }
        let miss = if miss < 0 { 0 } else { miss as u128 };
        let mut b = 0;
        while b < ATTEMPTS.len() {
            if row[b] == u8::MAX && length >= classes && miss <= THRESHOLDS[b] {
                row[b] = length as u8;
            }
            b += 1;
        }
        length += 1;
    }
    row
}

const fn plan_table() -> [PlanRow; 64] {
    let mut table = [[0; ATTEMPTS.len()]; 64];
    let mut flags = 0;
    while flags < 64 {
        let both_symbols = SYMBOLS | SAFE_SYMBOLS;
        let no_ambiguous = flags & NO_AMBIGUOUS != 0;
        let mut sizes = [0; MAX_CLASSES];
        let mut classes = 0;
        let mut k = 0;
        while k < CLASSES.len() && flags & both_symbols != both_symbols {
            if flags & CLASSES[k].0 != 0 {
                sizes[classes] = CLASS_ALPHABETS[no_ambiguous as usize][k].len();
                classes += 1;
            }
            k += 1;
        }
        if classes > 0 {
            table[flags as usize] = plan_row(&sizes, classes);
            // Every policy is planned for at its shortest length, and takes a
            // single draw before the table ends.
            assert!(table[flags as usize][ATTEMPTS.len() - 1] as usize == classes);
            assert!(table[flags as usize][0] < u8::MAX);
        }
        flags += 1;
    }
    table
}

/// A validated password policy: the alphabet, where each class ends in it,
/// and whether every class must occur.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    alphabet: Alphabet,
    class_ends: [usize; MAX_CLASSES],
    classes: usize,
    each_class: bool,
    /// The row of [`PLANS`] (or of [`plan_row`]) for this policy.
    plan: PlanRow,
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
            plan: PLANS[(flags & 0x3f) as usize],
        };
        let no_ambiguous = flags & NO_AMBIGUOUS != 0;
        let class_alphabets = &CLASS_ALPHABETS[no_ambiguous as usize];
        for ((flag, _), class) in CLASSES.iter().zip(class_alphabets) {
            if flags & flag == 0 {
                continue;
            }
            policy.alphabet.append(class);
            // At most MAX_CLASSES (the symbol sets exclude each other).
            if let Some(end) = policy.class_ends.get_mut(policy.classes) {
                *end = policy.alphabet.len();
                policy.classes += 1;
            }
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
            plan: [1; ATTEMPTS.len()],
        }
    }

    /// The characters a password may contain, class by class.
    #[cfg(test)]
    pub fn alphabet(&self) -> &Alphabet {
        &self.alphabet
    }

    /// Sizes of the chosen classes.
    fn class_sizes(&self) -> impl Iterator<Item = usize> + '_ {
        let ends = self.class_ends.iter().take(self.classes);
        ends.scan(0, |start, &end| Some(end - core::mem::replace(start, end)))
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
    /// probability below 2^-MISS_BITS (a table look-up).
    fn planned_attempts(&self, length: usize) -> usize {
        if !self.each_class {
            return 1;
        }
        // Rows fall with the step; past a row's end, the largest plan.
        ATTEMPTS
            .iter()
            .zip(self.plan)
            .find(|&(_, shortest)| length >= shortest as usize)
            .map_or(ATTEMPTS[ATTEMPTS.len() - 1], |(&attempts, _)| attempts) as usize
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
        for (k, &end) in self.class_ends.iter().take(self.classes).enumerate() {
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
            plan: plan_row(&[1, 1, 0, 0], 2),
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
            plan: plan_row(&[3, 1, 0, 0], 2),
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

    /// The integer plan table against the floating-point computation it
    /// replaces: never fewer draws than needed, at most 1.5 times as many.
    #[test]
    fn plan_table_matches_the_exact_probabilities() {
        let mut rows = 0;
        for flags in 0..EACH_CLASS {
            let Ok(policy) = Policy::from_flags(flags | EACH_CLASS) else {
                continue;
            };
            rows += 1;
            for length in policy.classes..=400 {
                let reject = 1.0 - policy.acceptance(length);
                let needed = if reject <= 0.0 {
                    1.0
                } else {
                    (f64::from(MISS_BITS) / -reject.log2()).ceil().max(1.0)
                };
                let planned = policy.planned_attempts(length) as f64;
                assert!(
                    planned >= needed,
                    "{flags:#x} L={length}: {planned} < {needed}"
                );
                assert!(
                    planned <= (needed * 1.5).ceil(),
                    "{flags:#x} L={length}: {planned} vs {needed}"
                );
            }
        }
        // Classes: 8 letter/digit sets times 3 symbol choices, less the empty
        // one, with and without NO_AMBIGUOUS.
        assert_eq!(rows, 2 * (8 * 3 - 1));
    }

    #[test]
    fn pow_int_matches_pow() {
        for x in [0.0, 0.25, 0.5, 84.0 / 94.0, 0.999, 1.0] {
            for n in [0usize, 1, 2, 3, 16, 100, 4096, usize::MAX / 8] {
                let (ours, theirs) = (pow_int(x, n), libm::pow(x, n as f64));
                assert!((ours - theirs).abs() <= theirs * 1e-12 + 1e-300, "{x}^{n}");
            }
        }
    }

    #[test]
    fn huge_lengths_have_finite_entropy() {
        for flags in [DEFAULT, DIGITS] {
            let p = Policy::from_flags(flags).unwrap();
            for length in [1000, usize::MAX / 8, usize::MAX] {
                let bits = p.entropy_bits(length);
                assert!(bits.is_finite() && bits > 0.0);
                let n = p.alphabet().len() as f64;
                assert!((bits - length as f64 * n.log2()).abs() <= bits * 1e-12);
            }
        }
    }

    /// The request promise: one request in at least 99 % of calls. 300
    /// calls with more than 12 that needed another would happen with
    /// probability below 10^-4 at a rate of 1 %.
    #[test]
    fn one_request_in_nearly_every_call() {
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
            let mut more = 0;
            for _ in 0..300 {
                let before = src.requests;
                policy.generate(&mut src, &mut out, length).unwrap();
                more += usize::from(src.requests - before > 1);
            }
            assert!(more <= 12, "{flags:#x} L={length}: {more} of 300");
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
