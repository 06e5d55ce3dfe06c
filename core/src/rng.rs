//! The only source of randomness in the library, and the request promise:
//! **outputs over 256 bytes make one 32-byte request that keys a per-call
//! ChaCha20 stream; every other call makes one request in at least 99 % of
//! calls, and a third request has probability below 2^-64.** (An output's
//! size here is the random bytes it takes.)
//!
//! A generator works out how many random bytes it expects to need, plus a
//! margin that makes running short rarer than once in 100 calls, and asks
//! the source for all of them in **one** request, made at the first draw
//! (so a call that fails its argument checks, or needs no draw, makes
//! none). Plans over [`BULK_ABOVE`] bytes, and the rare call that runs
//! short of its plan, instead take one 32-byte request that keys a ChaCha20
//! stream (RustCrypto's `chacha20`, which runs on AVX2 where the CPU has
//! it), which then serves every further byte of the call: there is never a
//! third request. The key and the cipher state live on the stack of the
//! call and are wiped when it returns, as is every buffer of random bytes;
//! no state survives a call, so the library stays fork- and thread-safe by
//! construction.

use crate::error::{Error, Result};
use chacha20::ChaCha20Legacy;
use chacha20::cipher::{KeyIvInit, StreamCipher, StreamCipherSeek};
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

/// Plans (and byte outputs) over this many bytes come from a ChaCha20
/// stream keyed by one 32-byte request: above it, the kernel's per-byte
/// cost exceeds the cost of a key request plus ChaCha20.
pub const BULK_ABOVE: usize = 256;
/// Bytes of the one request that keys a ChaCha20 stream.
pub const KEY_REQUEST: usize = 32;
/// The stream's buffer: a whole plan of up to [`BULK_ABOVE`] bytes, or four
/// ChaCha20 blocks (the AVX2 backend's natural batch).
const POOL: usize = BULK_ABOVE;
/// Never-filled bytes after the pool, so that a draw can always load a whole
/// 8-byte word (performance: no variable-length copy per draw).
const WORD_SLACK: usize = 8;

/// A ChaCha20 stream keyed from one [`KEY_REQUEST`]-byte request (the key
/// is wiped at once; the cipher state, by the `zeroize` feature, on drop).
/// The 64-bit block counter of the original ChaCha20 never wraps in
/// practice (2^70 bytes).
fn keyed_stream<S: EntropySource>(source: &mut S) -> Result<ChaCha20Legacy> {
    let mut key = [0u8; KEY_REQUEST];
    let keyed = source.fill(&mut key);
    let cipher = ChaCha20Legacy::new(&key.into(), &[0u8; 8].into());
    key.zeroize();
    keyed.map(|()| cipher)
}

/// Fills `out` with random bytes: one request of `out.len()` bytes, or, over
/// [`BULK_ABOVE`] bytes, one 32-byte request that keys a ChaCha20 stream
/// written straight into `out`. Nothing for an empty `out`.
pub fn fill_bytes<S: EntropySource>(source: &mut S, out: &mut [u8]) -> Result<()> {
    if out.is_empty() {
        return Ok(());
    }
    if out.len() <= BULK_ABOVE {
        return source.fill(out);
    }
    let mut cipher = keyed_stream(source)?;
    cipher.try_write_keystream(out).map_err(|_| Error::Entropy)
}

/// Random bytes drawn from front to back: a buffer filled by one request of
/// the plan, then, if that runs out (or for a bulk plan), by a ChaCha20
/// stream keyed from one more, 32-byte, request.
pub struct RandomStream<'a, S: EntropySource> {
    source: &'a mut S,
    buf: [u8; POOL + WORD_SLACK],
    pos: usize,
    filled: usize,
    /// Largest `filled` seen, so that drop wipes everything ever written.
    high_water: usize,
    /// Size of the first request, made at the first draw.
    planned: usize,
    requested: bool,
    /// The key of the call's ChaCha20 stream once keyed, and how many
    /// bytes of it were used (the key, not the 136-byte cipher state, is
    /// kept between refills: less stack; wiped on drop).
    stream_key: Option<[u8; KEY_REQUEST]>,
    stream_pos: u64,
}

