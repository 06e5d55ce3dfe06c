//! The safe core of libsecrets: everything Python's `secrets` module offers
//! and what applications build on it (passwords, passphrases, one-time
//! codes, API keys, UUIDs, HMAC, CSRF tokens, HOTP/TOTP), as plain Rust over
//! caller slices.
//!
//! * `no_std`, no heap, no `unsafe`, no global state.
//! * Every random function takes the entropy source as
//!   `&mut impl` [`EntropySource`]: the operating system's source lives in
//!   the C library crate (`secrets`), firmware brings its own.
//! * Outputs go into caller slices; text functions return the number of
//!   bytes written (no NUL). A slice too short for the result is
//!   [`Error::BufferTooSmall`], a size that overflows is
//!   [`Error::InvalidArgument`].
//! * Uniform choices are exact (rejection sampling); work on secret bytes
//!   (comparison, encoding, verification) takes time independent of them
//!   (see [`ct`]).
//!
//! ```
//! use secrets_core::{EntropySource, Error, token};
//!
//! /// A stand-in source for the example; use a real one in practice.
//! struct Counter(u8);
//! impl EntropySource for Counter {
//!     fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
//!         for b in dest {
//!             self.0 = self.0.wrapping_add(1);
//!             *b = self.0;
//!         }
//!         Ok(())
//!     }
//! }
//!
//! let mut out = [0u8; 8];
//! let len = token::hex(&mut Counter(0), &mut out, 4)?;
//! assert_eq!(&out[..len], b"01020304");
//! # Ok::<(), Error>(())
//! ```
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod alphabet;
pub mod apikey;
pub mod csrf;
pub mod ct;
pub mod encode;
pub mod error;
pub mod hotp_totp;
pub mod mac;
pub mod otp_code;
pub mod otpauth;
pub mod passphrase;
pub mod password;
pub mod random;
pub mod rng;
#[doc(hidden)]
pub mod testing;
pub mod token;
pub mod uniform;
pub mod uuid;
pub mod wordlist;

pub use error::{Error, Result};
pub use rng::EntropySource;
