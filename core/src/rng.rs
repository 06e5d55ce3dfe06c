//! The only source of randomness in the library.
//!
//! A generator works out how many random bytes it expects to need, asks the
//! source for all of them in **one** request, and draws from that buffer.
//! Only a rejection-sampling miss beyond the planned margin refills it. The
//! request is made at the first draw, so a call that fails its argument
//! checks (or needs no draw) makes none. No
//! state survives a call, so the library is fork- and thread-safe by
//! construction, and every buffer of random bytes is wiped before it is
//! released.

use crate::error::{Error, Result};
use zeroize::Zeroize;

/// Where random bytes come from. The C library plugs in the operating
/// system's source, firmware its hardware generator, tests deterministic or
/// failing sources.
///
/// `fill` must fill `dest` completely with unpredictable bytes or fail with
/// [`Error::Entropy`]; a generator makes one request for what it expects to
/// need, so one call per generated secret is typical.
///
/// ```
/// use secrets_core::{EntropySource, Error};
///
/// /// A source that always fails, as a broken hardware generator would.
/// struct Broken;
/// impl EntropySource for Broken {
///     fn fill(&mut self, _dest: &mut [u8]) -> Result<(), Error> {
///         Err(Error::Entropy)
///     }
/// }
///
/// let mut out = [0u8; 16];
/// assert_eq!(secrets_core::token::bytes(&mut Broken, &mut out), Err(Error::Entropy));
/// ```
pub trait EntropySource {
    /// Fills `dest` completely with unpredictable bytes, or fails.
    fn fill(&mut self, dest: &mut [u8]) -> Result<()>;
}

impl<S: EntropySource + ?Sized> EntropySource for &mut S {
    fn fill(&mut self, dest: &mut [u8]) -> Result<()> {
        (**self).fill(dest)
    }
}

/// Plans up to this many bytes use a small stack buffer (cheap to set up).
const SMALL_POOL: usize = 256;
/// Plans up to this many bytes use a medium one.
const MEDIUM_POOL: usize = 2048;
/// Largest single request: enough for any generator whose output is at most
/// 4 KiB. The largest plans are a shuffle of 4096 one-byte elements (about
/// 12 KiB: three bytes a draw for bounds above 256) and a sample of 512
/// indices from a population above 2^56 (planned at 13.3 KiB with a margin
/// for duplicates that never comes into play, so capped here; it uses about
/// 9.5 KiB).
pub(crate) const LARGE_POOL: usize = 12 * 1024 + 512;
/// Never-filled bytes after the pool, so that a draw can always load a whole
/// 8-byte word (performance: no variable-length copy per draw).
const WORD_SLACK: usize = 8;

/// A buffer of random bytes filled by one request, drawn from front to back.
pub struct RandomStream<'a, S: EntropySource> {
    source: &'a mut S,
    buf: &'a mut [u8],
    pos: usize,
    filled: usize,
    /// Largest `filled` seen, so that drop wipes everything ever written.
    high_water: usize,
    /// Size of the first request, made at the first draw.
    planned: usize,
}

