//! Passphrases: words drawn uniformly and independently from a wordlist
//! (the built-in EFF large list, or the caller's), joined by a separator.
//!
//! The output buffer must hold the *longest* possible passphrase, so that
//! whether a buffer is large enough never depends on the random draw. Words
//! are selected by reading the whole list with masks rather than by a
//! look-up at the secret index.

use crate::ct::mask_eq;
use crate::error::{Error, Result, text_area};
use crate::rng::{EntropySource, with_stream};
use crate::uniform;
use crate::wordlist::{
    EFF_LARGE, EFF_LARGE_LEN, EFF_LARGE_LONGEST, EFF_LARGE_PLANES, MAX_WORD_CHARS, PLANE_LANES,
    PLANES,
};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

/// A list of words to draw from.
pub trait WordList {
    /// Number of words.
    fn len(&self) -> usize;
    /// True when the list has no words (which no generator accepts).
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Word `index` (< `len()`), without terminator.
    fn word(&self, index: usize) -> &[u8];
    /// Length of the longest word.
    fn longest(&self) -> usize {
        (0..self.len())
            .map(|i| self.word(i).len())
            .max()
            .unwrap_or(0)
    }
    /// Copies word `index` to the start of `slot` (as long as the longest
    /// word; the rest is zeroed) and returns its length, reading memory in
    /// an order that does not depend on `index`.
    fn select(&self, index: u64, slot: &mut [u8]) -> usize {
        select_word(self, index, slot)
    }
    /// Appends the words `indices` (each < `len()`, at most [`BATCH`]) to
    /// `phrase`, in order, reading memory in an order that does not depend
    /// on them. Lists with a faster way to select several words at once
    /// override this.
    fn append(&self, indices: &[u64], phrase: &mut Phrase<'_>) -> Result<()> {
        for &index in indices {
            phrase.push(|slot| self.select(index, slot))?;
        }
        Ok(())
    }
}

/// Words drawn per batch: [`generate`] draws this many indices, then has
/// the list select them together (the built-in list in one scan).
pub(crate) const BATCH: usize = 3;

/// A passphrase being written: words joined by a separator at the start of
/// an output area sized for the longest passphrase.
pub struct Phrase<'a> {
    area: &'a mut [u8],
    separator: &'a [u8],
    longest: usize,
    len: usize,
    words: usize,
}

impl Phrase<'_> {
    /// Appends the separator (after the first word) and a word written by
    /// `fill` into a slot as long as the longest word; `fill` returns the
    /// word's length.
    pub fn push(&mut self, fill: impl FnOnce(&mut [u8]) -> usize) -> Result<()> {
        if self.words > 0 {
            self.len = put(self.area, self.len, self.separator)?;
        }
        let end = self
            .len
            .checked_add(self.longest)
            .ok_or(Error::BufferTooSmall)?;
        let slot = self
            .area
            .get_mut(self.len..end)
            .ok_or(Error::BufferTooSmall)?;
        self.len += fill(slot).min(self.longest);
        self.words += 1;
        Ok(())
    }
}

impl WordList for [&[u8]] {
    fn len(&self) -> usize {
        <[&[u8]]>::len(self)
    }
    fn word(&self, index: usize) -> &[u8] {
        self.get(index).copied().unwrap_or_default()
    }
}

/// The built-in EFF large wordlist (7776 words, 12.9 bits a word).
pub struct EffLarge;

impl WordList for EffLarge {
    fn len(&self) -> usize {
        EFF_LARGE_LEN
    }
    fn word(&self, index: usize) -> &[u8] {
        EFF_LARGE.get(index).copied().unwrap_or_default()
    }
    fn longest(&self) -> usize {
        EFF_LARGE_LONGEST
    }
    fn select(&self, index: u64, slot: &mut [u8]) -> usize {
        let mut packed = select_packed(&[index]);
        let len = unpack(packed[0], slot);
        packed.zeroize();
        len
    }
    fn append(&self, indices: &[u64], phrase: &mut Phrase<'_>) -> Result<()> {
        // The batch size is public (it follows the word count): one scan
        // sized to it, so that a short batch costs no unused word.
        let mut packed = Zeroizing::new([0u64; BATCH]);
        match *indices {
            [a] => packed[..1].copy_from_slice(&select_packed(&[a])),
            [a, b] => packed[..2].copy_from_slice(&select_packed(&[a, b])),
            [a, b, c] => packed.copy_from_slice(&select_packed(&[a, b, c])),
            _ => return Err(Error::InvalidArgument),
        }
        for &word in packed.iter().take(indices.len()) {
            phrase.push(|slot| unpack(word, slot))?;
        }
        Ok(())
    }
}

