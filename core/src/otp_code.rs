//! Random one-time codes to send or show to a person (e-mail or SMS
//! verification codes, recovery codes). Not HOTP/TOTP, which derive codes
//! from a key (see `hotp_totp`).
//!
//! A numeric code of `d` digits is `d` independent uniform digits, which is
//! exactly a uniform choice among all 10^d values with leading zeros kept.

use crate::alphabet::Alphabet;
use crate::error::{Error, Result};
use crate::rng::EntropySource;

/// Longest numeric code (212 bits).
pub const MAX_DIGITS: usize = 64;
/// Longest alphanumeric code (320 bits).
pub const MAX_ALPHANUMERIC: usize = 64;

/// Digits of numeric codes.
const DIGITS: Alphabet = Alphabet::constant(b"0123456789");
/// Alphanumeric codes: digits and capitals without the look-alikes 0 O 1 I
/// (32 characters, 5 bits each, easy to read out and type).
pub(crate) const ALPHANUMERIC: Alphabet = Alphabet::constant(b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ");

/// Writes a uniform code of `digits` decimal digits (1..=64, else
/// `InvalidArgument`); returns `digits`.
pub fn numeric<S: EntropySource>(source: &mut S, out: &mut [u8], digits: usize) -> Result<usize> {
    generate(source, out, digits, MAX_DIGITS, &DIGITS)
}

/// Writes a uniform code of `length` characters of [`ALPHANUMERIC`]
/// (1..=64, else `InvalidArgument`); returns `length`.
pub fn alphanumeric<S: EntropySource>(
    source: &mut S,
    out: &mut [u8],
    length: usize,
) -> Result<usize> {
    generate(source, out, length, MAX_ALPHANUMERIC, &ALPHANUMERIC)
}

fn generate<S: EntropySource>(
    source: &mut S,
    out: &mut [u8],
    length: usize,
    max: usize,
    chars: &Alphabet,
) -> Result<usize> {
    if !(1..=max).contains(&length) {
        return Err(Error::InvalidArgument);
    }
    // Performance: the alphabets are built at compile time.
    chars.generate(source, out, length)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::testing::OsEntropy;
    use crate::rng::testing::*;
    use crate::uniform::tests::{chi_square, chi_square_limit};

    #[test]
    fn lengths() {
        let mut out = [0xffu8; 66];
        for d in [1, 6, 19, 20, 64] {
            assert_eq!(numeric(&mut OsEntropy, &mut out, d), Ok(d));
            assert!(out[..d].iter().all(u8::is_ascii_digit));
            assert_eq!(alphanumeric(&mut OsEntropy, &mut out, d), Ok(d));
            assert!(out[..d].iter().all(|c| ALPHANUMERIC.as_bytes().contains(c)));
        }
        for bad in [0, 65, usize::MAX] {
            assert_eq!(
                numeric(&mut OsEntropy, &mut out, bad),
                Err(Error::InvalidArgument)
            );
            assert_eq!(
                alphanumeric(&mut OsEntropy, &mut out, bad),
                Err(Error::InvalidArgument)
            );
        }
        assert_eq!(
            numeric(&mut OsEntropy, &mut out[..5], 6),
            Err(Error::BufferTooSmall)
        );
        assert_eq!(numeric(&mut Failing, &mut out, 6), Err(Error::Entropy));
    }

    #[test]
    fn alphanumeric_alphabet_is_32_distinct_characters() {
        assert_eq!(Alphabet::new(ALPHANUMERIC.as_bytes()).unwrap().len(), 32);
        assert!(!ALPHANUMERIC.as_bytes().iter().any(|c| b"01OI".contains(c)));
    }

    #[test]
    fn every_digit_position_is_uniform() {
        let mut counts = [[0u64; 10]; 8];
        let mut alnum = [[0u64; 32]; 8];
        let mut src = CountingOs::default();
        let mut out = [0u8; 9];
        for _ in 0..5000 {
            numeric(&mut src, &mut out, 8).unwrap();
            for (pos, c) in out[..8].iter().enumerate() {
                counts[pos][(c - b'0') as usize] += 1;
            }
            alphanumeric(&mut src, &mut out, 8).unwrap();
            for (pos, c) in out[..8].iter().enumerate() {
                alnum[pos][ALPHANUMERIC.as_bytes().iter().position(|a| a == c).unwrap()] += 1;
            }
        }
        assert_eq!(src.requests, 10_000);
        for row in &counts {
            assert!(chi_square(row) < chi_square_limit(9), "{row:?}");
        }
        for row in &alnum {
            assert!(chi_square(row) < chi_square_limit(31), "{row:?}");
        }
    }
}
