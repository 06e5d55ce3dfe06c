//! Constant-time text encodings of secret bytes.
//!
//! Table look-ups indexed by secret data leak through the cache, and
//! branches leak through timing, so every character is computed with
//! arithmetic masks (the technique of libsodium's `sodium_bin2hex` and
//! `sodium_bin2base64`). Each encoder works **in place**: the caller puts the
//! input bytes at the tail of the output buffer (often straight from the OS
//! random source) and the encoder rewrites the buffer front to back, always
//! reading a group before any write can reach it. No copy of the secret is
//! made anywhere else.

pub mod base32;
pub mod base62;
pub mod base64url;
pub mod hex;
