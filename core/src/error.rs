//! The error type of every fallible core function.
//!
//! ```
//! use secrets_core::Error;
//! // Every error has a message for people.
//! assert_eq!(Error::Entropy.to_string(), "the entropy source failed");
//! ```

/// Why a core operation failed.
///
/// ```
/// use secrets_core::Error;
/// let mut out = [0u8; 8];
/// // 64 hex characters do not fit in eight bytes.
/// assert_eq!(
///     secrets_core::mac::sha256_hex(&mut out, b"key", b"message"),
///     Err(Error::BufferTooSmall)
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// The output slice cannot hold the result.
    BufferTooSmall,
    /// An argument is out of range or malformed, or a size overflows.
    InvalidArgument,
    /// The entropy source failed.
    Entropy,
    /// A verification did not match.
    Mismatch,
    /// A time-limited token is too old.
    Expired,
    /// An input token or encoding cannot be parsed.
    Malformed,
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Error::BufferTooSmall => "the output buffer is too small for the result",
            Error::InvalidArgument => "an argument is out of range or malformed",
            Error::Entropy => "the entropy source failed",
            Error::Mismatch => "the verification did not match",
            Error::Expired => "the token has expired",
            Error::Malformed => "the input is malformed and cannot be parsed",
        })
    }
}

impl core::error::Error for Error {}

/// Result of a core operation.
///
/// ```
/// fn new_session_id(out: &mut [u8]) -> secrets_core::Result<usize> {
///     # let source = &mut secrets_core::testing::TestSource::default();
///     secrets_core::token::urlsafe(source, out, 16)
/// }
/// let mut id = [0u8; 22];
/// assert_eq!(new_session_id(&mut id), Ok(22));
/// ```
pub type Result<T> = core::result::Result<T, Error>;

/// Largest length of any Rust object, `isize::MAX` bytes: a computed size
/// above it cannot describe a slice, so it counts as an overflow.
pub(crate) const MAX_SLICE_LEN: usize = isize::MAX as usize;

/// The first `len` bytes of `out`, where a text of `len` bytes goes:
/// `InvalidArgument` when no slice can be that long, `BufferTooSmall` when
/// `out` is shorter.
pub(crate) fn text_area(out: &mut [u8], len: usize) -> Result<&mut [u8]> {
    object_size(Some(len))?;
    out.get_mut(..len).ok_or(Error::BufferTooSmall)
}

/// A computed size, or `InvalidArgument` when the arithmetic overflowed
/// (`None`) or no slice can be that long.
pub(crate) fn object_size(size: Option<usize>) -> Result<usize> {
    size.filter(|&s| s <= MAX_SLICE_LEN)
        .ok_or(Error::InvalidArgument)
}