/// The separator when the caller gives none.
pub const DEFAULT_SEPARATOR: &[u8] = b"-";

/// A caller's list must have at least 2 words, none empty, all distinct
/// (a repeated word would silently weigh the draw); else `InvalidArgument`.
/// A 16 KiB Bloom filter on the stack flags the words that may repeat an
/// earlier one; only those are compared with every earlier word. For lists
/// of up to ~10 000 words that is a few dozen scans instead of n²/2
/// comparisons (a 7776-word list: ~1 ms rather than ~0.1 s).
pub fn validate<L: WordList + ?Sized>(list: &L) -> Result<()> {
    if list.len() < 2 {
        return Err(Error::InvalidArgument);
    }
    let mut seen = SeenFilter::new();
    for i in 0..list.len() {
        let word = list.word(i);
        if word.is_empty() || (seen.insert(word) && (0..i).any(|j| list.word(j) == word)) {
            return Err(Error::InvalidArgument);
        }
    }
    Ok(())
}

/// A Bloom filter of words. The list is public configuration, not a secret,
/// so an ordinary (FNV-1a) hash is fine here.
struct SeenFilter {
    bits: [u64; SeenFilter::WORDS],
}

impl SeenFilter {
    const WORDS: usize = 2048;
    const BITS: u64 = 64 * Self::WORDS as u64;
    const PROBES: u64 = 3;

    fn new() -> Self {
        SeenFilter {
            bits: [0; Self::WORDS],
        }
    }

    /// Adds `word`; returns whether it may have been added before (false
    /// means certainly not).
    fn insert(&mut self, word: &[u8]) -> bool {
        let hash = word.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
        });
        // Double hashing: probe k at h1 + k * h2.
        let (h1, h2) = (hash, hash.rotate_left(32) | 1);
        let mut present = true;
        for k in 0..Self::PROBES {
            let bit = h1.wrapping_add(k.wrapping_mul(h2)) % Self::BITS;
            let (word, mask) = ((bit / 64) as usize, 1u64 << (bit % 64));
            present &= self.bits[word] & mask != 0;
            self.bits[word] |= mask;
        }
        present
    }
}

/// Length of the longest passphrase of `words` words: `words * longest +
/// (words - 1) * separator_len`. `words` 0 or an overflow is
/// `InvalidArgument`.
pub fn longest_len<L: WordList + ?Sized>(
    list: &L,
    words: usize,
    separator_len: usize,
) -> Result<usize> {
    let separators = words.checked_sub(1).ok_or(Error::InvalidArgument)?;
    list.longest()
        .checked_mul(words)
        .zip(separator_len.checked_mul(separators))
        .and_then(|(w, s)| w.checked_add(s))
        .ok_or(Error::InvalidArgument)
}

/// Writes `words` words of `list`, each uniform and independent, joined by
/// `separator`, at the start of `out` with one request to `source`; returns
/// the text length. `out` must have room for the longest possible
/// passphrase (else `BufferTooSmall`). `list` is trusted to be
/// valid (see [`validate`]).
///
/// ```
/// use secrets_core::passphrase::{EffLarge, generate};
/// # use secrets_core::testing::TestSource;
/// let mut out = [0u8; 64];
/// let len = generate(&mut TestSource::default(), &mut out, 6, &EffLarge, b"-")?;
/// assert_eq!(out[..len].iter().filter(|&&c| c == b'-').count() >= 5, true);
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn generate<S: EntropySource, L: WordList + ?Sized>(
    source: &mut S,
    out: &mut [u8],
    words: usize,
    list: &L,
    separator: &[u8],
) -> Result<usize> {
    let area = text_area(out, longest_len(list, words, separator.len())?)?;
    let count = list.len() as u64;
    with_stream(source, uniform::plan_bytes(words, count), |stream| {
        let mut phrase = Phrase {
            area,
            separator,
            longest: list.longest(),
            len: 0,
            words: 0,
        };
        // Performance: indices are drawn a batch at a time so that the list
        // can select them together (one scan of the built-in table).
        let mut indices = Zeroizing::new([0u64; BATCH]);
        let mut left = words;
        while left > 0 {
            let batch = indices.get_mut(..left.min(BATCH)).unwrap_or_default();
            for index in batch.iter_mut() {
                *index = uniform::below(stream, count)?;
            }
            list.append(batch, &mut phrase)?;
            left -= batch.len();
        }
        Ok(phrase.len)
    })
}

