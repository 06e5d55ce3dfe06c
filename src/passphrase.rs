//! Passphrases: words drawn uniformly and independently from a wordlist
//! (the built-in EFF large list, or the caller's), joined by a separator.
//!
//! The output buffer must hold the *longest* possible passphrase, so that
//! whether a buffer is large enough never depends on the random draw. Words
//! are selected by reading the whole list with masks rather than by a
//! look-up at the secret index.

use crate::error::{Error, Result, text_area};
use crate::rng::{EntropySource, with_stream};
use crate::uniform;
use crate::wordlist::{EFF_LARGE, EFF_LARGE_LEN, EFF_LARGE_LONGEST, EFF_LARGE_PACKED};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

/// A list of words to draw from.
pub trait WordList {
    /// Number of words.
    fn len(&self) -> usize;
    /// Whether there is no word.
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
        select_packed(index, slot)
    }
}

/// The separator when the caller gives none.
pub(crate) const DEFAULT_SEPARATOR: &[u8] = b"-";

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
/// passphrase and its NUL (else `BufferTooSmall`). `list` is trusted to be
/// valid (see [`validate`]).
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
        let longest = list.longest();
        let mut at = 0;
        for k in 0..words {
            if k > 0 {
                at = put(area, at, separator)?;
            }
            let index = uniform::below(stream, count)?;
            let end = at.checked_add(longest).ok_or(Error::BufferTooSmall)?;
            let slot = area.get_mut(at..end).ok_or(Error::BufferTooSmall)?;
            at += list.select(index, slot);
        }
        Ok(at)
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

/// [`select_word`] for the built-in list, from its packed form: every
/// entry of the 62 KiB table is read, in the same order, whatever `index`.
/// Performance: the table is viewed as 81 rows of 96 words; each row is
/// folded into 96 accumulators under an all-ones or all-zero mask (a loop
/// the compiler vectorises), then one accumulator is selected: two mask
/// operations per entry instead of a comparison, a mask and a byte loop.
fn select_packed(index: u64, slot: &mut [u8]) -> usize {
    const COLUMNS: usize = 96;
    const _: () = assert!(EFF_LARGE_LEN % COLUMNS == 0);
    // Division by a constant compiles to a multiplication: constant time.
    let (row, column) = (index / COLUMNS as u64, index % COLUMNS as u64);
    let mut acc = [0u64; COLUMNS];
    for (r, line) in EFF_LARGE_PACKED.chunks_exact(COLUMNS).enumerate() {
        // `black_box` keeps the optimiser from turning the mask back into a
        // branch on the secret row.
        let keep = core::hint::black_box(mask_eq(r as u64, row));
        for (a, &w) in acc.iter_mut().zip(line) {
            *a |= w & keep;
        }
    }
    let mut word = 0u64;
    for (c, &a) in acc.iter().enumerate() {
        word |= a & core::hint::black_box(mask_eq(c as u64, column));
    }
    acc.zeroize();
    slot.fill(0);
    let mut len = 0;
    for (k, out) in slot.iter_mut().enumerate().take(12) {
        let code = (word >> (5 * k)) & 31;
        // 1..=26 are 'a'..'z', 27 is '-', 0 ends the word.
        let present = !mask_eq(code, 0);
        let dash = mask_eq(code, 27);
        let c = (code + b'a' as u64 - 1) ^ (dash & ((27 + b'a' as u64 - 1) ^ b'-' as u64));
        *out = (c & present) as u8;
        len += (present & 1) as usize;
    }
    word.zeroize();
    len
}

/// All ones when `x == y`, else zero (`x ^ y` below 2^63).
#[inline(always)]
fn mask_eq(x: u64, y: u64) -> u64 {
    0u64.wrapping_sub((x ^ y).wrapping_sub(1) >> 63)
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
    use crate::rng::OsEntropy;
    use crate::rng::testing::*;
    use crate::uniform::tests::{chi_square, chi_square_limit};

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
        let mut out = [0u8; 59];
        assert_eq!(
            generate(&mut OsEntropy, &mut out, 6, &EffLarge, b"-"),
            Err(Error::BufferTooSmall)
        );
        let mut out = [0u8; 60];
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
            let len = select_packed(i, &mut packed);
            assert_eq!(len, select_word(&EffLarge, i, &mut generic));
            assert_eq!(packed, generic, "word {i}");
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
