//! libsecrets: everything Python's `secrets` module offers, and what
//! applications build on it, behind a stable C ABI.
//!
//! Layout (see `design.md`): [`ffi`], the only public module, is the only one
//! with raw pointers;
//! it checks and converts them, then calls the safe core modules below,
//! which take slices, return [`error::Result`], allocate nothing and draw
//! every random byte through [`rng`].
#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![forbid(unsafe_op_in_unsafe_fn)]

pub(crate) mod alphabet;
pub(crate) mod apikey;
pub(crate) mod compare;
pub(crate) mod csrf;
pub(crate) mod encode;
pub(crate) mod error;
pub mod ffi;
pub(crate) mod hotp_totp;
pub(crate) mod mac;
#[cfg(any(target_os = "linux", target_os = "android"))]
#[allow(dead_code)] // wired into rng::OsEntropy after the restructure lands
pub(crate) mod os_entropy;
pub(crate) mod otp_code;
pub(crate) mod otpauth;
pub(crate) mod passphrase;
pub(crate) mod password;
pub(crate) mod rng;
pub(crate) mod token;
pub(crate) mod uniform;
pub(crate) mod uuid;
pub(crate) mod wordlist;