/// Runs `body` with a stream whose first request, made at its first draw, is
/// `planned` bytes (capped at [`LARGE_POOL`]). The stack buffer is wiped when
/// `body` returns.
pub fn with_stream<S, R>(
    source: &mut S,
    planned: usize,
    body: impl FnOnce(&mut RandomStream<'_, S>) -> Result<R>,
) -> Result<R>
where
    S: EntropySource,
{
    // Performance: the buffer is zero-initialised on every call, so plans
    // take the smallest pool that holds them (a 12.5 KiB memset costs about
    // as much as a 32-byte getrandom()).
    if planned <= SMALL_POOL {
        let mut buf = [0u8; SMALL_POOL + WORD_SLACK];
        run_stream(source, &mut buf, planned, body)
    } else if planned <= MEDIUM_POOL {
        let mut buf = [0u8; MEDIUM_POOL + WORD_SLACK];
        run_stream(source, &mut buf, planned, body)
    } else {
        let mut buf = [0u8; LARGE_POOL + WORD_SLACK];
        run_stream(source, &mut buf, planned, body)
    }
}

fn run_stream<S: EntropySource, R>(
    source: &mut S,
    buf: &mut [u8],
    planned: usize,
    body: impl FnOnce(&mut RandomStream<'_, S>) -> Result<R>,
) -> Result<R> {
    let mut stream = RandomStream {
        source,
        buf,
        pos: 0,
        filled: 0,
        high_water: 0,
        planned,
    };
    body(&mut stream)
}

impl<S: EntropySource> RandomStream<'_, S> {
    /// The first draw makes the planned request. A later miss (beyond the
    /// plan) asks again, generously, so that a run of rejections costs one
    /// more request rather than many.
    #[cold]
    fn top_up(&mut self) -> Result<()> {
        let want = if self.high_water == 0 {
            self.planned
        } else {
            64.max(self.filled / 8)
        };
        self.refill(want)
    }

    fn refill(&mut self, want: usize) -> Result<()> {
        let len = want.clamp(1, self.buf.len() - WORD_SLACK);
        self.source.fill(&mut self.buf[..len])?;
        self.pos = 0;
        self.filled = len;
        self.high_water = self.high_water.max(len);
        Ok(())
    }

    /// Next `n` (1..=8) random bytes as a little-endian integer.
    #[inline]
    pub fn next_bytes_le(&mut self, n: usize) -> Result<u64> {
        Ok(self.next_bytes_high(n)? >> (64 - 8 * n as u32))
    }

    /// Next `n` (1..=8) random bytes as the high `n` bytes of a word whose
    /// low bytes are zero: a uniform multiple of 2^(64 - 8n). Lets
    /// `uniform::below` do its arithmetic in 64 bits for every width.
    #[inline(always)]
    pub fn next_bytes_high(&mut self, n: usize) -> Result<u64> {
        debug_assert!((1..=8).contains(&n));
        let unused_bits = 64 - 8 * n as u32;
        while self.filled - self.pos < n {
            self.top_up()?;
        }
        // Performance: one fixed 8-byte load instead of a variable-length
        // copy (a memcpy call per draw); `WORD_SLACK` guarantees the eight
        // bytes exist. Those past `pos + n` land in the low bytes and are
        // shifted out, unused. (`get` cannot fail given `WORD_SLACK`; were
        // that broken, refusing the call beats reading out of bounds.)
        let mut word = [0u8; 8];
        word.copy_from_slice(self.buf.get(self.pos..self.pos + 8).ok_or(Error::Entropy)?);
        self.pos += n;
        Ok(u64::from_le_bytes(word) << unused_bits)
    }

    /// A uniformly random 64-bit word.
    pub fn next_u64(&mut self) -> Result<u64> {
        self.next_bytes_le(8)
    }
}

impl<S: EntropySource> Drop for RandomStream<'_, S> {
    fn drop(&mut self) {
        self.buf[..self.high_water].zeroize();
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Sources for tests: the OS (tests only: the library has no OS
    //! dependency), counted, scripted and failing.
    use super::*;

    /// The operating system's random source.
    #[derive(Default, Clone, Copy)]
    pub struct OsEntropy;
    impl EntropySource for OsEntropy {
        fn fill(&mut self, dest: &mut [u8]) -> Result<()> {
            getrandom::fill(dest).map_err(|_| Error::Entropy)
        }
    }

    /// The OS source, counting requests and bytes.
    #[derive(Default)]
    pub struct CountingOs {
        pub requests: usize,
        pub bytes: usize,
    }
    impl EntropySource for CountingOs {
        fn fill(&mut self, dest: &mut [u8]) -> Result<()> {
            self.requests += 1;
            self.bytes += dest.len();
            OsEntropy.fill(dest)
        }
    }

    /// Replays fixed bytes cyclically: lets a test force given draws.
    pub struct Scripted<'a>(pub &'a [u8], pub usize);
    impl EntropySource for Scripted<'_> {
        fn fill(&mut self, dest: &mut [u8]) -> Result<()> {
            for b in dest {
                *b = self.0[self.1 % self.0.len()];
                self.1 += 1;
            }
            Ok(())
        }
    }

    /// Fails every request, as a broken `/dev/urandom` would.
    pub struct Failing;
    impl EntropySource for Failing {
        fn fill(&mut self, _dest: &mut [u8]) -> Result<()> {
            Err(Error::Entropy)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn one_request_covers_the_plan() {
        let mut src = CountingOs::default();
        with_stream(&mut src, 64, |s| {
            for _ in 0..8 {
                s.next_u64()?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!((src.requests, src.bytes), (1, 64));
    }

    #[test]
    fn a_miss_refills() {
        let mut src = CountingOs::default();
        with_stream(&mut src, 4, |s| s.next_u64()).unwrap();
        assert_eq!(src.requests, 2);
    }

    #[test]
    fn no_draw_no_request() {
        let mut src = CountingOs::default();
        let r: Result<()> = with_stream(&mut src, 64, |_| Err(Error::InvalidArgument));
        assert_eq!((r, src.requests), (Err(Error::InvalidArgument), 0));
    }

    #[test]
    fn a_short_plan_still_yields_random_words() {
        // Planned 3 bytes, drawn 8: the plan is requested, then a top-up; no
        // unfilled byte is ever used.
        let mut src = Scripted(&[0xab], 0);
        let v = with_stream(&mut src, 3, |s| s.next_u64()).unwrap();
        assert_eq!(v, 0xabab_abab_abab_abab);
        assert_eq!(src.1, 3 + 64);
    }

    #[test]
    fn failure_propagates() {
        assert_eq!(
            with_stream(&mut Failing, 8, |s| s.next_u64()),
            Err(Error::Entropy)
        );
    }

    #[test]
    fn bytes_are_little_endian() {
        let mut src = Scripted(&[1, 2, 3], 0);
        let v = with_stream(&mut src, 3, |s| s.next_bytes_le(3)).unwrap();
        assert_eq!(v, 0x030201);
    }
}
