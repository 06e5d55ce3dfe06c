//! `otpauth://` provisioning URIs (the de-facto Key Uri Format that
//! authenticator apps read from a QR code):
//!
//! ```text
//! otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
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

/// What a URI says.
struct Uri<'a> {
    issuer: Option<&'a [u8]>,
    account: &'a [u8],
    key: &'a [u8],
    algorithm: &'static [u8],
    digits: u32,
    period: u32,
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
            dst.copy_from_slice(bytes);
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

    fn push_decimal(&mut self, mut value: u32) {
        let mut digits = [0u8; 10];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (value % 10) as u8;
            value /= 10;
            if value == 0 {
                break;
            }
        }
        self.push(&digits[start..]);
    }

    fn push_base32(&mut self, key: &[u8]) -> Result<()> {
        let len = base32::encoded_len(key.len())?;
        if let Some(dst) = self.take(len) {
            base32::encode(key, dst)?;
        }
        Ok(())
    }
}

impl Uri<'_> {
    fn write(&self, sink: &mut Sink<'_>) -> Result<()> {
        sink.push(b"otpauth://totp/");
        if let Some(issuer) = self.issuer {
            sink.push_percent_encoded(issuer);
            sink.push(b":");
        }
        sink.push_percent_encoded(self.account);
        sink.push(b"?secret=");
        sink.push_base32(self.key)?;
        if let Some(issuer) = self.issuer {
            sink.push(b"&issuer=");
            sink.push_percent_encoded(issuer);
        }
        sink.push(b"&algorithm=");
        sink.push(self.algorithm);
        sink.push(b"&digits=");
        sink.push_decimal(self.digits);
        sink.push(b"&period=");
        sink.push_decimal(self.period);
        Ok(())
    }
}

/// Writes the provisioning URI at the start of `out`; returns its length.
///
/// `InvalidArgument`: an unknown algorithm, digits outside 6..=10, a zero
/// period, an empty key or account, a `:` in the issuer or account, or a
/// length that overflows. `BufferTooSmall` when `out` is too short.
pub fn uri(
    out: &mut [u8],
    issuer: Option<&[u8]>,
    account: &[u8],
    key: &[u8],
    period: u32,
    digits: u32,
    algorithm: u32,
) -> Result<usize> {
    let (hash, _) = hotp_totp::check(key, digits, algorithm)?;
    let issuer = issuer.filter(|issuer| !issuer.is_empty());
    let has_colon = |text: &[u8]| text.contains(&b':');
    if period == 0 || account.is_empty() || has_colon(account) || issuer.is_some_and(has_colon) {
        return Err(Error::InvalidArgument);
    }
    let uri = Uri {
        issuer,
        account,
        key,
        algorithm: match hash {
            Hash::Sha1 => b"SHA1",
            Hash::Sha256 => b"SHA256",
            Hash::Sha512 => b"SHA512",
        },
        digits,
        period,
    };
    let mut counter = Sink { buf: None, len: 0 };
    uri.write(&mut counter)?;
    let len = object_size(Some(counter.len))?;
    let text = text_area(out, len)?;
    uri.write(&mut Sink {
        buf: Some(text),
        len: 0,
    })?;
    Ok(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hotp_totp::{SHA1, SHA256, SHA512};

    fn make(
        issuer: Option<&str>,
        account: &str,
        key: &[u8],
        period: u32,
        digits: u32,
        algorithm: u32,
    ) -> Result<String> {
        let mut out = [0xffu8; 512];
        let n = uri(
            &mut out,
            issuer.map(str::as_bytes),
            account.as_bytes(),
            key,
            period,
            digits,
            algorithm,
        )?;
        assert_eq!(out[n], 0xff, "nothing is written past the text");
        Ok(String::from_utf8(out[..n].to_vec()).unwrap())
    }

    #[test]
    fn google_authenticator_example() {
        // The Key Uri Format page's example secret JBSWY3DPEHPK3PXP.
        let key = b"Hello!\xde\xad\xbe\xef";
        assert_eq!(
            make(Some("Example"), "alice@google.com", key, 30, 6, SHA1).unwrap(),
            "otpauth://totp/Example:alice%40google.com?secret=JBSWY3DPEHPK3PXP\
             &issuer=Example&algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn percent_encoding_and_parameters() {
        let key = b"12345678901234567890";
        assert_eq!(
            make(Some("ACME Co/€"), "a.b-c_d~e+f", key, 60, 8, SHA512).unwrap(),
            "otpauth://totp/ACME%20Co%2F%E2%82%AC:a.b-c_d~e%2Bf\
             ?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co%2F%E2%82%AC\
             &algorithm=SHA512&digits=8&period=60"
        );
        assert!(
            make(Some("I"), "a", key, 4294967295, 10, SHA256)
                .unwrap()
                .ends_with("&algorithm=SHA256&digits=10&period=4294967295")
        );
    }

    #[test]
    fn no_issuer() {
        for issuer in [None, Some("")] {
            assert_eq!(
                make(issuer, "bob", b"\x00", 30, 6, SHA1).unwrap(),
                "otpauth://totp/bob?secret=AA&algorithm=SHA1&digits=6&period=30"
            );
        }
    }

    #[test]
    fn refusals() {
        let key = b"12345678901234567890";
        let bad = [
            make(Some("a:b"), "c", key, 30, 6, SHA1),
            make(Some("a"), "b:c", key, 30, 6, SHA1),
            make(Some("a"), "", key, 30, 6, SHA1),
            make(Some("a"), "b", b"", 30, 6, SHA1),
            make(Some("a"), "b", key, 0, 6, SHA1),
            make(Some("a"), "b", key, 30, 5, SHA1),
            make(Some("a"), "b", key, 30, 11, SHA1),
            make(Some("a"), "b", key, 30, 6, 0),
            make(Some("a"), "b", key, 30, 6, 4),
        ];
        for result in bad {
            assert_eq!(result, Err(Error::InvalidArgument));
        }
    }

    #[test]
    fn exact_size() {
        let key = b"12345678901234567890";
        let full = make(Some("I"), "a", key, 30, 6, SHA1).unwrap();
        let mut out = vec![0u8; full.len() + 1];
        assert_eq!(
            uri(&mut out, Some(b"I"), b"a", key, 30, 6, SHA1),
            Ok(full.len())
        );
        assert_eq!(
            uri(
                &mut out[..full.len() - 1],
                Some(b"I"),
                b"a",
                key,
                30,
                6,
                SHA1
            ),
            Err(Error::BufferTooSmall)
        );
    }
}
