//! The C ABI boundary: the only place with raw pointers and `unsafe`.
//!
//! Every exported function is a few lines: it turns its pointers into slices
//! with the helpers below, calls one safe core function, and returns a
//! status. The helpers own the rules of `api.md`:
//! * a NULL pointer that is required gives `SECRETS_ERR_NULL_POINTER`;
//! * a size no real object can have (above `PTRDIFF_MAX`) is
//!   `SECRETS_ERR_INVALID_ARGUMENT`;
//! * on every failure the output is zeroed over its whole given size;
//! * a panic (which would be a bug) never crosses into C: it becomes
//!   `SECRETS_ERR_INVALID_ARGUMENT` with the output zeroed.
#![allow(clippy::missing_safety_doc)] // the C contract in the header is the safety doc

pub mod auth;
pub mod human;
pub mod random;
pub mod status;

use crate::error::{Error, MAX_OBJECT_SIZE, Result};
use core::ffi::{CStr, c_char};
use status::secrets_status;
use zeroize::{DefaultIsZeroes, Zeroize};

/// Runs a core call, turning a panic into an error.
fn run<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
    #[cfg(feature = "std")]
    {
        std::panic::catch_unwind(core::panic::AssertUnwindSafe(body))
            .unwrap_or(Err(Error::InvalidArgument))
    }
    #[cfg(not(feature = "std"))]
    {
        body()
    }
}

/// Writes a NUL-terminated text. `body` gets the whole buffer (NUL slot
/// included), writes the text at its start and returns the text length.
/// Unlike an array, a text output is required even when `out_size` is 0;
/// the size checks and the zeroing on failure are [`array_out`]'s.
pub(crate) unsafe fn text_out(
    out: *mut c_char,
    out_size: usize,
    body: impl FnOnce(&mut [u8]) -> Result<usize>,
) -> secrets_status {
    if out.is_null() {
        return Error::NullPointer.into();
    }
    unsafe {
        array_out(out.cast::<u8>(), out_size, |buf| {
            let len = body(buf)?;
            *buf.get_mut(len).ok_or(Error::BufferTooSmall)? = 0;
            Ok(())
        })
    }
}

/// A size helper's answer: `text_len` plus the NUL, or 0 when the length is
/// invalid or the total exceeds PTRDIFF_MAX.
pub(crate) fn text_size(text_len: Result<usize>) -> usize {
    crate::error::object_size(text_len.ok().and_then(|len| len.checked_add(1))).unwrap_or(0)
}

/// Fills an array output of `len` elements (NULL allowed when `len` is 0).
pub(crate) unsafe fn array_out<T: DefaultIsZeroes>(
    out: *mut T,
    len: usize,
    body: impl FnOnce(&mut [T]) -> Result<()>,
) -> secrets_status {
    let buf: &mut [T] = match unsafe { array_mut(out, len) } {
        Ok(buf) => buf,
        Err(e) => {
            if e == Error::InvalidArgument {
                // A length no real array has: the true size is unknown, so
                // clear only the first element (an empty string for text).
                unsafe { out.write(T::default()) };
            }
            return e.into();
        }
    };
    let result = run(|| body(buf));
    finish(result, buf)
}

/// Writes a single value; on failure writes zero (`T::default()`).
pub(crate) unsafe fn value_out<T: Copy + Default>(
    out: *mut T,
    body: impl FnOnce() -> Result<T>,
) -> secrets_status {
    if out.is_null() {
        return Error::NullPointer.into();
    }
    let result = run(body);
    unsafe { out.write_unaligned(*result.as_ref().unwrap_or(&T::default())) };
    result.map(|_| ()).into()
}

/// Runs a call whose only outputs are through its inputs' checks (verifiers).
pub(crate) fn status_of(body: impl FnOnce() -> Result<()>) -> secrets_status {
    run(body).into()
}

fn finish<T: DefaultIsZeroes>(result: Result<()>, buf: &mut [T]) -> secrets_status {
    if result.is_err() {
        buf.zeroize();
    }
    result.into()
}

/// An input byte range: NULL with length 0 is empty; NULL otherwise is an error.
pub(crate) unsafe fn in_bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8]> {
    unsafe { in_array(ptr, len) }
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
        _ if ptr.is_null() => Err(Error::NullPointer),
        Some(size) if size <= MAX_OBJECT_SIZE => Ok(()),
        _ => Err(Error::InvalidArgument),
    }
}

/// A required NUL-terminated input string, without its NUL.
pub(crate) unsafe fn in_cstr<'a>(ptr: *const c_char) -> Result<&'a [u8]> {
    unsafe { in_optional_cstr(ptr) }.ok_or(Error::NullPointer)
}

/// An optional NUL-terminated input string: NULL gives `None`.
pub(crate) unsafe fn in_optional_cstr<'a>(ptr: *const c_char) -> Option<&'a [u8]> {
    (!ptr.is_null()).then(|| unsafe { CStr::from_ptr(ptr) }.to_bytes())
}