/// Copies word `index` of `list` to the start of `slot` (as long as the
/// longest word; the rest is zeroed) and returns its length. Every word is
/// read, so which memory is touched does not depend on the secret index
/// (a direct look-up would reveal the word's cache line).
fn select_word<L: WordList + ?Sized>(list: &L, index: u64, slot: &mut [u8]) -> usize {
    slot.fill(0);
    let mut len = 0;
    for i in 0..list.len() {
        let chosen = (i as u64).ct_eq(&index).unwrap_u8();
        let mask = 0u8.wrapping_sub(chosen);
        let word = list.word(i);
        for (out, &b) in slot.iter_mut().zip(word) {
            *out |= b & mask;
        }
        len |= word.len() & 0usize.wrapping_sub(usize::from(chosen));
    }
    len
}

/// [`select_word`] for the built-in list, `N` words at once (each index
/// < 7776), as packed words (see `EFF_LARGE_PACKED`). Every entry of
/// the table is read, in the same order, whatever the indices.
///
/// Performance: one scan serves the whole batch, and the table is read as
/// 16-bit planes, eight entries per vector: for each group of eight entries
/// and each word, one 16-bit comparison of the entries' numbers with the
/// index gives a mask, which keeps the three planes of the chosen entry in
/// accumulators that stay in registers: about ten SSE2 instructions per
/// eight entries and word (the compiler vectorises these lane loops; more
/// than three words at once spill the 3N accumulators out of the sixteen
/// vector registers and run slower).
fn select_packed<const N: usize>(indices: &[u64; N]) -> [u64; N] {
    type Lanes = [u16; PLANE_LANES];
    let mut targets = [[0u16; PLANE_LANES]; N];
    for (t, &index) in targets.iter_mut().zip(indices) {
        // An index of 2^16 or more (invalid) becomes 0xffff, which matches
        // nothing (arithmetic, not a branch).
        let above = 0u16.wrapping_sub(u16::from(index >> 16 != 0));
        *t = [index as u16 | above; PLANE_LANES];
    }
    let mut acc = [[[0u16; PLANE_LANES]; PLANES]; N];
    let mut numbers: Lanes = [0, 1, 2, 3, 4, 5, 6, 7];
    for group in EFF_LARGE_PLANES.0.iter() {
        for (word, target) in acc.iter_mut().zip(&targets) {
            let mut keep: Lanes = [0; PLANE_LANES];
            for l in 0..PLANE_LANES {
                keep[l] = 0u16.wrapping_sub(u16::from(numbers[l] == target[l]));
            }
            for (a, plane) in word.iter_mut().zip(group) {
                for l in 0..PLANE_LANES {
                    a[l] |= plane[l] & keep[l];
                }
            }
        }
        for n in numbers.iter_mut() {
            *n = n.wrapping_add(PLANE_LANES as u16);
        }
    }
    let mut words = [0u64; N];
    for (w, planes) in words.iter_mut().zip(&acc) {
        for (p, lanes) in planes.iter().enumerate() {
            *w |= u64::from(lanes.iter().fold(0, |x, &y| x | y)) << (16 * p);
        }
    }
    acc.zeroize();
    targets.zeroize();
    words
}

/// Writes the packed `word` to the start of `slot` (at least the longest
/// word; the rest is zeroed) and returns its length, without branching on
/// its characters.
fn unpack(word: u64, slot: &mut [u8]) -> usize {
    slot.fill(0);
    let mut len = 0;
    for (k, out) in slot.iter_mut().enumerate().take(MAX_WORD_CHARS) {
        let code = (word >> (5 * k)) & 31;
        // 1..=26 are 'a'..'z', 27 is '-', 0 ends the word.
        let present = !mask_eq(code, 0);
        let dash = mask_eq(code, 27);
        let c = (code + b'a' as u64 - 1) ^ (dash & ((27 + b'a' as u64 - 1) ^ b'-' as u64));
        *out = (c & present) as u8;
        len += (present & 1) as usize;
    }
    len
}

