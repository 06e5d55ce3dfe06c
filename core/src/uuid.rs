//! Random UUIDs, RFC 9562 version 4: 122 random bits, the version nibble
//! 4 and the variant bits 10, written as 36 lowercase characters
//! `xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx` (N one of 8 9 a b).
//!
//! ```
//! # let source = &mut secrets_core::testing::TestSource::default();
//! let mut text = [0u8; secrets_core::uuid::TEXT_LEN];
//! secrets_core::uuid::v4(source, &mut text)?;
//! assert_eq!([text[8], text[13], text[14], text[18], text[23]], *b"--4--");
//! # Ok::<(), secrets_core::Error>(())
//! ```

use crate::encode::hex;
use crate::error::{Result, text_area};
use crate::rng::EntropySource;
use crate::token;
use zeroize::Zeroize;

/// Characters of the text form.
///
/// ```
/// let mut out = [0u8; secrets_core::uuid::TEXT_LEN];
/// # use secrets_core::testing::TestSource;
/// secrets_core::uuid::v4(&mut TestSource::default(), &mut out)?;
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub const TEXT_LEN: usize = 36;
/// Bytes of each dash-separated group.
const GROUPS: [usize; 5] = [4, 2, 2, 2, 6];

/// Writes a version 4 UUID at the start of `out`; returns 36.
///
/// ```
/// # use secrets_core::testing::TestSource;
/// let mut out = [0u8; 36];
/// secrets_core::uuid::v4(&mut TestSource::default(), &mut out)?;
/// assert_eq!(out[14], b'4');
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn v4<S: EntropySource>(source: &mut S, out: &mut [u8]) -> Result<usize> {
    let text = text_area(out, TEXT_LEN)?;
    let mut bytes = [0u8; 16];
    let result = token::bytes(source, &mut bytes).and_then(|()| {
        bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
        bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10
        let (mut at, mut groups) = (0, bytes.as_slice());
        for (i, &group) in GROUPS.iter().enumerate() {
            if i > 0 {
                // (`text` is TEXT_LEN long: `get`s spare panic paths.)
                if let Some(dash) = text.get_mut(at) {
                    *dash = b'-';
                }
                at += 1;
            }
            let (now, rest) = groups.split_at(group.min(groups.len()));
            at += hex::encode(now, text.get_mut(at..).unwrap_or_default())?;
            groups = rest;
        }
        Ok(at)
    });
    bytes.zeroize();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::rng::testing::OsEntropy;
    use crate::rng::testing::*;
    use crate::uniform::tests::{chi_square, chi_square_limit};

    #[test]
    fn layout_from_known_bytes() {
        let mut src = Scripted(&[0xff], 0);
        let mut out = [0u8; 37];
        assert_eq!(v4(&mut src, &mut out), Ok(36));
        assert_eq!(&out[..36], b"ffffffff-ffff-4fff-bfff-ffffffffffff");
        let mut src = Scripted(&[0x00], 0);
        v4(&mut src, &mut out).unwrap();
        assert_eq!(&out[..36], b"00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn shape_and_sizes() {
        let mut out = [0u8; 37];
        let mut src = CountingOs::default();
        let mut variants = [0u64; 4];
        for _ in 0..4000 {
            v4(&mut src, &mut out).unwrap();
            let text = std::str::from_utf8(&out[..36]).unwrap();
            let parts: Vec<&str> = text.split('-').collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12]
            );
            assert!(
                text.bytes()
                    .all(|c| c == b'-' || c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
            );
            assert_eq!(out[14], b'4');
            variants[b"89ab".iter().position(|&c| c == out[19]).unwrap()] += 1;
        }
        assert_eq!(src.requests, 4000);
        assert!(chi_square(&variants) < chi_square_limit(3));
        assert_eq!(
            v4(&mut OsEntropy, &mut out[..35]),
            Err(Error::BufferTooSmall)
        );
        assert_eq!(v4(&mut Failing, &mut out), Err(Error::Entropy));
    }
}
