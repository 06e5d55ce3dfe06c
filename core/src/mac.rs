//! HMAC (RFC 2104) over SHA-1, SHA-256 and SHA-512, from RustCrypto's
//! `hmac`, `sha1` and `sha2` crates (SHA extensions are used at run time when
//! the CPU has them). HMAC-SHA256 signs and verifies messages and CSRF
//! tokens; all three hashes serve HOTP/TOTP.
//!
//! Every expected tag lives in a `Zeroizing` buffer and the hash states wipe
//! themselves on drop (the crates' `zeroize` feature): whoever learns an
//! expected tag can forge it.

use crate::ct::{digest_eq, wipe};
use crate::encode::hex;
use crate::error::{Error, Result, text_area};
use hmac::{Hmac, KeyInit, Mac};
use zeroize::Zeroizing;

/// Bytes in an HMAC-SHA256 tag.
pub const SHA256_BYTES: usize = 32;
/// Bytes in the largest tag (HMAC-SHA512).
pub(crate) const MAX_BYTES: usize = 64;

/// An HMAC-SHA256 tag, wiped when dropped.
pub type Tag = Zeroizing<[u8; SHA256_BYTES]>;

/// The hash under an HMAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    /// SHA-1 (20-byte digests).
    Sha1,
    /// SHA-256 (32-byte digests).
    Sha256,
    /// SHA-512 (64-byte digests).
    Sha512,
}

impl Hash {
    /// Bytes in this hash's tag.
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha256 => 32,
            Hash::Sha512 => 64,
        }
    }

    /// HMAC of the concatenation of `parts` under `key`, written to
    /// `out[..self.output_len()]`; returns that length.
    pub fn hmac(self, key: &[u8], parts: &[&[u8]], out: &mut [u8; MAX_BYTES]) -> Result<usize> {
        let len = self.output_len();
        let out = &mut out[..len];
        match self {
            Hash::Sha1 => hmac_into::<Hmac<sha1::Sha1>>(key, parts, out)?,
            Hash::Sha256 => hmac_into::<Hmac<sha2::Sha256>>(key, parts, out)?,
            Hash::Sha512 => hmac_into::<Hmac<sha2::Sha512>>(key, parts, out)?,
        }
        Ok(len)
    }
}

fn hmac_into<M: Mac + KeyInit>(key: &[u8], parts: &[&[u8]], out: &mut [u8]) -> Result<()> {
    // HMAC takes keys of any length; the error arm is unreachable.
    let mut mac = <M as KeyInit>::new_from_slice(key).map_err(|_| Error::InvalidArgument)?;
    for part in parts {
        mac.update(part);
    }
    let mut tag = mac.finalize().into_bytes();
    let copied = if out.len() == tag.len() {
        out.copy_from_slice(&tag);
        Ok(())
    } else {
        Err(Error::InvalidArgument)
    };
    wipe(&mut tag);
    copied
}

/// HMAC-SHA256 of the concatenation of `parts` under `key`.
pub fn sha256_parts(key: &[u8], parts: &[&[u8]]) -> Result<Tag> {
    let mut tag = Tag::default();
    hmac_into::<Hmac<sha2::Sha256>>(key, parts, &mut tag[..])?;
    Ok(tag)
}

/// HMAC-SHA256 of `msg` under `key` (any lengths, empty included).
pub fn sha256(key: &[u8], msg: &[u8]) -> Result<Tag> {
    sha256_parts(key, &[msg])
}

/// Writes the HMAC-SHA256 of `msg` as 64 lowercase hex characters at the
/// start of `out`; returns 64.
pub fn sha256_hex(out: &mut [u8], key: &[u8], msg: &[u8]) -> Result<usize> {
    let text = text_area(out, 2 * SHA256_BYTES)?;
    let tag = sha256(key, msg)?;
    text[SHA256_BYTES..].copy_from_slice(&tag[..]);
    hex::encode_in_place(text);
    Ok(text.len())
}

