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
pub use boundary::SECRETS_SCRUB_STACK_BYTES;
#[cfg(feature = "test-internal-panic")]
pub use boundary::forced_panic;
pub(crate) mod os_entropy;
