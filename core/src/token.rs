//! Random tokens: raw bytes, hex and base64url text (Python's
//! `token_bytes`, `token_hex`, `token_urlsafe`).
//!
//! The random bytes are requested straight into the tail of the caller's
//! buffer and encoded in place: one OS request (over 256 bytes, one that
//! keys a ChaCha20 stream; see `crate::rng`), no other copy of the secret.
//!
//! ```
//! use secrets_core::token::{self, DEFAULT_ENTROPY};
//! # let source = &mut secrets_core::testing::TestSource::default();
//! // A password-reset link token: 43 URL-safe characters, 256 bits.
//! let mut link = [0u8; 43];
//! let len = token::urlsafe(source, &mut link, DEFAULT_ENTROPY)?;
//! assert_eq!(len, 43);
//! # Ok::<(), secrets_core::Error>(())
//! ```

use crate::encode::{base64url, hex};
use crate::error::{Result, text_area};
use crate::rng::EntropySource;

/// Bytes of entropy in a token when the caller has no better figure: 32, as
/// Python's `secrets` module uses (256 bits).
///
/// ```
/// use secrets_core::token::{self, DEFAULT_ENTROPY};
/// # let source = &mut secrets_core::testing::TestSource::default();
/// let mut session_key = [0u8; DEFAULT_ENTROPY];
/// token::bytes(source, &mut session_key)?;
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub const DEFAULT_ENTROPY: usize = 32;

/// Fills `out` with random bytes in one request (nothing for an empty `out`;
/// over 256 bytes, a 32-byte request that keys a ChaCha20 stream).
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let mut key = [0u8; 32];
/// secrets_core::token::bytes(&mut TestSource::default(), &mut key)?;
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn bytes<S: EntropySource>(source: &mut S, out: &mut [u8]) -> Result<()> {
    crate::rng::fill_bytes(source, out)
}

/// Writes `2 * nbytes` lowercase hex characters; returns their count.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let mut out = [0u8; 64];
/// let len = secrets_core::token::hex(&mut TestSource::default(), &mut out, 32)?;
/// assert_eq!(len, 64);
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn hex<S: EntropySource>(source: &mut S, out: &mut [u8], nbytes: usize) -> Result<usize> {
    let text = text_area(out, hex::encoded_len(nbytes)?)?;
    // The second half: `nbytes` bytes (written so the bound is evidently
    // in range and no bounds-check panic is linked).
    let half = text.len() / 2;
    bytes(source, &mut text[half..])?;
    hex::encode_in_place(text);
    Ok(text.len())
}

/// Writes `ceil(4 * nbytes / 3)` base64url characters; returns their count.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let mut out = [0u8; 43];
/// let len = secrets_core::token::urlsafe(&mut TestSource::default(), &mut out, 32)?;
/// assert_eq!(len, 43);
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn urlsafe<S: EntropySource>(source: &mut S, out: &mut [u8], nbytes: usize) -> Result<usize> {
    let len = base64url::encoded_len(nbytes)?;
    let text = text_area(out, len)?;
    // The last `nbytes` (len >= nbytes; saturating so that the bound is
    // evidently in range and no bounds-check panic is linked).
    let tail = text.len().saturating_sub(nbytes);
    bytes(source, &mut text[tail..])?;
    base64url::encode_in_place(text, nbytes);
    Ok(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::rng::testing::OsEntropy;
    use crate::rng::testing::*;

    #[test]
    fn hex_has_the_exact_length_and_alphabet() {
        let mut out = [0xffu8; 70];
        assert_eq!(hex(&mut OsEntropy, &mut out, 32), Ok(64));
        assert!(
            out[..64]
                .iter()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(
            hex(&mut OsEntropy, &mut out[..63], 32),
            Err(Error::BufferTooSmall)
        );
    }

    #[test]
    fn urlsafe_encodes_what_was_drawn() {
        let mut src = Scripted(&[0xfb, 0xff, 0xbf], 0);
        let mut out = [0u8; 5];
        assert_eq!(urlsafe(&mut src, &mut out, 3), Ok(4));
        assert_eq!(&out[..4], b"-_-_");
    }

    #[test]
    fn one_request_per_token() {
        let mut src = CountingOs::default();
        let mut out = [0u8; 4096];
        hex(&mut src, &mut out, 2000).unwrap();
        urlsafe(&mut src, &mut out, 3000).unwrap();
        assert_eq!(src.requests, 2);
        assert_eq!(src.bytes, 2 * crate::rng::KEY_REQUEST);
    }

    #[test]
    fn overflow_is_an_argument_error() {
        let mut out = [0u8; 8];
        assert_eq!(
            hex(&mut OsEntropy, &mut out, usize::MAX),
            Err(Error::InvalidArgument)
        );
        assert_eq!(
            urlsafe(&mut OsEntropy, &mut out, usize::MAX),
            Err(Error::InvalidArgument)
        );
    }
}