/// `Ok` when `tag` is the full 32-byte HMAC-SHA256 of `msg` under `key`,
/// else `Mismatch` (truncated or overlong tags included). Constant time in
/// the tag and the key.
///
/// ```
/// use secrets_core::mac;
/// let tag = mac::sha256(b"key", b"message")?;
/// assert_eq!(mac::sha256_verify(&tag[..], b"key", b"message"), Ok(()));
/// assert!(mac::sha256_verify(&tag[..], b"key", b"massage").is_err());
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn sha256_verify(tag: &[u8], key: &[u8], msg: &[u8]) -> Result<()> {
    let expected = sha256(key, msg)?;
    if digest_eq(tag, &expected[..]) {
        Ok(())
    } else {
        Err(Error::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// RFC 4231 §4.2–4.8: (key, data, HMAC-SHA256, bytes compared).
    pub(crate) fn rfc4231() -> Vec<(Vec<u8>, Vec<u8>, &'static str, usize)> {
        vec![
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                32,
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                32,
            ),
            (
                vec![0xaa; 20],
                vec![0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
                32,
            ),
            (
                (1..=25).collect(),
                vec![0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
                32,
            ),
            (
                vec![0x0c; 20],
                b"Test With Truncation".to_vec(),
                "a3b6167473100ee06e0c796c2955552b",
                16,
            ),
            (
                vec![0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                32,
            ),
            (
                vec![0xaa; 131],
                b"This is a test using a larger than block-size key and a larger than \
                  block-size data. The key needs to be hashed before being used by the \
                  HMAC algorithm."
                    .to_vec(),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
                32,
            ),
        ]
    }

    #[test]
    fn rfc4231_test_cases_1_to_7() {
        for (key, data, expected, n) in rfc4231() {
            let tag = sha256(&key, &data).unwrap();
            assert_eq!(&tag[..n], &unhex(expected)[..]);
            if n == 32 {
                assert_eq!(sha256_verify(&unhex(expected), &key, &data), Ok(()));
                let mut out = [0xffu8; 65];
                assert_eq!(sha256_hex(&mut out, &key, &data), Ok(64));
                assert_eq!(&out[..64], expected.as_bytes());
            } else {
                // Only the full tag is accepted: a truncated one is a mismatch.
                assert_eq!(
                    sha256_verify(&unhex(expected), &key, &data),
                    Err(Error::Mismatch)
                );
            }
        }
    }

    #[test]
    fn parts_are_concatenated() {
        let whole = sha256(b"Jefe", b"what do ya want for nothing?").unwrap();
        let split = sha256_parts(b"Jefe", &[b"what do ya", b"", b" want for nothing?"]).unwrap();
        assert_eq!(whole, split);
    }

    #[test]
    fn verify_rejects_altered_short_and_long_tags() {
        let tag = sha256(b"key", b"msg").unwrap();
        assert_eq!(sha256_verify(&tag[..], b"key", b"msg"), Ok(()));
        assert_eq!(
            sha256_verify(&tag[..], b"kez", b"msg"),
            Err(Error::Mismatch)
        );
        assert_eq!(
            sha256_verify(&tag[..], b"key", b"msh"),
            Err(Error::Mismatch)
        );
        for i in 0..32 {
            let mut bad = *tag;
            bad[i] ^= 1;
            assert_eq!(sha256_verify(&bad, b"key", b"msg"), Err(Error::Mismatch));
        }
        assert_eq!(
            sha256_verify(&tag[..31], b"key", b"msg"),
            Err(Error::Mismatch)
        );
        assert_eq!(sha256_verify(&[], b"key", b"msg"), Err(Error::Mismatch));
        let mut long = [0u8; 33];
        long[..32].copy_from_slice(&tag[..]);
        assert_eq!(sha256_verify(&long, b"key", b"msg"), Err(Error::Mismatch));
    }

    #[test]
    fn empty_key_and_message_are_valid() {
        // HMAC-SHA256("", "") (e.g. Python: hmac.new(b"", b"", "sha256")).
        let tag = sha256(b"", b"").unwrap();
        assert_eq!(
            &tag[..],
            &unhex("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")[..]
        );
    }

    #[test]
    fn hex_needs_64_bytes() {
        let mut out = [0u8; 63];
        assert_eq!(sha256_hex(&mut out, b"k", b"m"), Err(Error::BufferTooSmall));
    }

    #[test]
    fn output_lengths() {
        let mut out = [0u8; MAX_BYTES];
        for (hash, len) in [(Hash::Sha1, 20), (Hash::Sha256, 32), (Hash::Sha512, 64)] {
            assert_eq!(hash.hmac(b"k", &[b"m"], &mut out), Ok(len));
        }
        Hash::Sha256
            .hmac(b"Jefe", &[b"what do ya want for nothing?"], &mut out)
            .unwrap();
        assert_eq!(&out[..32], &unhex(rfc4231()[1].2)[..]);
    }
}
