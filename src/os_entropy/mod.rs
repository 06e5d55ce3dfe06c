//! The operating system's random source on Linux: every random byte the
//! hosted library uses comes through [`fill`], from the kernel's CSPRNG and
//! from nothing else.
//!
//! Paths, chosen once per process (at the first request) and then fixed:
//! * **vDSO**: the kernel's `__vdso_getrandom` (Linux 6.11 and later) over
//!   states from a small lock-free pool ([`vdso`]);
//! * **C library**: glibc 2.41 and later already serve `getrandom()` from
//!   the vDSO with their own per-thread state; there the library calls it
//!   rather than keep a second state;
//! * **system call**: `getrandom(2)` made directly ([`syscall`]) when the
//!   vDSO lacks the function, and whenever no vDSO state can be had.
//!
//! There is no `/dev/urandom` fallback: when the system call fails (ENOSYS
//! on a kernel before 3.17, EPERM or ENOSYS from a seccomp filter, anything
//! but EINTR), the request fails and the caller gets
//! `SECRETS_ERR_ENTROPY`. A file fallback is how libraries have returned
//! bytes that did not come from the kernel's CSPRNG (a descriptor kept
//! across calls and then closed and reused by the program); one opened per
//! call costs three more system calls, a descriptor (so it fails under a
//! descriptor limit or in a chroot without `/dev`), and, in exactly the
//! sandboxes that block `getrandom`, is usually blocked too. Failing closed
//! is the answer a sandbox's author can act on.
//!
//! No request is made for an empty buffer (there is no zero-length probe).
//!
//! # The test switch
//! The environment variable `SECRETS_ENTROPY_PATH`, read once at the first
//! request, forces a path, for tests and benchmarks:
//! * `vdso`: the library's own vDSO pool (even where glibc would serve the
//!   request); every request fails when the vDSO has no `getrandom`;
//! * `syscall`: the system call only;
//! * `fail`: every request fails (`SECRETS_ERR_ENTROPY`);
//! * `auto` or unset: the choice above.
//!
//! Any other value fails every request, so that a mistyped switch is seen,
//! not silently ignored. Forcing can only make the library fail or use a
//! kernel source it would use anyway; it can never make it use a weaker one.
//! The variable is ignored in a set-user-ID or otherwise privileged process
//! (`AT_SECURE`), where the environment belongs to someone else.

mod syscall;
mod vdso;

use core::sync::atomic::{AtomicU8, Ordering};

/// A request failed; the caller maps it to `SECRETS_ERR_ENTROPY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Failed;

/// How requests are served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Path {
    Vdso = 1,
    Libc = 2,
    Syscall = 3,
    Fail = 4,
}

/// The path, 0 until resolved. Resolution is idempotent (the environment,
/// the auxiliary vector and the vDSO do not change), so threads that race
/// to resolve store the same value and need no lock.
static PATH: AtomicU8 = AtomicU8::new(0);

/// Fills `dest` with bytes from the kernel's CSPRNG, completely, or fails.
pub(crate) fn fill(dest: &mut [u8]) -> Result<(), Failed> {
    if dest.is_empty() {
        return Ok(());
    }
    fill_by(path(), dest)
}

/// Fills `dest` by the given path (tests use it to exercise each one).
pub(crate) fn fill_by(path: Path, dest: &mut [u8]) -> Result<(), Failed> {
    match path {
        Path::Vdso => vdso::fill(dest),
        #[cfg(target_env = "gnu")]
        Path::Libc => syscall::fill_libc(dest),
        #[cfg(not(target_env = "gnu"))]
        Path::Libc => syscall::fill(dest),
        Path::Syscall => syscall::fill(dest),
        Path::Fail => Err(Failed),
    }
}

/// The resolved path.
pub(crate) fn path() -> Path {
    match PATH.load(Ordering::Acquire) {
        1 => Path::Vdso,
        2 => Path::Libc,
        3 => Path::Syscall,
        4 => Path::Fail,
        _ => resolve(),
    }
}

#[cold]
fn resolve() -> Path {
    let path = match forced() {
        Forced::Fail => Path::Fail,
        Forced::Syscall => Path::Syscall,
        Forced::Vdso if vdso::resolve() => Path::Vdso,
        Forced::Vdso => Path::Fail,
        Forced::Auto if vdso::resolve() => {
            if libc_uses_vdso() {
                Path::Libc
            } else {
                Path::Vdso
            }
        }
        Forced::Auto => Path::Syscall,
    };
    // Release: the vDSO parameters stored by `vdso::resolve` are visible
    // to every thread that reads this path.
    PATH.store(path as u8, Ordering::Release);
    path
}

enum Forced {
    Auto,
    Vdso,
    Syscall,
    Fail,
}

/// The value of `SECRETS_ENTROPY_PATH`.
fn forced() -> Forced {
    // SAFETY: getauxval reads the auxiliary vector; getenv returns NULL or a
    // NUL-terminated string of the environment (read once, at resolution).
    let value = unsafe {
        if libc::getauxval(libc::AT_SECURE) != 0 {
            return Forced::Auto;
        }
        let value = libc::getenv(c"SECRETS_ENTROPY_PATH".as_ptr());
        if value.is_null() {
            return Forced::Auto;
        }
        core::ffi::CStr::from_ptr(value).to_bytes()
    };
    match value {
        b"" | b"auto" => Forced::Auto,
        b"vdso" => Forced::Vdso,
        b"syscall" => Forced::Syscall,
        _ => Forced::Fail,
    }
}

/// Whether the C library's `getrandom()` serves requests from the vDSO:
/// glibc 2.41 and later (asked once, at resolution).
fn libc_uses_vdso() -> bool {
    #[cfg(target_env = "gnu")]
    {
        // SAFETY: a static NUL-terminated string such as "2.41".
        let version = unsafe { core::ffi::CStr::from_ptr(libc::gnu_get_libc_version()) };
        glibc_at_least(version.to_bytes(), 2, 41)
    }
    #[cfg(not(target_env = "gnu"))]
    {
        false
    }
}

/// Whether a version text "major.minor[.patch...]" is at least major.minor.
#[cfg_attr(not(any(target_env = "gnu", test)), allow(dead_code))]
fn glibc_at_least(version: &[u8], major: u32, minor: u32) -> bool {
    let mut parts = version.split(|&b| b == b'.').map(|part| {
        part.iter()
            .take_while(|b| b.is_ascii_digit())
            .try_fold(0u32, |n, &d| {
                n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
            })
    });
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(a), Some(b)) => (a, b) >= (major, minor),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
