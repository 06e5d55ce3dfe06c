//! Random one-time codes to send or show to a person (e-mail or SMS
//! verification codes, recovery codes). Not HOTP/TOTP, which derive codes
//! from a key (see `hotp_totp`).
//!
//! A numeric code of `d` digits is `d` independent uniform digits, which is
//! exactly a uniform choice among all 10^d values with leading zeros kept.
//!
//! ```
//! # let source = &mut secrets_core::testing::TestSource::default();
//! let mut code = [0u8; 6];
//! let len = secrets_core::otp_code::numeric(source, &mut code, 6)?;
//! // Leading zeros are kept: `code` may well be "000042".
//! assert_eq!(len, 6);
//! # Ok::<(), secrets_core::Error>(())
//! ```

use crate::alphabet::Alphabet;
use crate::error::{Error, Result};
use crate::rng::EntropySource;

/// Longest numeric code (212 bits).
///
/// ```
/// use secrets_core::{Error, otp_code};
/// # let source = &mut secrets_core::testing::TestSource::default();
/// let mut out = [0u8; 65];
/// assert_eq!(otp_code::numeric(source, &mut out, otp_code::MAX_DIGITS), Ok(64));
/// assert_eq!(otp_code::numeric(source, &mut out, 65), Err(Error::InvalidArgument));
/// ```
pub const MAX_DIGITS: usize = 64;
/// Longest alphanumeric code (320 bits).
///
/// ```
/// use secrets_core::{Error, otp_code};
/// # let source = &mut secrets_core::testing::TestSource::default();
/// let mut out = [0u8; 65];
/// assert_eq!(otp_code::alphanumeric(source, &mut out, otp_code::MAX_ALPHANUMERIC), Ok(64));
/// assert_eq!(otp_code::alphanumeric(source, &mut out, 65), Err(Error::InvalidArgument));
/// ```
pub const MAX_ALPHANUMERIC: usize = 64;

/// Digits of numeric codes.
const DIGITS: Alphabet = Alphabet::constant(b"0123456789");
/// Alphanumeric codes: digits and capitals without the look-alikes 0 O 1 I
/// (32 characters, 5 bits each, easy to read out and type).
pub(crate) const ALPHANUMERIC: Alphabet = Alphabet::constant(b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ");

/// Writes a uniform code of `digits` decimal digits (1..=64, else
/// `InvalidArgument`); returns `digits`.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let mut out = [0u8; 6];
/// secrets_core::otp_code::numeric(&mut TestSource::default(), &mut out, 6)?;
/// assert!(out.iter().all(u8::is_ascii_digit));
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn numeric<S: EntropySource>(source: &mut S, out: &mut [u8], digits: usize) -> Result<usize> {
    generate(source, out, digits, MAX_DIGITS, &DIGITS)
}

/// Writes a uniform code of `length` characters of `23456789` and the
/// capitals but `I` and `O` (32 characters, 5 bits each, without the
/// look-alikes 0 O 1 I), `length` 1..=64 (else `InvalidArgument`); returns
/// `length`.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let mut out = [0u8; 10];
/// secrets_core::otp_code::alphanumeric(&mut TestSource::default(), &mut out, 10)?;
/// assert!(out.iter().all(|c| c.is_ascii_uppercase() || (b'2'..=b'9').contains(c)));
/// # Ok::<(), secrets_core::Error>(())
/// ```
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
