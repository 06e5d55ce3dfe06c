//! The operating system's entropy source: every random byte the C library
//! hands out comes through [`OsEntropy`], and nothing else in the crate
//! touches the OS random source. On Linux the bytes come from the kernel's
//! CSPRNG and from nothing else.
//!
//! Linux paths, chosen once per process (at the first request) and then fixed:
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

#[cfg(any(target_os = "linux", target_os = "android"))]
mod linux;
#[cfg(any(target_os = "linux", target_os = "android"))]
mod syscall;
#[cfg(any(target_os = "linux", target_os = "android"))]
mod vdso;

use secrets_core::{EntropySource, Error};

/// The operating system's random source, for the core's generators.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct OsEntropy;

impl EntropySource for OsEntropy {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
        linux::fill(dest).map_err(|linux::Failed| Error::Entropy)
    }

    /// Elsewhere the `getrandom` crate's system source (`getentropy` on
    /// macOS and the BSDs, `ProcessPrng` on Windows).
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
        getrandom::fill(dest).map_err(|_| Error::Entropy)
    }
}

#[cfg(all(test, any(target_os = "linux", target_os = "android")))]
mod tests;
