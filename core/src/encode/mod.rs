//! Constant-time text encodings of secret bytes.
//!
//! Table look-ups indexed by secret data leak through the cache, and
//! branches leak through timing, so every character is computed with
//! arithmetic masks (the technique of libsodium's `sodium_bin2hex` and
//! `sodium_bin2base64`). Inside the crate each encoder also works **in
//! place**: a token's random bytes are drawn into the tail of its output
//! buffer and the encoder rewrites the buffer front to back, always reading
//! a group before any write can reach it, so no other copy of the secret is
//! made. The public `encode` functions copy their input into the output
//! buffer and do the same.
//!
//! ```
//! use secrets_core::encode::{base64url, hex};
//! let mut text = [0u8; 8];
//! let len = hex::encode(b"\x01\xff", &mut text)?;
//! assert_eq!(&text[..len], b"01ff");
//! let len = base64url::encode(b"\x01\xff", &mut text)?;
//! assert_eq!(&text[..len], b"Af8");
//! # Ok::<(), secrets_core::Error>(())
//! ```

pub mod base32;
// The API keys' alphabet and checksum encoding: internal.
pub(crate) mod base62;
pub mod base64url;
pub mod hex;
