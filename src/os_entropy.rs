//! The operating system's entropy source: every random byte the C library
//! hands out comes through [`OsEntropy`], and nothing else in the crate
//! touches the OS random source.

use secrets_core::{EntropySource, Error};

/// The operating system's random source (`getrandom(2)` on Linux).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct OsEntropy;

impl EntropySource for OsEntropy {
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
        getrandom::fill(dest).map_err(|_| Error::Entropy)
    }
}
