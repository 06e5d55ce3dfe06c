//! Rust firmware using libsecrets' core crate directly: no C hook, no
//! global, no RUSTFLAGS. The board's TRNG is an ordinary value that
//! implements [`EntropySource`] and is passed to each call, so whoever owns
//! the peripheral (an Embassy task, an RTIC resource, `main` here) decides
//! who may draw from it.
//!
//! Build: `cargo build --release` in this directory (the target and the
//! compact SHA-2 cfg are in `.cargo/config.toml`).
#![no_std]
#![no_main]

use core::ptr::{read_volatile, write_volatile};

use cortex_m_rt::entry;
use secrets_core::password::{self, Policy};
use secrets_core::{EntropySource, Error, mac, token};

/// The RNG peripheral of STM32L4/H7/U5-class parts, whose output is
/// conditioned in hardware (NIST SP 800-90B): the full-entropy bytes the
/// library requires. A part whose TRNG gives raw noise needs a DRBG seeded
/// from it instead.
struct Trng {
    base: usize,
}

const RNG_BASE: usize = 0x5006_0800;
const CR: usize = 0x0;
const SR: usize = 0x4;
const DR: usize = 0x8;
const CR_RNGEN: u32 = 1 << 2;
const SR_DRDY: u32 = 1 << 0;
/// Clock error, seed error (a failed health test) and their sticky flags.
const SR_ERRORS: u32 = (1 << 1) | (1 << 2) | (1 << 5) | (1 << 6);
/// Polls before giving up on a stuck peripheral (never hang a caller).
const MAX_POLLS: u32 = 10_000;

impl Trng {
    /// Takes the peripheral (its clock must be enabled) and turns it on.
    fn new() -> Trng {
        let rng = Trng { base: RNG_BASE };
        // SAFETY: RNG_BASE is the RNG's register block on this part, and
        // this value is its only user.
        unsafe { write_volatile((rng.base + CR) as *mut u32, CR_RNGEN) };
        rng
    }

    fn read(&self, offset: usize) -> u32 {
        // SAFETY: a register of the block `new` took.
        unsafe { read_volatile((self.base + offset) as *const u32) }
    }

    /// One 32-bit word, or an error when the peripheral reports a fault
    /// or never becomes ready.
    fn word(&mut self) -> Result<u32, Error> {
        for _ in 0..MAX_POLLS {
            let status = self.read(SR);
            if status & SR_ERRORS != 0 {
                return Err(Error::Entropy);
            }
            if status & SR_DRDY != 0 {
                return Ok(self.read(DR));
            }
        }
        Err(Error::Entropy)
    }
}

impl EntropySource for Trng {
    /// Fills all of `dest`, or fails with [`Error::Entropy`] (the library
    /// then stops, and returns that error). A failed fill is cleared.
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
        let mut result = Ok(());
        for chunk in dest.chunks_mut(4) {
            match self.word() {
                Ok(word) => chunk.iter_mut().zip(word.to_le_bytes()).for_each(|(d, w)| *d = w),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        if result.is_err() {
            dest.fill(0);
        }
        result
    }
}

#[entry]
fn main() -> ! {
    let mut trng = Trng::new();

    // A 128-bit session token as 32 hex characters.
    let mut session = [0u8; 32];
    let token = token::hex(&mut trng, &mut session, 16).map(|len| &session[..len]);

    // A device password under the default policy (every class at least once).
    let mut device_password = [0u8; 17]; // 16 characters and room for a NUL
    let made = Policy::from_flags(password::DEFAULT)
        .and_then(|policy| policy.generate(&mut trng, &mut device_password, 16));

    // Authenticating a message needs no randomness at all.
    let tag = token.and_then(|token| mac::sha256(b"device key", token));

    // On an error (Error::Entropy: the TRNG failed) the core crate leaves
    // its outputs unspecified, possibly partly written: clear them, as the C
    // library does for its callers.
    if made.is_err() || tag.is_err() {
        session.fill(0);
        device_password.fill(0);
    }
    // A real firmware would now store the secrets or report the failure.
    let _ = core::hint::black_box((made, tag, &session, &device_password));
    loop {
        core::hint::spin_loop();
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
