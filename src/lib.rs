//! libsecrets: everything Python's `secrets` module offers, and what
//! applications build on it, behind a stable C ABI.
//!
//! This crate is the C boundary only: the only place with raw pointers and
//! `unsafe`, and the owner of every C fact (status values, the `SECRETS_*`
//! constants, NUL termination, the PTRDIFF_MAX size rule) and of the
//! operating system's entropy source. Every exported function checks its
//! arguments with the helpers in `boundary` and makes one call into the safe
//! `no_std` core, [`secrets_core`].
//!
//! The modules are declared in the order the generated header presents
//! them: status codes, core randomness, human-facing secrets, then
//! authentication.
#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![forbid(unsafe_op_in_unsafe_fn)]
#![allow(clippy::missing_safety_doc)] // the C contract in the header is the safety doc

pub mod status;

pub mod random;

pub mod human;

pub mod auth;

pub(crate) mod boundary;
#[cfg(feature = "test-internal-panic")]
pub use boundary::forced_panic;
pub use boundary::{
    SCRUB_BYTES, SCRUB_PASSWORD_BYTES, SCRUB_VALUE_BYTES, SECRETS_SCRUB_STACK_BYTES,
};
// The entropy source every exported function draws from, by the name they
// use for it (`os_entropy::OsEntropy`): the operating system's, or with
// `platform-entropy` the firmware's hook.
#[cfg(all(feature = "os-entropy", not(feature = "platform-entropy")))]
pub(crate) mod os_entropy;
#[cfg(feature = "platform-entropy")]
pub(crate) mod platform_entropy;
#[cfg(feature = "platform-entropy")]
pub(crate) mod os_entropy {
    //! With `platform-entropy` the generators' source is the firmware's
    //! `secrets_platform_entropy()`, under the name the OS source has.
    pub(crate) use crate::platform_entropy::PlatformEntropy as OsEntropy;
}

#[cfg(not(any(feature = "os-entropy", feature = "platform-entropy")))]
compile_error!(
    "libsecrets has no entropy source: enable `os-entropy` (the default, for \
     hosted systems) or `platform-entropy` (the firmware implements \
     secrets_platform_entropy(), see include/secrets_platform.h)"
);

/// A `no_std` static library needs a panic handler. The library is built
/// never to panic (CI checks that no panic path survives linking into a
/// firmware image); were one reached, the firmware's handler decides.
#[cfg(all(feature = "panic-handler", not(feature = "std"), not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    unsafe extern "C" {
        /// `void secrets_platform_panic(void)`: must not return.
        fn secrets_platform_panic() -> !;
    }
    // SAFETY: the firmware provides it under the contract of
    // include/secrets_platform.h.
    unsafe { secrets_platform_panic() }
}