/// Runs `body` with a stream whose first request, made at its first draw, is
/// `planned` bytes, or, when `planned` is over [`BULK_ABOVE`], the 32 bytes
/// that key a ChaCha20 stream. Everything random is wiped when `body`
/// returns.
pub fn with_stream<S, R>(
    source: &mut S,
    planned: usize,
    body: impl FnOnce(&mut RandomStream<'_, S>) -> Result<R>,
) -> Result<R>
where
    S: EntropySource,
{
    let mut stream = RandomStream {
        source,
        buf: [0u8; POOL + WORD_SLACK],
        pos: 0,
        filled: 0,
        high_water: 0,
        planned,
        requested: false,
        stream_key: None,
        stream_pos: 0,
    };
    body(&mut stream)
}

impl<S: EntropySource> RandomStream<'_, S> {
    /// The first draw makes the planned request; any later refill comes
    /// from the ChaCha20 stream, keyed at the first need by one request.
    #[cold]
    fn top_up(&mut self) -> Result<()> {
        if !self.requested && self.planned <= BULK_ABOVE {
            self.requested = true;
            let len = self.planned.max(1);
            self.source.fill(&mut self.buf[..len])?;
            self.filled_to(len);
            return Ok(());
        }
        self.requested = true;
        let key = match &self.stream_key {
            Some(key) => key,
            None => {
                let mut key = [0u8; KEY_REQUEST];
                self.source.fill(&mut key)?;
                self.stream_key.insert(key)
            }
        };
        let mut cipher = ChaCha20Legacy::new(key.into(), &[0u8; 8].into());
        // Neither fails before 2^70 bytes (the 64-bit block counter).
        cipher
            .try_seek(self.stream_pos)
            .map_err(|_| Error::Entropy)?;
        cipher
            .try_write_keystream(&mut self.buf[..POOL])
            .map_err(|_| Error::Entropy)?;
        self.stream_pos += POOL as u64;
        self.filled_to(POOL);
        Ok(())
    }

    fn filled_to(&mut self, len: usize) {
        self.pos = 0;
        self.filled = len;
        self.high_water = self.high_water.max(len);
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
        if let Some(key) = &mut self.stream_key {
            key.zeroize();
        }
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
    fn a_miss_refills_with_one_key_request() {
        let mut src = CountingOs::default();
        with_stream(&mut src, 4, |s| s.next_u64()).unwrap();
        assert_eq!((src.requests, src.bytes), (2, 4 + KEY_REQUEST));
    }

    #[test]
    fn no_draw_no_request() {
        let mut src = CountingOs::default();
        let r: Result<()> = with_stream(&mut src, 64, |_| Err(Error::InvalidArgument));
        assert_eq!((r, src.requests), (Err(Error::InvalidArgument), 0));
    }

    #[test]
    fn a_short_plan_is_topped_up_by_a_keyed_stream() {
        // Planned 3 bytes, drawn 8: the plan is requested, then 32 bytes key
        // ChaCha20, whose first output word is drawn (no unfilled byte is
        // ever used).
        let mut src = Scripted(&[0xab], 0);
        let v = with_stream(&mut src, 3, |s| s.next_u64()).unwrap();
        let mut expect = [0u8; 8];
        ChaCha20Legacy::new(&[0xab; 32].into(), &[0u8; 8].into()).apply_keystream(&mut expect);
        assert_eq!(v, u64::from_le_bytes(expect));
        assert_eq!(src.1, 3 + KEY_REQUEST);
    }

    #[test]
    fn never_a_third_request() {
        // 100 KiB drawn after a 16-byte plan: the plan, then one key.
        let mut src = CountingOs::default();
        with_stream(&mut src, 16, |s| {
            for _ in 0..100 * 1024 / 8 {
                s.next_u64()?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!((src.requests, src.bytes), (2, 16 + KEY_REQUEST));
    }

    #[test]
    fn bulk_plans_and_outputs_take_one_key_request() {
        let mut src = CountingOs::default();
        with_stream(&mut src, BULK_ABOVE + 1, |s| {
            for _ in 0..1000 {
                s.next_u64()?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!((src.requests, src.bytes), (1, KEY_REQUEST));
        let mut big = vec![0u8; 1 << 20];
        fill_bytes(&mut src, &mut big).unwrap();
        assert_eq!((src.requests, src.bytes), (2, 2 * KEY_REQUEST));
        // The ChaCha20 keystream itself, not something else.
        let mut scripted = Scripted(&[7], 0);
        let mut out = [0u8; 300];
        fill_bytes(&mut scripted, &mut out).unwrap();
        let mut expect = [0u8; 300];
        ChaCha20Legacy::new(&[7; 32].into(), &[0u8; 8].into()).apply_keystream(&mut expect);
        assert_eq!(out, expect);
        // At and below the threshold: one request of the output's size.
        let mut src = CountingOs::default();
        fill_bytes(&mut src, &mut out[..BULK_ABOVE]).unwrap();
        fill_bytes(&mut src, &mut out[..0]).unwrap();
        assert_eq!((src.requests, src.bytes), (1, BULK_ABOVE));
    }

    #[test]
    fn a_failing_key_request_fails() {
        assert_eq!(
            fill_bytes(&mut Failing, &mut [0u8; 1000]),
            Err(Error::Entropy)
        );
        assert_eq!(
            with_stream(&mut Failing, 1000, |s| s.next_u64()),
            Err(Error::Entropy)
        );
    }

    #[test]
    fn chacha20_known_answer() {
        // The original ChaCha20 (64-bit nonce), all-zero key and nonce:
        // the first keystream bytes of draft-agl-tls-chacha20poly1305-04
        // section 7, test vector 1.
        let mut out = [0u8; 16];
        ChaCha20Legacy::new(&[0u8; 32].into(), &[0u8; 8].into()).apply_keystream(&mut out);
        assert_eq!(
            out,
            [
                0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90, 0x40, 0x5d, 0x6a, 0xe5, 0x53, 0x86,
                0xbd, 0x28
            ]
        );
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
