//! The helpers every exported function uses to turn its pointers into
//! slices and its result into a status. They own the C rules:
//! * a NULL pointer that is required gives `SECRETS_ERR_NULL_POINTER`;
//! * a size no real object can have (above `PTRDIFF_MAX`) is
//!   `SECRETS_ERR_INVALID_ARGUMENT`;
//! * a text output gets its NUL here: the core writes the text only;
//! * on every failure the output is zeroed over its whole given size;
//! * an output that overlaps any input (or another output) is refused with
//!   `SECRETS_ERR_INVALID_ARGUMENT` before anything is written: no slice
//!   is ever made over memory that another argument also covers;
//! * an array whose element type needs alignment (`size_t`, pointers) is
//!   refused the same way when its pointer is misaligned;
//! * a panic (which would be a bug) never crosses into C: it becomes
//!   `SECRETS_ERR_INTERNAL` with the output zeroed;
//! * functions that take keys or decode secrets return through
//!   [`scrubbed`], which wipes the dead stack their work used.

use crate::status::{Result, secrets_status};
use core::ffi::{CStr, c_char, c_void};
use zeroize::{DefaultIsZeroes, Zeroize};

/// Largest size of any C object (`PTRDIFF_MAX`); sizes above it describe no
/// real buffer.
pub(crate) const MAX_OBJECT_SIZE: usize = isize::MAX as usize;

/// An address range an argument occupies, for the overlap check.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span {
    start: usize,
    len: usize,
}

impl Span {
    /// `count` elements of `T` at `ptr` (saturating: an impossible size is
    /// refused elsewhere).
    pub(crate) fn raw<T>(ptr: *const T, count: usize) -> Span {
        Span {
            start: ptr.addr(),
            len: count.saturating_mul(size_of::<T>()),
        }
    }

    /// A byte input, once resolved (a refused one occupies nothing).
    pub(crate) fn bytes(input: &impl Input) -> Span {
        input
            .as_bytes()
            .map_or(Span::raw::<u8>(core::ptr::null(), 0), |b| {
                Span::raw(b.as_ptr(), b.len())
            })
    }

    /// A NUL-terminated input, once resolved: its bytes and its NUL.
    pub(crate) fn text(input: &impl Input) -> Span {
        input
            .as_bytes()
            .map_or(Span::raw::<u8>(core::ptr::null(), 0), |b| {
                Span::raw(b.as_ptr(), b.len() + 1)
            })
    }

    /// True when both ranges are non-empty and share a byte.
    fn overlaps(self, other: Span) -> bool {
        let end = |s: Span| s.start.saturating_add(s.len);
        self.len != 0 && other.len != 0 && self.start < end(other) && other.start < end(self)
    }
}

/// A resolved input argument: a slice, or nothing when it was refused.
pub(crate) trait Input {
    fn as_bytes(&self) -> Option<&[u8]>;
}

impl Input for Result<&[u8]> {
    fn as_bytes(&self) -> Option<&[u8]> {
        self.as_ref().ok().copied()
    }
}

impl Input for Option<&[u8]> {
    fn as_bytes(&self) -> Option<&[u8]> {
        *self
    }
}

impl Input for &[u8] {
    fn as_bytes(&self) -> Option<&[u8]> {
        Some(self)
    }
}

/// `SECRETS_ERR_INVALID_ARGUMENT` when `out` overlaps any of `inputs`.
pub(crate) fn refuse_overlap(out: Span, inputs: impl IntoIterator<Item = Span>) -> Result<()> {
    match inputs.into_iter().any(|input| out.overlaps(input)) {
        true => Err(secrets_status::SECRETS_ERR_INVALID_ARGUMENT),
        false => Ok(()),
    }
}

