//! libsecrets: everything Python's `secrets` module offers, and what
//! applications build on it, behind a stable C ABI.
//!
//! Layout (see `design.md`): [`ffi`] is the only module with raw pointers;
//! it checks and converts them, then calls the safe core modules below,
//! which take slices, return [`error::Result`], allocate nothing and draw
//! every random byte through [`rng`].
#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![forbid(unsafe_op_in_unsafe_fn)]

pub mod alphabet;
pub mod apikey;
pub mod compare;
pub mod csrf;
pub mod encode;
pub mod error;
pub mod ffi;
pub mod hotp_totp;
pub mod mac;
pub mod otp_code;
pub mod otpauth;
pub mod passphrase;
pub mod password;
pub mod rng;
pub mod token;
pub mod uniform;
pub mod uuid;
pub mod wordlist;
