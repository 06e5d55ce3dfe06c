//! Choosing and using the Linux path (see the parent module).

use super::{syscall, vdso};
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
        // (Miri, which runs the boundary tests, has no auxiliary vector and
        // is never set-user-ID.)
        if !cfg!(miri) && libc::getauxval(libc::AT_SECURE) != 0 {
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
pub(super) fn glibc_at_least(version: &[u8], major: u32, minor: u32) -> bool {
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