/// Runs a core call, turning a panic into an error.
///
/// A panic would be a defect: the core is written so that none is
/// reachable (sizes are checked before any indexing), and this is the net
/// under it. It does not make the panic silent: Rust prints a panic's
/// message through the panic hook, which is process-wide state, and a
/// library must not replace the host program's hook (`set_hook` also races
/// with other threads). So a caught panic returns `SECRETS_ERR_INTERNAL`
/// with the outputs zeroed, and the host's hook (by default: one line on
/// stderr) reports it. Firmware builds (`no_std`) call
/// `secrets_platform_panic` instead.
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
    inputs: impl IntoIterator<Item = Span>,
    body: impl FnOnce(&mut [u8]) -> core::result::Result<usize, E>,
) -> secrets_status {
    if out.is_null() {
        return secrets_status::SECRETS_ERR_NULL_POINTER;
    }
    unsafe {
        array_out(out.cast::<u8>(), out_size, inputs, |buf| {
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

/// Fills an array output of `len` elements (NULL allowed when `len` is 0),
/// after checking that it overlaps none of `inputs`.
pub(crate) unsafe fn array_out<T: DefaultIsZeroes, E: Into<secrets_status>>(
    out: *mut T,
    len: usize,
    inputs: impl IntoIterator<Item = Span>,
    body: impl FnOnce(&mut [T]) -> core::result::Result<(), E>,
) -> secrets_status {
    match checked_array(out, len) {
        Err(Refusal::TooLarge) => {
            // A length no real array has: the true size is unknown, so
            // clear only the first element (an empty string for text),
            // unless that element is some input's.
            if refuse_overlap(Span::raw(out, 1), inputs).is_ok() {
                unsafe { out.write(T::default()) };
            }
            secrets_status::SECRETS_ERR_INVALID_ARGUMENT
        }
        Err(refusal) => refusal.into(),
        Ok(()) => match refuse_overlap(Span::raw(out, len), inputs) {
            Err(e) => e,
            Ok(()) => {
                // Checked: non-NULL (or empty), aligned, of a real size, and
                // no other argument covers these bytes.
                let buf = unsafe { slice_mut(out, len) };
                let result = run(|| body(buf).map_err(Into::into));
                finish(result, buf)
            }
        },
    }
}

/// Writes a single value; on failure writes zero (`T::default()`). The
/// value is written unaligned: any address is accepted. Refused without a
/// write when `out` overlaps one of `inputs`.
pub(crate) unsafe fn value_out<T: Copy + Default, E: Into<secrets_status>>(
    out: *mut T,
    inputs: impl IntoIterator<Item = Span>,
    body: impl FnOnce() -> core::result::Result<T, E>,
) -> secrets_status {
    if out.is_null() {
        return secrets_status::SECRETS_ERR_NULL_POINTER;
    }
    if let Err(e) = refuse_overlap(Span::raw(out, 1), inputs) {
        return e;
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

/// An input array of `len` elements: NULL with length 0 is empty; a
/// misaligned pointer is refused.
pub(crate) unsafe fn in_array<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T]> {
    checked_array(ptr, len).map_err(secrets_status::from)?;
    Ok(match len {
        0 => &[],
        _ => unsafe { core::slice::from_raw_parts(ptr, len) },
    })
}

/// A mutable array of `len` elements: NULL with length 0 is empty. Only
/// for an array that is the call's sole argument (`secrets_memzero`):
/// outputs with inputs go through [`array_out`], which checks overlap.
pub(crate) unsafe fn array_mut<'a, T>(ptr: *mut T, len: usize) -> Result<&'a mut [T]> {
    checked_array(ptr, len).map_err(secrets_status::from)?;
    Ok(unsafe { slice_mut(ptr, len) })
}

/// The slice of a checked array.
unsafe fn slice_mut<'a, T>(ptr: *mut T, len: usize) -> &'a mut [T] {
    match len {
        0 => &mut [],
        _ => unsafe { core::slice::from_raw_parts_mut(ptr, len) },
    }
}

/// Why an array argument is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Refusal {
    /// NULL with a non-zero length.
    Null,
    /// Not aligned for its element type.
    Misaligned,
    /// Larger than any C object (PTRDIFF_MAX bytes).
    TooLarge,
}

impl From<Refusal> for secrets_status {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Null => secrets_status::SECRETS_ERR_NULL_POINTER,
            Refusal::Misaligned | Refusal::TooLarge => secrets_status::SECRETS_ERR_INVALID_ARGUMENT,
        }
    }
}

/// The checks every array argument gets: a non-empty array needs a pointer
/// aligned for `T`, and `len` elements of `T` must fit in one C object
/// (PTRDIFF_MAX bytes).
fn checked_array<T>(ptr: *const T, len: usize) -> core::result::Result<(), Refusal> {
    match len.checked_mul(size_of::<T>()) {
        _ if len == 0 => Ok(()),
        _ if ptr.is_null() => Err(Refusal::Null),
        _ if !ptr.is_aligned() => Err(Refusal::Misaligned),
        Some(size) if size <= MAX_OBJECT_SIZE => Ok(()),
        _ => Err(Refusal::TooLarge),
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

/// The most stack any function taking a key, tag or secret text
/// overwrites below its own frame before it returns: 4096 bytes on hosted
/// targets, 3072 on 32-bit firmware, each more than the deepest the work
/// reaches there (measured by painting the stack: at most 3.3 KiB on x86-64
/// and i686, 2.3 KiB on Cortex-M4; a test fails when a function goes
/// deeper). Callers on small stacks (threads, firmware) need this much free
/// below the calling frame.
pub const SECRETS_SCRUB_STACK_BYTES: usize = 4096;

/// The bytes [`scrub_stack`] overwrites on this target (see
/// [`SECRETS_SCRUB_STACK_BYTES`]): 32-bit firmware has smaller frames and
/// a 4 KiB stack budget per call (32-bit x86 hosts do not: SHA-512 HOTP
/// reaches 3.3 KiB there).
#[doc(hidden)]
pub const SCRUB_BYTES: usize = if cfg!(all(target_pointer_width = "32", target_os = "none")) {
    3072
} else {
    SECRETS_SCRUB_STACK_BYTES
};
const _: () = assert!(SCRUB_BYTES <= SECRETS_SCRUB_STACK_BYTES);
// The generators' scrubs stay within the stack every call may need.
const _: () = assert!(SCRUB_VALUE_BYTES <= SCRUB_BYTES && SCRUB_PASSWORD_BYTES <= SCRUB_BYTES);

/// Bytes [`scrubbed_value`] overwrites after the generators whose work
/// leaves the drawn value in dead stack (`randbelow`, `random_double`,
/// `uniform`). Smaller than [`SCRUB_BYTES`] because these are hot paths
/// (~25 ns for this size, ~70 ns for 3 KiB), but it must still reach below
/// all their work: `tests/stack_depth.rs` paints the stack and fails when
/// a function's work goes deeper than its scrub (1.0-1.2 KiB measured on
/// x86-64, most of it the OS source's and the random pool's frames).
/// The header's conventions (cbindgen.toml) state this size and the next.
#[doc(hidden)]
pub const SCRUB_VALUE_BYTES: usize = 1280;

/// Bytes [`scrubbed_value`] overwrites after `secrets_password`, whose
/// work leaves drawn characters behind (2.2 KiB measured as above;
/// negligible next to the password's own cost).
#[doc(hidden)]
pub const SCRUB_PASSWORD_BYTES: usize = 2304;

/// Runs `work` in a frame of its own and returns its result after
/// [`scrub_stack`] of [`SCRUB_BYTES`]: the exported functions that take
/// keys or decode secrets return through `scrubbed(|| ...)`.
#[inline(always)]
pub(crate) fn scrubbed<T>(work: impl FnOnce() -> T) -> T {
    scrubbed_value::<SCRUB_BYTES, T>(work)
}

/// [`scrubbed`] with a scrub of `N` bytes, for the generators that leave
/// random values behind ([`SCRUB_VALUE_BYTES`], [`SCRUB_PASSWORD_BYTES`]).
///
/// The work runs in a non-inlined function, and the scrub runs after it
/// returns, from the exported function's frame: so the work's frames (and
/// whatever the compiler inlined into them) lie in the scrubbed area, below
/// the exported function's frame, which holds only the status.
#[inline(always)]
pub(crate) fn scrubbed_value<const N: usize, T>(work: impl FnOnce() -> T) -> T {
    let result = apart(work);
    scrub_stack::<N>();
    result
}

/// Calls `work` in a frame below the caller's.
#[inline(never)]
fn apart<T>(work: impl FnOnce() -> T) -> T {
    work()
}

/// Overwrites the `N` bytes of stack just below the caller's frame with
/// zeros: the frames of the work that has just returned, where copies of
/// keys, tags and decoded secrets are left behind (the hmac crate's padded
/// key block, the SHA-2 block buffers, moved values). Wiping each copy one
/// by one cannot be made complete; this can. Never inlined, so its frame
/// lies where the work's frames were; volatile stores (no `memset` call,
/// whose frame would land below the area) and a compiler fence keep the
/// stores from being removed as dead.
#[inline(never)]
pub(crate) fn scrub_stack<const N: usize>() {
    /// `N` bytes aligned for word stores.
    #[repr(C, align(8))]
    struct Area<const N: usize>([u8; N]);
    const { assert!(N.is_multiple_of(8)) };
    let mut area = core::mem::MaybeUninit::<Area<N>>::uninit();
    let words = area.as_mut_ptr().cast::<u64>();
    for i in 0..N / 8 {
        // In bounds of `area`; a volatile store is never elided.
        unsafe { words.add(i).write_volatile(0) };
    }
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

/// Test support (feature `test-internal-panic`, never shipped): boundary
/// helpers whose body panics, as a defect in the core would.
#[cfg(feature = "test-internal-panic")]
#[doc(hidden)]
pub mod forced_panic {
    use super::*;

    /// A text output whose body panics after writing part of the text.
    pub unsafe fn text(out: *mut c_char, out_size: usize) -> secrets_status {
        unsafe {
            text_out(out, out_size, [], |buf| -> Result<usize> {
                buf.fill(b'x');
                panic!("forced internal panic (test)")
            })
        }
    }

    /// A verifier whose body panics.
    pub fn verify() -> secrets_status {
        status_of(|| -> Result<()> { panic!("forced internal panic (test)") })
    }

    /// A single value whose body panics.
    pub unsafe fn value(out: *mut u64) -> secrets_status {
        unsafe {
            value_out(out, [], || -> Result<u64> {
                panic!("forced internal panic (test)")
            })
        }
    }
}
