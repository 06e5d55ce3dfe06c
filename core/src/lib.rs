//! The safe core of libsecrets: everything Python's `secrets` module offers
//! and what applications build on it (passwords, passphrases, one-time
//! codes, API keys, UUIDs, HMAC, CSRF tokens, HOTP/TOTP), as plain Rust over
//! caller slices. The C library (`secrets`) is a thin boundary over it; Rust
//! programs, firmware included, can use it directly.
//!
//! # Promises
//!
//! * `#![no_std]`, no heap (not even `alloc`), `#![forbid(unsafe_code)]`, no
//!   global or static mutable state: every function is thread-safe and
//!   fork-safe by construction, and runs on bare metal. Buffers live on the
//!   caller's stack.
//! * Randomness comes only from the [`EntropySource`] each random function
//!   takes as `&mut impl EntropySource`: the operating system's source lives
//!   in the C library crate, firmware brings its own (see below). A
//!   generator works out what it needs and asks for it in one request, at
//!   its first draw, so a call that fails its argument checks asks nothing.
//!   Every buffer of random bytes is wiped before it is released.
//! * Uniform choices are exact (rejection sampling, no modulo bias).
//! * Work on secrets takes time, and touches memory at addresses, that
//!   depend on public lengths only: comparisons, encodings, verification,
//!   and the selection of a character or word at a secret random index (see
//!   [`ct`]).
//! * Outputs go into caller slices; text functions write ASCII at the
//!   start of the slice and return its length (no NUL). A slice too short
//!   for the result is [`Error::BufferTooSmall`] and a size that overflows
//!   is [`Error::InvalidArgument`]; no function panics on any input.
//!
//! # Tour
//!
//! * [`token`]: random bytes, hex and base64url tokens (Python's
//!   `token_bytes`, `token_hex`, `token_urlsafe`); [`random`]: integers,
//!   ranges, choices, shuffles, samples and doubles.
//! * [`password`], [`passphrase`], [`alphabet`] (random strings over any
//!   set of characters), [`otp_code`] (codes sent by e-mail or SMS),
//!   [`apikey`], [`uuid`].
//! * [`mac`] (HMAC), [`csrf`], [`hotp_totp`] and [`otpauth`] (two-factor
//!   codes and their enrolment URIs).
//! * [`encode`] (constant-time hex, base64url and base32), [`ct`]
//!   (constant-time equality, selection and wiping).
//!
//! # Bringing your own entropy source
//!
//! Implement [`EntropySource`] for the generator you have, a firmware TRNG
//! for instance: `fill` must fill the whole slice with unpredictable bytes,
//! or fail with [`Error::Entropy`] (a failed health test), in which case
//! the function that asked fails with it and writes no secret.
//!
//! ```
//! use secrets_core::{EntropySource, Error, otp_code, uuid};
//!
//! /// A hardware random number generator that yields 32-bit words.
//! struct Trng {
//!     // In firmware, the peripheral's registers; simulated here.
//!     simulated: u32,
//! }
//!
//! impl Trng {
//!     /// The next word, once the peripheral has one; `None` when its
//!     /// health test has failed.
//!     fn next_word(&mut self) -> Option<u32> {
//!         self.simulated ^= self.simulated << 13;
//!         self.simulated ^= self.simulated >> 17;
//!         self.simulated ^= self.simulated << 5;
//!         Some(self.simulated)
//!     }
//! }
//!
//! impl EntropySource for Trng {
//!     fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
//!         for chunk in dest.chunks_mut(4) {
//!             let word = self.next_word().ok_or(Error::Entropy)?;
//!             chunk.copy_from_slice(&word.to_le_bytes()[..chunk.len()]);
//!         }
//!         Ok(())
//!     }
//! }
//!
//! let mut trng = Trng { simulated: 0x2545_f491 };
//! let mut id = [0u8; uuid::TEXT_LEN];
//! uuid::v4(&mut trng, &mut id)?;
//! let mut code = [0u8; 6];
//! otp_code::numeric(&mut trng, &mut code, 6)?;
//! assert!(code.iter().all(u8::is_ascii_digit));
//! # Ok::<(), Error>(())
//! ```
//!
//! Sources are taken by `&mut`, so a source with state (a DRBG, a
//! peripheral handle) needs no interior mutability, and `&mut S` is itself
//! a source.
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod alphabet;
pub mod apikey;
pub mod csrf;
pub mod ct;
pub mod declassify;
pub mod encode;
pub mod error;
pub mod hotp_totp;
pub mod mac;
pub mod otp_code;
pub mod otpauth;
pub mod passphrase;
pub mod password;
pub mod random;
// The request planning behind every generator: internal.
mod rng;
#[doc(hidden)]
pub mod testing;
pub mod token;
// Exact uniform draws from a planned stream: internal (see `random`).
mod uniform;
pub mod uuid;
pub mod wordlist;

pub use error::{Error, Result};
pub use rng::EntropySource;
