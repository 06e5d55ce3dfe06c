//! A deterministic [`EntropySource`] for examples and tests. Its output is
//! predictable: never use it for real secrets.

use crate::{EntropySource, Result};

/// SplitMix64 from a fixed seed: well-spread bytes (so rejection sampling
/// ends as it would with real entropy) that are the same on every run.
///
/// ```
/// use secrets_core::{EntropySource, testing::TestSource};
/// let (mut a, mut b) = ([0u8; 8], [0u8; 8]);
/// TestSource::default().fill(&mut a)?;
/// TestSource::default().fill(&mut b)?;
/// assert_eq!(a, b); // predictable: for tests only
/// # Ok::<(), secrets_core::Error>(())
/// ```
#[derive(Debug, Default, Clone)]
pub struct TestSource(pub u64);

impl EntropySource for TestSource {
    fn fill(&mut self, dest: &mut [u8]) -> Result<()> {
        for chunk in dest.chunks_mut(8) {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
        }
        Ok(())
    }
}
