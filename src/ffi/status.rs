//! Status codes, their text, and the library version.

use crate::error::{Error, Result};
use core::ffi::c_char;

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
    /// The operating system's random source failed.
    SECRETS_ERR_ENTROPY = 4,
    /// A verification did not match.
    SECRETS_ERR_MISMATCH = 5,
    /// A time-limited token is too old.
    SECRETS_ERR_EXPIRED = 6,
    /// An input token or encoding cannot be parsed.
    SECRETS_ERR_MALFORMED = 7,
}

impl From<Error> for secrets_status {
    fn from(e: Error) -> Self {
        match e {
            Error::NullPointer => secrets_status::SECRETS_ERR_NULL_POINTER,
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
        r.map_or_else(Into::into, |()| secrets_status::SECRETS_OK)
    }
}

/// Static English text for a status, never NULL. Values this version does
/// not know give "unknown libsecrets status". The parameter is a plain
/// integer on the Rust side so that any value a C caller passes is defined.
#[unsafe(no_mangle)]
pub extern "C" fn secrets_strerror(status: i32) -> *const c_char {
    let text: &'static core::ffi::CStr = match status {
        0 => c"success",
        1 => c"a required pointer was NULL",
        2 => c"the output buffer is too small for the result and its NUL",
        3 => c"an argument is out of range or malformed",
        4 => c"the operating system's random source failed",
        5 => c"the verification did not match",
        6 => c"the token has expired",
        7 => c"the input is malformed and cannot be parsed",
        _ => c"unknown libsecrets status",
    };
    text.as_ptr()
}

/// The library version, e.g. "0.1.0": static text, never NULL.
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
        let texts: Vec<_> = (-1..9)
            .map(|s| {
                unsafe { CStr::from_ptr(secrets_strerror(s)) }
                    .to_str()
                    .unwrap()
            })
            .collect();
        assert_eq!(texts[0], texts[9], "unknown values share the generic text");
        let mut known = texts[1..9].to_vec();
        known.dedup();
        assert_eq!(known.len(), 8);
    }

    #[test]
    fn version_is_the_crate_version() {
        let v = unsafe { CStr::from_ptr(secrets_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
