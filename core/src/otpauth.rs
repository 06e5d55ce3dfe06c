//! `otpauth://` provisioning URIs (the de-facto Key Uri Format that
//! authenticator apps read from a QR code):
//!
//! ```text
//! otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
//! otpauth://hotp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&counter=0
//! ```
//!
//! Issuer and account are percent-encoded (RFC 3986: only the unreserved
//! `A-Z a-z 0-9 - . _ ~` stay as they are; `%XX` is uppercase); a `:` in
//! either is refused, since apps split the label at the first one. Without
//! an issuer (none or empty) the label is the account alone and the `issuer`
//! parameter is left out. The secret is base32 without padding, encoded in
//! constant time straight into the output.

use crate::encode::base32;
use crate::error::{Error, Result, object_size, text_area};
use crate::hotp_totp;
use crate::mac::Hash;

/// Time-based or counter-based, with the parameter that goes with it.
#[derive(Clone, Copy)]
pub enum Kind {
    /// TOTP with this period in seconds (at least 1).
    Totp {
        /// Seconds a step lasts.
        period: u32,
    },
    /// HOTP starting at this counter.
    Hotp {
        /// The counter of the next code.
        counter: u64,
    },
}

/// Longest `algorithm=` value.
const LONGEST_ALGORITHM: &[u8] = b"SHA512";
/// Most digits a URI's `digits` parameter has (10).
const LONGEST_DIGITS: u32 = hotp_totp::MAX_DIGITS;

/// What a URI says. The issuer is empty when there is none: every field is
/// a plain, initialised value (see [`uri`]).
struct Uri<'a> {
    issuer: &'a [u8],
    account: &'a [u8],
    /// The key; only its length matters when counting.
    key: &'a [u8],
    key_len: usize,
    algorithm: &'static [u8],
    digits: u32,
    kind: Kind,
}

/// Writes bytes at a cursor, or only counts them when there is no buffer.
struct Sink<'a> {
    buf: Option<&'a mut [u8]>,
    len: usize,
}

impl Sink<'_> {
    /// The next `n` bytes of the buffer (`None` when only counting).
    fn take(&mut self, n: usize) -> Option<&mut [u8]> {
        let start = self.len;
        self.len = self.len.saturating_add(n);
        let end = self.len;
        self.buf
            .as_deref_mut()
            .and_then(|buf| buf.get_mut(start..end))
    }

    fn push(&mut self, bytes: &[u8]) {
        if let Some(dst) = self.take(bytes.len()) {
            dst.iter_mut().zip(bytes).for_each(|(d, &b)| *d = b);
        }
    }

    fn push_percent_encoded(&mut self, text: &[u8]) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for &c in text {
            if c.is_ascii_alphanumeric() || b"-._~".contains(&c) {
                self.push(&[c]);
            } else {
                self.push(&[b'%', HEX[(c >> 4) as usize], HEX[(c & 0x0f) as usize]]);
            }
        }
    }

    fn push_decimal(&mut self, mut value: u64) {
        // Digits from the right; 20 hold any u64 (iterators: no panic path).
        let mut digits = [0u8; 20];
        let mut count = 0;
        for digit in digits.iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
            count += 1;
            if value == 0 {
                break;
            }
        }
        let start = digits.len() - count;
        self.push(digits.get(start..).unwrap_or_default());
    }

    /// The base32 of `key`, or when counting, the length of `key_len` bytes'.
    fn push_base32(&mut self, key: &[u8], key_len: usize) -> Result<()> {
        let len = base32::encoded_len(key_len)?;
        if let Some(dst) = self.take(len) {
            base32::encode(key, dst)?;
        }
        Ok(())
    }
}

impl Uri<'_> {
    fn write(&self, sink: &mut Sink<'_>) -> Result<()> {
        sink.push(match self.kind {
            Kind::Totp { .. } => b"otpauth://totp/",
            Kind::Hotp { .. } => b"otpauth://hotp/",
        });
        let has_issuer = !self.issuer.is_empty();
        if has_issuer {
            sink.push_percent_encoded(self.issuer);
            sink.push(b":");
        }
        sink.push_percent_encoded(self.account);
        sink.push(b"?secret=");
        sink.push_base32(self.key, self.key_len)?;
        if has_issuer {
            sink.push(b"&issuer=");
            sink.push_percent_encoded(self.issuer);
        }
        sink.push(b"&algorithm=");
        sink.push(self.algorithm);
        sink.push(b"&digits=");
        sink.push_decimal(self.digits.into());
        match self.kind {
            Kind::Totp { period } => {
                sink.push(b"&period=");
                sink.push_decimal(period.into());
            }
            Kind::Hotp { counter } => {
                sink.push(b"&counter=");
                sink.push_decimal(counter);
            }
        }
        Ok(())
    }

    /// Its length, counted without writing.
    fn len(&self) -> Result<usize> {
        let mut counter = Sink { buf: None, len: 0 };
        self.write(&mut counter)?;
        object_size(Some(counter.len))
    }
}

