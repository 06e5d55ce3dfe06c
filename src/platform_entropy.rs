//! The firmware's entropy source (feature `platform-entropy`): every random
//! byte comes from `secrets_platform_entropy()`, which the firmware
//! implements (contract in `include/secrets_platform.h`).

use secrets_core::{EntropySource, Error};
use zeroize::Zeroize;

/// The firmware's side: declared in include/secrets_platform.h, not in the
/// generated secrets.h.
///
/// cbindgen:ignore
mod hook {
    use core::ffi::{c_int, c_void};

    unsafe extern "C" {
        /// Fills all `len` bytes of `buf` with conditioned, full-entropy
        /// output; 0 on success, nonzero on any failure.
        pub(super) fn secrets_platform_entropy(buf: *mut c_void, len: usize) -> c_int;
    }
}

/// The firmware's hook as an [`EntropySource`].
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PlatformEntropy;

impl EntropySource for PlatformEntropy {
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
        if dest.is_empty() {
            return Ok(());
        }
        // SAFETY: `dest` is valid for writes of `dest.len()` bytes for the
        // whole call, and the hook writes at most that many.
        if unsafe { hook::secrets_platform_entropy(dest.as_mut_ptr().cast(), dest.len()) } == 0 {
            return Ok(());
        }
        // Whatever a failing hook wrote is never used: wipe it here, since
        // the caller's buffer may be a stack pool that outlives this call.
        dest.zeroize();
        Err(Error::Entropy)
    }
}
