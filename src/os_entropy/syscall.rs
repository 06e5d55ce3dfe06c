//! The `getrandom(2)` system call, made directly (not through the C
//! library's wrapper, which glibc 2.41 and later route through its own vDSO
//! state), and the C library's `getrandom()` where that is the better path.

use super::linux::Failed;
use core::ffi::c_void;

/// Fills `dest` from the kernel's CSPRNG with the raw system call, blocking
/// (flags 0) until the kernel's pool is initialised, as every caller wants.
///
/// A signal can interrupt a request (EINTR) or cut a large one short: both
/// are continued. Every other error fails the fill, in particular ENOSYS and
/// EPERM (a kernel before 3.17, or a seccomp filter): there is deliberately
/// no `/dev/urandom` fallback.
pub(super) fn fill(dest: &mut [u8]) -> Result<(), Failed> {
    fill_with(dest, |buf, len| unsafe {
        libc::syscall(libc::SYS_getrandom, buf, len, 0 as libc::c_uint) as isize
    })
}

/// The same loop over the C library's `getrandom()` (used where it serves
/// requests from the vDSO itself: glibc 2.41 and later).
#[cfg(target_env = "gnu")]
pub(super) fn fill_libc(dest: &mut [u8]) -> Result<(), Failed> {
    fill_with(dest, |buf, len| unsafe { libc::getrandom(buf, len, 0) })
}

/// Calls `request(buf, len)` (which returns the bytes written, or -1 with
/// `errno` set) until `dest` is full.
fn fill_with(
    dest: &mut [u8],
    mut request: impl FnMut(*mut c_void, usize) -> isize,
) -> Result<(), Failed> {
    let mut done = 0;
    while done < dest.len() {
        let rest = &mut dest[done..];
        let got = request(rest.as_mut_ptr().cast(), rest.len());
        if got > 0 {
            // Never trust a count beyond what was asked.
            done += (got as usize).min(rest.len());
        } else if got < 0 && errno() == libc::EINTR {
            continue;
        } else {
            return Err(Failed);
        }
    }
    Ok(())
}

fn errno() -> i32 {
    // SAFETY: the C library's thread-local errno; always valid to read.
    unsafe { *libc::__errno_location() }
}