/// Checks the label: a non-empty account, and no `:` in it or the issuer.
fn check_label(issuer: &[u8], account: &[u8]) -> Result<()> {
    let has_colon = |text: &[u8]| text.contains(&b':');
    if account.is_empty() || has_colon(account) || has_colon(issuer) {
        return Err(Error::InvalidArgument);
    }
    Ok(())
}

/// Writes the provisioning URI at the start of `out`; returns its length.
/// `issuer` `None` or empty: no issuer.
///
/// `InvalidArgument`: digits outside 6..=10, a zero period, an empty key
/// or account, a `:` in the issuer or account, or a length that
/// overflows. `BufferTooSmall` when `out` is too short.
pub fn uri(
    out: &mut [u8],
    issuer: Option<&[u8]>,
    account: &[u8],
    key: &[u8],
    kind: Kind,
    digits: u32,
    hash: Hash,
) -> Result<usize> {
    hotp_totp::check(key, digits)?;
    // An absent issuer becomes the empty slice here, once: the length word
    // of a `None` `Option<&[u8]>` is uninitialised, and optimised code may
    // load it speculatively and discard the result (a conditional move or
    // an OR with a known outcome), which memcheck reports as a jump on an
    // uninitialised value. A plain slice has no undefined word.
    let issuer = issuer.unwrap_or_default();
    check_label(issuer, account)?;
    if let Kind::Totp { period: 0 } = kind {
        return Err(Error::InvalidArgument);
    }
    let uri = Uri {
        issuer,
        account,
        key,
        key_len: key.len(),
        algorithm: match hash {
            Hash::Sha1 => b"SHA1",
            Hash::Sha256 => b"SHA256",
            Hash::Sha512 => b"SHA512",
        },
        digits,
        kind,
    };
    let len = uri.len()?;
    let text = text_area(out, len)?;
    uri.write(&mut Sink {
        buf: Some(text),
        len: 0,
    })?;
    Ok(len)
}

