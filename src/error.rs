//! The error type of the safe core. The FFI layer maps it one-to-one onto
//! `secrets_status`; the discriminants are the C status values.

/// Why a core operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// A required pointer was NULL (only the FFI layer produces this).
    NullPointer = 1,
    /// The output buffer cannot hold the result and its NUL.
    BufferTooSmall = 2,
    /// An argument is out of range or malformed, or a size overflows.
    InvalidArgument = 3,
    /// The operating system's random source failed.
    Entropy = 4,
    /// A verification did not match.
    Mismatch = 5,
    /// A time-limited token is too old.
    Expired = 6,
    /// An input token or encoding cannot be parsed.
    Malformed = 7,
}

/// Result of a core operation.
pub type Result<T> = core::result::Result<T, Error>;

/// Returns the first `len` bytes of `out` as the text area of a NUL-terminated
/// output: `InvalidArgument` when no buffer could hold `len` bytes and the
/// NUL (above `PTRDIFF_MAX`), `BufferTooSmall` when `out` has no room for them.
pub fn text_area(out: &mut [u8], len: usize) -> Result<&mut [u8]> {
    object_size(len.checked_add(1))?;
    if out.len() > len {
        Ok(&mut out[..len])
    } else {
        Err(Error::BufferTooSmall)
    }
}

/// Largest size of any object (`PTRDIFF_MAX`); sizes above it describe no
/// real buffer.
pub(crate) const MAX_OBJECT_SIZE: usize = isize::MAX as usize;

/// A computed size, or `InvalidArgument` when the arithmetic overflowed
/// (`None`) or the size exceeds [`MAX_OBJECT_SIZE`].
pub fn object_size(size: Option<usize>) -> Result<usize> {
    size.filter(|&s| s <= MAX_OBJECT_SIZE)
        .ok_or(Error::InvalidArgument)
}