/// Validates a caller's `list`, then [`generate`]s.
pub fn generate_custom<S: EntropySource, L: WordList + ?Sized>(
    source: &mut S,
    out: &mut [u8],
    words: usize,
    list: &L,
    separator: &[u8],
) -> Result<usize> {
    validate(list)?;
    generate(source, out, words, list, separator)
}

/// Copies `bytes` to `area[at..]`; returns the new end.
fn put(area: &mut [u8], at: usize, bytes: &[u8]) -> Result<usize> {
    let end = at.checked_add(bytes.len()).ok_or(Error::BufferTooSmall)?;
    area.get_mut(at..end)
        .ok_or(Error::BufferTooSmall)?
        .copy_from_slice(bytes);
    Ok(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::testing::OsEntropy;
    use crate::rng::testing::*;
    use crate::uniform::tests::{chi_square, chi_square_limit};
    use crate::wordlist::EFF_LARGE_PACKED;

    fn phrase(words: usize, separator: &[u8]) -> String {
        let mut out = [0u8; 256];
        let len = generate(&mut OsEntropy, &mut out, words, &EffLarge, separator).unwrap();
        String::from_utf8(out[..len].to_vec()).unwrap()
    }

    #[test]
    fn words_come_from_the_list() {
        for _ in 0..200 {
            let p = phrase(6, b" ");
            let words: Vec<&str> = p.split(' ').collect();
            assert_eq!(words.len(), 6);
            for w in words {
                assert!(EFF_LARGE.contains(&w.as_bytes()), "{w}");
            }
        }
        let p = phrase(3, b"");
        assert!(p.bytes().all(|c| c.is_ascii_lowercase() || c == b'-'));
    }

    #[test]
    fn sizes() {
        assert_eq!(longest_len(&EffLarge, 1, 1), Ok(9));
        assert_eq!(longest_len(&EffLarge, 6, 1), Ok(59));
        assert_eq!(longest_len(&EffLarge, 6, 0), Ok(54));
        assert_eq!(longest_len(&EffLarge, 0, 1), Err(Error::InvalidArgument));
        assert_eq!(
            longest_len(&EffLarge, usize::MAX, 1),
            Err(Error::InvalidArgument)
        );
        let mut out = [0u8; 58];
        assert_eq!(
            generate(&mut OsEntropy, &mut out, 6, &EffLarge, b"-"),
            Err(Error::BufferTooSmall)
        );
        let mut out = [0u8; 59];
        assert!(generate(&mut OsEntropy, &mut out, 6, &EffLarge, b"-").is_ok());
        assert_eq!(
            generate(&mut Failing, &mut out, 6, &EffLarge, b"-"),
            Err(Error::Entropy)
        );
    }

    #[test]
    fn repeats_are_found_wherever_they_are() {
        let owned: Vec<Vec<u8>> = (0..5000).map(|i| format!("w{i}").into_bytes()).collect();
        let mut words: Vec<&[u8]> = owned.iter().map(|w| w.as_slice()).collect();
        assert_eq!(validate(&words[..]), Ok(()));
        for (a, b) in [(0, 1), (0, 4999), (1234, 4321), (4998, 4999)] {
            let saved = words[b];
            words[b] = words[a];
            assert_eq!(validate(&words[..]), Err(Error::InvalidArgument), "{a} {b}");
            words[b] = saved;
        }
    }

    #[test]
    fn custom_lists_are_validated() {
        let ok: [&[u8]; 3] = [b"a", b"bb", b"ccc"];
        assert_eq!(validate(&ok[..]), Ok(()));
        let bad: [&[&[u8]]; 4] = [&[b"a"], &[], &[b"a", b"b", b"a"], &[b"a", b""]];
        let mut out = [0u8; 64];
        for list in bad {
            assert_eq!(validate(list), Err(Error::InvalidArgument));
            assert_eq!(
                generate_custom(&mut OsEntropy, &mut out, 2, list, b"-"),
                Err(Error::InvalidArgument)
            );
        }
    }

    #[test]
    fn each_word_position_is_uniform() {
        let list: [&[u8]; 5] = [b"ant", b"bee", b"cat", b"dog", b"eel"];
        let mut counts = [[0u64; 5]; 4];
        let mut out = [0u8; 20];
        for _ in 0..10_000 {
            let len = generate_custom(&mut OsEntropy, &mut out, 4, &list[..], b".").unwrap();
            assert_eq!(len, 15);
            for (pos, w) in out[..len].split(|&c| c == b'.').enumerate() {
                counts[pos][list.iter().position(|l| *l == w).unwrap()] += 1;
            }
        }
        for row in &counts {
            assert!(chi_square(row) < chi_square_limit(4), "{row:?}");
        }
    }

    #[test]
    fn select_word_copies_exactly_the_chosen_word() {
        let long = [b'x'; 300];
        let list: [&[u8]; 3] = [b"ab", &long, b"c"];
        let mut slot = [0xffu8; 300];
        for (i, word) in list.iter().enumerate() {
            assert_eq!(select_word(&list[..], i as u64, &mut slot), word.len());
            assert_eq!(&slot[..word.len()], *word);
            assert!(slot[word.len()..].iter().all(|&b| b == 0));
        }
        let mut out = [0u8; 700];
        let len = generate_custom(&mut OsEntropy, &mut out, 2, &list[..], b"+").unwrap();
        assert!(out[..len].split(|&c| c == b'+').all(|w| list.contains(&w)));
    }

    #[test]
    fn packed_selection_is_the_generic_selection() {
        let mut packed = [0xffu8; EFF_LARGE_LONGEST];
        let mut generic = [0xffu8; EFF_LARGE_LONGEST];
        for i in 0..EFF_LARGE_LEN as u64 {
            let len = EffLarge.select(i, &mut packed);
            assert_eq!(len, select_word(&EffLarge, i, &mut generic));
            assert_eq!(packed, generic, "word {i}");
        }
        // An invalid index selects nothing rather than some word.
        for i in [EFF_LARGE_LEN as u64, 65_535, 65_536, u64::MAX] {
            assert_eq!(EffLarge.select(i, &mut packed), 0);
            assert_eq!(packed, [0; EFF_LARGE_LONGEST]);
        }
    }

    /// A random index below 7776.
    fn random_index() -> u64 {
        let mut bytes = [0u8; 8];
        OsEntropy.fill(&mut bytes).unwrap();
        u64::from_le_bytes(bytes) % EFF_LARGE_LEN as u64
    }

    #[test]
    fn batched_selection_is_the_simple_selection() {
        fn check<const N: usize>(indices: [u64; N]) {
            let expected = indices.map(|i| EFF_LARGE_PACKED[i as usize]);
            assert_eq!(select_packed(&indices), expected, "{indices:?}");
        }
        for _ in 0..300 {
            check([random_index()]);
            check([random_index(), random_index()]);
            check([random_index(), random_index(), random_index()]);
            let i = random_index();
            check([i, i, i]);
        }
        let last = EFF_LARGE_LEN as u64 - 1;
        check([0, last, 0]);
        check([last, 0]);
        check([8, 7, 9]);
    }

    /// The built-in list without its packed selection: the generic path.
    struct Simple;
    impl WordList for Simple {
        fn len(&self) -> usize {
            EFF_LARGE_LEN
        }
        fn word(&self, index: usize) -> &[u8] {
            EFF_LARGE[index]
        }
    }

    #[test]
    fn batched_passphrases_are_the_simple_passphrases() {
        let mut fast = [0u8; 2048];
        let mut simple = [0u8; 2048];
        for words in [1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 100] {
            for _ in 0..4 {
                // The same random bytes drive both, so they draw the same
                // indices: their passphrases must be equal.
                let mut bytes = [0u8; 512];
                OsEntropy.fill(&mut bytes).unwrap();
                let a = generate(&mut Scripted(&bytes, 0), &mut fast, words, &EffLarge, b" ");
                let b = generate(&mut Scripted(&bytes, 0), &mut simple, words, &Simple, b" ");
                assert_eq!(a, b);
                let len = a.unwrap();
                assert_eq!(fast[..len], simple[..len], "{words} words");
                assert_eq!(fast[..len].split(|&c| c == b' ').count(), words);
            }
        }
    }

    #[test]
    fn one_request_per_passphrase() {
        let mut src = CountingOs::default();
        let mut out = [0u8; 4096];
        for words in [1, 6, 10, 300] {
            generate(&mut src, &mut out, words, &EffLarge, b"-").unwrap();
        }
        assert_eq!(src.requests, 4);
    }
}
