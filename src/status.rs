//! Status codes, their text, and the library version.

use core::ffi::{CStr, c_char};
use secrets_core::Error;

/// The result of every fallible libsecrets call. The values are fixed
/// forever; new values may be added, so treat unknown ones as failures.
#[repr(i32)]
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum secrets_status {
    /// Success.
    SECRETS_OK = 0,
    /// A required pointer was NULL.
    SECRETS_ERR_NULL_POINTER = 1,
    /// `out_size` cannot hold the result and its terminating NUL.
    SECRETS_ERR_BUFFER_TOO_SMALL = 2,
    /// An argument is out of range or malformed (zero bound, bad flags,
    /// duplicate alphabet, size overflow, a size above PTRDIFF_MAX).
    SECRETS_ERR_INVALID_ARGUMENT = 3,
    /// The entropy source failed.
    SECRETS_ERR_ENTROPY = 4,
    /// A verification did not match.
    SECRETS_ERR_MISMATCH = 5,
    /// A time-limited token is too old.
    SECRETS_ERR_EXPIRED = 6,
    /// An input token or encoding cannot be parsed.
    SECRETS_ERR_MALFORMED = 7,
    /// A defect inside the library was caught (a bug: please report it);
    /// outputs are zeroed as for any failure.
    SECRETS_ERR_INTERNAL = 8,
}

/// The boundary's result: a failure is the status to return.
pub(crate) type Result<T> = core::result::Result<T, secrets_status>;

impl From<Error> for secrets_status {
    fn from(e: Error) -> Self {
        match e {
            Error::BufferTooSmall => secrets_status::SECRETS_ERR_BUFFER_TOO_SMALL,
            Error::InvalidArgument => secrets_status::SECRETS_ERR_INVALID_ARGUMENT,
            Error::Entropy => secrets_status::SECRETS_ERR_ENTROPY,
            Error::Mismatch => secrets_status::SECRETS_ERR_MISMATCH,
            Error::Expired => secrets_status::SECRETS_ERR_EXPIRED,
            Error::Malformed => secrets_status::SECRETS_ERR_MALFORMED,
        }
    }
}

impl From<Result<()>> for secrets_status {
    fn from(r: Result<()>) -> Self {
        r.err().unwrap_or(secrets_status::SECRETS_OK)
    }
}

impl TryFrom<i32> for secrets_status {
    type Error = ();
    /// The status with value `v`, if this version knows it.
    fn try_from(v: i32) -> core::result::Result<Self, ()> {
        use secrets_status::*;
        const ALL: [secrets_status; 9] = [
            SECRETS_OK,
            SECRETS_ERR_NULL_POINTER,
            SECRETS_ERR_BUFFER_TOO_SMALL,
            SECRETS_ERR_INVALID_ARGUMENT,
            SECRETS_ERR_ENTROPY,
            SECRETS_ERR_MISMATCH,
            SECRETS_ERR_EXPIRED,
            SECRETS_ERR_MALFORMED,
            SECRETS_ERR_INTERNAL,
        ];
        ALL.into_iter().find(|&s| s as i32 == v).ok_or(())
    }
}

/// Static English text for a status, never NULL. Values this version does
/// not know give "unknown libsecrets status". The parameter is a plain
/// integer so that any value a C caller passes is defined.
#[unsafe(no_mangle)]
pub extern "C" fn secrets_strerror(status: i32) -> *const c_char {
    use secrets_status::*;
    let text: &'static CStr = match secrets_status::try_from(status) {
        Ok(SECRETS_OK) => c"success",
        Ok(SECRETS_ERR_NULL_POINTER) => c"a required pointer was NULL",
        Ok(SECRETS_ERR_BUFFER_TOO_SMALL) => {
            c"the output buffer is too small for the result and its NUL"
        }
        Ok(SECRETS_ERR_INVALID_ARGUMENT) => c"an argument is out of range or malformed",
        Ok(SECRETS_ERR_ENTROPY) => c"the entropy source failed",
        Ok(SECRETS_ERR_MISMATCH) => c"the verification did not match",
        Ok(SECRETS_ERR_EXPIRED) => c"the token has expired",
        Ok(SECRETS_ERR_MALFORMED) => c"the input is malformed and cannot be parsed",
        Ok(SECRETS_ERR_INTERNAL) => c"an internal error in libsecrets (a bug)",
        Err(()) => c"unknown libsecrets status",
    };
    text.as_ptr()
}

/// Major version of this header: an incompatible change would raise it.
pub const SECRETS_VERSION_MAJOR: u32 = 0;
/// Minor version of this header: new functions raise it.
pub const SECRETS_VERSION_MINOR: u32 = 2;
/// Patch version of this header.
pub const SECRETS_VERSION_PATCH: u32 = 0;
/// This header's version as one comparable number, e.g.
/// `#if SECRETS_VERSION_NUM >= 0x000200`.
pub const SECRETS_VERSION_NUM: u32 =
    (SECRETS_VERSION_MAJOR << 16) | (SECRETS_VERSION_MINOR << 8) | SECRETS_VERSION_PATCH;

// The version is written in Cargo.toml; these fail the build when the
// constants above drift from it. (`SECRETS_VERSION_STRING` is in
// cbindgen.toml, checked by tests/header.rs.)
const _: () = {
    assert!(SECRETS_VERSION_MAJOR == parse(env!("CARGO_PKG_VERSION_MAJOR")));
    assert!(SECRETS_VERSION_MINOR == parse(env!("CARGO_PKG_VERSION_MINOR")));
    assert!(SECRETS_VERSION_PATCH == parse(env!("CARGO_PKG_VERSION_PATCH")));
};

/// A decimal number, at compile time.
const fn parse(digits: &str) -> u32 {
    let (bytes, mut i, mut n) = (digits.as_bytes(), 0, 0);
    while i < bytes.len() {
        n = n * 10 + (bytes[i] - b'0') as u32;
        i += 1;
    }
    n
}

/// The library version, e.g. "0.2.0": static text, never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn secrets_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ffi::CStr;

    #[test]
    fn every_status_has_its_own_text() {
        let texts: Vec<_> = (-1..10)
            .map(|s| {
                unsafe { CStr::from_ptr(secrets_strerror(s)) }
                    .to_str()
                    .unwrap()
            })
            .collect();
        assert_eq!(texts[0], texts[10], "unknown values share the generic text");
        let mut known = texts[1..10].to_vec();
        known.sort();
        known.dedup();
        assert_eq!(known.len(), 9);
        assert!(!known.contains(&texts[0]));
    }

    #[test]
    fn version_is_the_crate_version() {
        let v = unsafe { CStr::from_ptr(secrets_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
