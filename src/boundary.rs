//! The helpers every exported function uses to turn its pointers into
//! slices and its result into a status. They own the C rules:
//! * a NULL pointer that is required gives `SECRETS_ERR_NULL_POINTER`;
//! * a size no real object can have (above `PTRDIFF_MAX`) is
//!   `SECRETS_ERR_INVALID_ARGUMENT`;
//! * a text output gets its NUL here: the core writes the text only;
//! * on every failure the output is zeroed over its whole given size;
//! * a panic (which would be a bug) never crosses into C: it becomes
//!   `SECRETS_ERR_INTERNAL` with the output zeroed.

use crate::status::{Result, secrets_status};
use core::ffi::{CStr, c_char, c_void};
use zeroize::{DefaultIsZeroes, Zeroize};

/// Largest size of any C object (`PTRDIFF_MAX`); sizes above it describe no
/// real buffer.
pub(crate) const MAX_OBJECT_SIZE: usize = isize::MAX as usize;

/// Runs a core call, turning a panic into an error.
fn run<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
    #[cfg(feature = "std")]
    {
        std::panic::catch_unwind(core::panic::AssertUnwindSafe(body))
            .unwrap_or(Err(secrets_status::SECRETS_ERR_INTERNAL))
    }
    #[cfg(not(feature = "std"))]
    {
        body()
    }
}

/// Writes a NUL-terminated text. `body` gets the buffer without room for
/// the NUL, writes the text at its start and returns the text length; the
/// NUL goes after it. Unlike an array, a text output is required even when
/// `out_size` is 0; the size checks and the zeroing on failure are
/// [`array_out`]'s.
pub(crate) unsafe fn text_out<E: Into<secrets_status>>(
    out: *mut c_char,
    out_size: usize,
    body: impl FnOnce(&mut [u8]) -> core::result::Result<usize, E>,
) -> secrets_status {
    if out.is_null() {
        return secrets_status::SECRETS_ERR_NULL_POINTER;
    }
    unsafe {
        array_out(out.cast::<u8>(), out_size, |buf| {
            let room = buf.len().saturating_sub(1);
            let len = body(&mut buf[..room]).map_err(Into::into)?;
            // Only an empty `buf` (`out_size` 0) has no slot for the NUL.
            let nul = buf
                .get_mut(len)
                .ok_or(secrets_status::SECRETS_ERR_BUFFER_TOO_SMALL)?;
            *nul = 0;
            Ok::<_, secrets_status>(())
        })
    }
}

/// A size helper's answer: `text_len` plus the NUL, or 0 when the length is
/// invalid or the total exceeds PTRDIFF_MAX.
pub(crate) fn text_size(text_len: secrets_core::Result<usize>) -> usize {
    object_size(text_len.ok().and_then(|len| len.checked_add(1))).unwrap_or(0)
}

/// A computed size, or `SECRETS_ERR_INVALID_ARGUMENT` when the arithmetic
/// overflowed (`None`) or the size exceeds PTRDIFF_MAX.
pub(crate) fn object_size(size: Option<usize>) -> Result<usize> {
    size.filter(|&s| s <= MAX_OBJECT_SIZE)
        .ok_or(secrets_status::SECRETS_ERR_INVALID_ARGUMENT)
}

/// Fills an array output of `len` elements (NULL allowed when `len` is 0).
pub(crate) unsafe fn array_out<T: DefaultIsZeroes, E: Into<secrets_status>>(
    out: *mut T,
    len: usize,
    body: impl FnOnce(&mut [T]) -> core::result::Result<(), E>,
) -> secrets_status {
    let buf: &mut [T] = match unsafe { array_mut(out, len) } {
        Ok(buf) => buf,
        Err(e) => {
            if e == secrets_status::SECRETS_ERR_INVALID_ARGUMENT {
                // A length no real array has: the true size is unknown, so
                // clear only the first element (an empty string for text).
                unsafe { out.write(T::default()) };
            }
            return e;
        }
    };
    let result = run(|| body(buf).map_err(Into::into));
    finish(result, buf)
}

/// Writes a single value; on failure writes zero (`T::default()`).
pub(crate) unsafe fn value_out<T: Copy + Default, E: Into<secrets_status>>(
    out: *mut T,
    body: impl FnOnce() -> core::result::Result<T, E>,
) -> secrets_status {
    if out.is_null() {
        return secrets_status::SECRETS_ERR_NULL_POINTER;
    }
    let result = run(|| body().map_err(Into::into));
    unsafe { out.write_unaligned(*result.as_ref().unwrap_or(&T::default())) };
    result.map(|_| ()).into()
}

/// Runs a call whose only outputs are through its inputs' checks (verifiers).
pub(crate) fn status_of<E: Into<secrets_status>>(
    body: impl FnOnce() -> core::result::Result<(), E>,
) -> secrets_status {
    run(|| body().map_err(Into::into)).into()
}

fn finish<T: DefaultIsZeroes>(result: Result<()>, buf: &mut [T]) -> secrets_status {
    if result.is_err() {
        buf.zeroize();
    }
    result.into()
}

/// An input byte range: NULL with length 0 is empty; NULL otherwise is an error.
pub(crate) unsafe fn in_bytes<'a>(ptr: *const c_void, len: usize) -> Result<&'a [u8]> {
    unsafe { in_array(ptr.cast::<u8>(), len) }
}

/// An input array of `len` elements: NULL with length 0 is empty.
pub(crate) unsafe fn in_array<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T]> {
    checked_array(ptr, len)?;
    Ok(match len {
        0 => &[],
        _ => unsafe { core::slice::from_raw_parts(ptr, len) },
    })
}

/// A mutable array of `len` elements: NULL with length 0 is empty.
pub(crate) unsafe fn array_mut<'a, T>(ptr: *mut T, len: usize) -> Result<&'a mut [T]> {
    checked_array(ptr, len)?;
    Ok(match len {
        0 => &mut [],
        _ => unsafe { core::slice::from_raw_parts_mut(ptr, len) },
    })
}

/// The checks every array argument gets: a non-empty array needs a pointer,
/// and `len` elements of `T` must fit in one C object (PTRDIFF_MAX bytes).
fn checked_array<T>(ptr: *const T, len: usize) -> Result<()> {
    match len.checked_mul(size_of::<T>()) {
        _ if len == 0 => Ok(()),
        _ if ptr.is_null() => Err(secrets_status::SECRETS_ERR_NULL_POINTER),
        Some(size) if size <= MAX_OBJECT_SIZE => Ok(()),
        _ => Err(secrets_status::SECRETS_ERR_INVALID_ARGUMENT),
    }
}

/// A required NUL-terminated input string, without its NUL.
pub(crate) unsafe fn in_cstr<'a>(ptr: *const c_char) -> Result<&'a [u8]> {
    unsafe { in_optional_cstr(ptr) }.ok_or(secrets_status::SECRETS_ERR_NULL_POINTER)
}

/// An optional NUL-terminated input string: NULL gives `None`.
pub(crate) unsafe fn in_optional_cstr<'a>(ptr: *const c_char) -> Option<&'a [u8]> {
    (!ptr.is_null()).then(|| unsafe { CStr::from_ptr(ptr) }.to_bytes())
}