/// The length of the longest URI (TOTP or HOTP, any parameters) for this
/// issuer, account and key length, without the NUL; `InvalidArgument` as
/// [`uri`] for the label, a `key_len` of 0 or an overflow.
pub fn max_len(issuer: Option<&[u8]>, account: &[u8], key_len: usize) -> Result<usize> {
    let issuer = issuer.unwrap_or_default();
    check_label(issuer, account)?;
    if key_len == 0 {
        return Err(Error::InvalidArgument);
    }
    let longest = |kind| {
        Uri {
            issuer,
            account,
            key: &[],
            key_len,
            algorithm: LONGEST_ALGORITHM,
            digits: LONGEST_DIGITS,
            kind,
        }
        .len()
    };
    let totp = longest(Kind::Totp { period: u32::MAX })?;
    let hotp = longest(Kind::Hotp { counter: u64::MAX })?;
    Ok(totp.max(hotp))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Hash::{Sha1, Sha256, Sha512};

    const TOTP30: Kind = Kind::Totp { period: 30 };

    fn make(
        issuer: Option<&str>,
        account: &str,
        key: &[u8],
        period: u32,
        digits: u32,
        hash: Hash,
    ) -> Result<String> {
        let mut out = [0xffu8; 512];
        let n = uri(
            &mut out,
            issuer.map(str::as_bytes),
            account.as_bytes(),
            key,
            Kind::Totp { period },
            digits,
            hash,
        )?;
        assert_eq!(out[n], 0xff, "nothing is written past the text");
        Ok(String::from_utf8(out[..n].to_vec()).unwrap())
    }

    #[test]
    fn google_authenticator_example() {
        // The Key Uri Format page's example secret JBSWY3DPEHPK3PXP.
        let key = b"Hello!\xde\xad\xbe\xef";
        assert_eq!(
            make(Some("Example"), "alice@google.com", key, 30, 6, Sha1).unwrap(),
            "otpauth://totp/Example:alice%40google.com?secret=JBSWY3DPEHPK3PXP\
             &issuer=Example&algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn percent_encoding_and_parameters() {
        let key = b"12345678901234567890";
        assert_eq!(
            make(Some("ACME Co/€"), "a.b-c_d~e+f", key, 60, 8, Sha512).unwrap(),
            "otpauth://totp/ACME%20Co%2F%E2%82%AC:a.b-c_d~e%2Bf\
             ?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co%2F%E2%82%AC\
             &algorithm=SHA512&digits=8&period=60"
        );
        assert!(
            make(Some("I"), "a", key, 4294967295, 10, Sha256)
                .unwrap()
                .ends_with("&algorithm=SHA256&digits=10&period=4294967295")
        );
    }

    #[test]
    fn no_issuer() {
        for issuer in [None, Some("")] {
            assert_eq!(
                make(issuer, "bob", b"\x00", 30, 6, Sha1).unwrap(),
                "otpauth://totp/bob?secret=AA&algorithm=SHA1&digits=6&period=30"
            );
        }
    }

    #[test]
    fn refusals() {
        let key = b"12345678901234567890";
        let bad = [
            make(Some("a:b"), "c", key, 30, 6, Sha1),
            make(Some("a"), "b:c", key, 30, 6, Sha1),
            make(Some("a"), "", key, 30, 6, Sha1),
            make(Some("a"), "b", b"", 30, 6, Sha1),
            make(Some("a"), "b", key, 0, 6, Sha1),
            make(Some("a"), "b", key, 30, 5, Sha1),
            make(Some("a"), "b", key, 30, 11, Sha1),
        ];
        for result in bad {
            assert_eq!(result, Err(Error::InvalidArgument));
        }
    }

    #[test]
    fn exact_size() {
        let key = b"12345678901234567890";
        let full = make(Some("I"), "a", key, 30, 6, Sha1).unwrap();
        let mut out = vec![0u8; full.len() + 1];
        assert_eq!(
            uri(&mut out, Some(b"I"), b"a", key, TOTP30, 6, Sha1),
            Ok(full.len())
        );
        assert_eq!(
            uri(
                &mut out[..full.len() - 1],
                Some(b"I"),
                b"a",
                key,
                TOTP30,
                6,
                Sha1
            ),
            Err(Error::BufferTooSmall)
        );
    }

    #[test]
    fn hotp_uris() {
        let key = b"Hello!\xde\xad\xbe\xef";
        let mut out = [0u8; 256];
        for (counter, tail) in [(0, "counter=0"), (u64::MAX, "counter=18446744073709551615")] {
            let kind = Kind::Hotp { counter };
            let n = uri(
                &mut out,
                Some(b"Example"),
                b"alice@google.com",
                key,
                kind,
                6,
                Sha1,
            )
            .unwrap();
            let expected = format!(
                "otpauth://hotp/Example:alice%40google.com?secret=JBSWY3DPEHPK3PXP\
                 &issuer=Example&algorithm=SHA1&digits=6&{tail}"
            );
            assert_eq!(core::str::from_utf8(&out[..n]).unwrap(), expected);
        }
        let n = uri(
            &mut out,
            None,
            b"bob",
            b"\x00",
            Kind::Hotp { counter: 7 },
            8,
            Sha256,
        )
        .unwrap();
        assert_eq!(
            &out[..n],
            b"otpauth://hotp/bob?secret=AA&algorithm=SHA256&digits=8&counter=7"
        );
        let hotp = Kind::Hotp { counter: 0 };
        assert_eq!(
            uri(&mut out, None, b"a:b", key, hotp, 6, Sha1),
            Err(Error::InvalidArgument)
        );
        assert_eq!(
            uri(&mut out, None, b"a", b"", hotp, 6, Sha1),
            Err(Error::InvalidArgument)
        );
        assert_eq!(
            uri(&mut out, None, b"a", key, hotp, 11, Sha1),
            Err(Error::InvalidArgument)
        );
        assert_eq!(
            uri(&mut out[..20], None, b"a", key, hotp, 6, Sha1),
            Err(Error::BufferTooSmall)
        );
    }

    #[test]
    fn max_len_bounds_every_uri_and_is_reached() {
        let mut out = [0u8; 512];
        for (issuer, account) in [
            (None, "a"),
            (Some("ACME Co/€"), "alice@example.com"),
            (Some(""), "b"),
        ] {
            let issuer = issuer.map(str::as_bytes);
            for key_len in [1usize, 10, 20, 64] {
                let key = vec![0xa5u8; key_len];
                let max = max_len(issuer, account.as_bytes(), key_len).unwrap();
                let mut longest = 0;
                for kind in [
                    Kind::Totp { period: 30 },
                    Kind::Totp { period: u32::MAX },
                    Kind::Hotp { counter: 0 },
                    Kind::Hotp { counter: u64::MAX },
                ] {
                    for digits in [6, 10] {
                        for hash in [Sha1, Sha256, Sha512] {
                            let n = uri(
                                &mut out,
                                issuer,
                                account.as_bytes(),
                                &key,
                                kind,
                                digits,
                                hash,
                            )
                            .unwrap();
                            assert!(n <= max);
                            longest = longest.max(n);
                        }
                    }
                }
                assert_eq!(longest, max);
            }
        }
        assert_eq!(max_len(None, b"", 20), Err(Error::InvalidArgument));
        assert_eq!(max_len(Some(b"a:"), b"b", 20), Err(Error::InvalidArgument));
        assert_eq!(max_len(None, b"a", 0), Err(Error::InvalidArgument));
        assert_eq!(max_len(None, b"a", usize::MAX), Err(Error::InvalidArgument));
    }
}
