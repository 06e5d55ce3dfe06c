//! Passphrases: words drawn uniformly and independently from a wordlist
//! (the built-in EFF large list, or the caller's), joined by a separator.
//!
//! The output buffer must hold the *longest* possible passphrase, so that
//! whether a buffer is large enough never depends on the random draw. Words
//! are selected by reading the whole list with masks rather than by a
//! look-up at the secret index.

use crate::ct::{mask_eq, mask_lt_usize};
use crate::error::{Error, Result, text_area};
use crate::rng::{EntropySource, RandomStream, with_stream};
use crate::uniform;
use crate::wordlist::{
    EFF_LARGE, EFF_LARGE_LEN, EFF_LARGE_LONGEST, EFF_LARGE_SHORTEST, EFF_LARGE_TABLE,
    MAX_WORD_CHARS,
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
    /// Length of the shortest word.
    fn shortest(&self) -> usize {
        (0..self.len())
            .map(|i| self.word(i).len())
            .min()
            .unwrap_or(0)
    }
    /// Copies word `index` to the start of `slot` (as long as the longest
    /// word; the rest is zeroed) and returns its length, reading memory in
    /// an order that does not depend on `index`.
    fn select(&self, index: u64, slot: &mut [u8]) -> usize {
        select_word(self, index, slot)
    }
    /// Writes the words `indices` (each < `len()`, at most [`BATCH`]) into
    /// fixed slots: word `j` at the start of `slots[j * stride..]` (a slot
    /// as long as the longest word; the rest zeroed), reading memory in an
    /// order that does not depend on the indices. Lists with a faster way
    /// to select several words at once override this.
    fn select_batch(&self, indices: &[u64], slots: &mut [u8], stride: usize) {
        for (j, &index) in indices.iter().enumerate() {
            if let Some(slot) = slots.get_mut(j * stride..j * stride + self.longest()) {
                self.select(index, slot);
            }
        }
    }
}

/// Words drawn per batch: [`generate`] draws this many indices, then has
/// the list select them together (the built-in list in one pass over its
/// table, so phrases of up to 8 words take one pass).
pub const BATCH: usize = 8;

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
    fn shortest(&self) -> usize {
        EFF_LARGE_SHORTEST
    }
    fn select(&self, index: u64, slot: &mut [u8]) -> usize {
        let mut packed = EFF_LARGE_TABLE.select(&[index]);
        let len = unpack(packed[0], slot);
        packed.zeroize();
        len
    }
    fn select_batch(&self, indices: &[u64], slots: &mut [u8], stride: usize) {
        // The batch size is public (it follows the word count): one pass
        // sized to it, so that a short batch costs no unused word.
        let n = indices.len().min(BATCH);
        let mut write = |words: &mut [u64]| {
            for (j, &word) in words.iter().enumerate() {
                if let Some(slot) = slots.get_mut(j * stride..j * stride + EFF_LARGE_LONGEST) {
                    unpack(word, slot);
                }
            }
            words.zeroize();
        };
        macro_rules! one_pass {
            ($($n:literal)*) => {
                match n {
                    $($n => {
                        let chosen: &[u64; $n] = indices[..$n].try_into().unwrap_or(&[0; $n]);
                        write(&mut EFF_LARGE_TABLE.select(chosen));
                    })*
                    _ => {}
                }
            };
        }
        one_pass!(1 2 3 4 5 6 7 8);
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
/// No address written or read depends on the words: each word is written
/// into a fixed slot as long as the longest word, followed by the
/// separator, and the slots are then closed up by `compact`, whose memory
/// accesses depend only on the (public) word count and lengths. The bytes
/// of the area after the text are left zero.
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
        // Performance: a phrase that fits is assembled in a stack buffer
        // padded with zeros to whole 8-byte words, so the compaction never
        // handles a partial word; then copied out (a public length).
        if (area.len() + 16).next_multiple_of(8) <= SCRATCH {
            return assemble_in_scratch(stream, list, area, words, separator);
        }
        assemble(stream, list, area, words, separator)
    })
}

/// [`assemble`] in a zero-padded stack buffer, then copied to `area`. Not
/// inlined, so that the buffer is on the stack only when it is used.
#[inline(never)]
fn assemble_in_scratch<S: EntropySource, L: WordList + ?Sized>(
    stream: &mut RandomStream<'_, S>,
    list: &L,
    area: &mut [u8],
    words: usize,
    separator: &[u8],
) -> Result<usize> {
    let mut scratch = Zeroizing::new([0u8; SCRATCH]);
    // (The caller checked that the padded length fits: the `get` only
    // spares a panic path.)
    let buf = scratch
        .get_mut(..(area.len() + 16).next_multiple_of(8))
        .unwrap_or_default();
    let len = assemble(stream, list, buf, words, separator)?;
    area.iter_mut().zip(buf.iter()).for_each(|(a, &b)| *a = b);
    Ok(len)
}

/// Bytes of the stack buffer phrases are assembled in when they fit.
const SCRATCH: usize = 256;

/// Draws `words` indices, writes the words into fixed slots of `buf` with
/// the separators between them, and closes the slots up ([`compact`]).
fn assemble<S: EntropySource, L: WordList + ?Sized>(
    stream: &mut RandomStream<'_, S>,
    list: &L,
    buf: &mut [u8],
    words: usize,
    separator: &[u8],
) -> Result<usize> {
    let count = list.len() as u64;
    let longest = list.longest();
    let stride = longest + separator.len();
    // Performance: indices are drawn a batch at a time so that the list
    // can select them together (one pass over the built-in table).
    let mut indices = Zeroizing::new([0u64; BATCH]);
    let mut first = 0;
    while first < words {
        let n = (words - first).min(BATCH);
        for index in indices[..n].iter_mut() {
            *index = uniform::below(stream, count)?;
        }
        let slots = buf.get_mut(first * stride..).ok_or(Error::BufferTooSmall)?;
        list.select_batch(&indices[..n], slots, stride);
        first += n;
    }
    for k in 0..words - 1 {
        put(buf, k * stride + longest, separator)?;
    }
    // Words are never shorter than the shortest: padding is at most this.
    let most_padding = longest - list.shortest().min(longest);
    Ok(compact(buf, words, longest, stride, most_padding))
}

/// Closes up the slots written by [`generate`]: slot `k` holds a word (no
/// NUL byte in it) zero-padded to `longest` bytes, then (but for the last)
/// the separator. From the last slot to the first, the bytes after slot
/// `k`'s word move left over its padding: a shift of everything from the
/// slot's start by a secret amount, done as a barrel shifter (one pass per
/// bit of `most_padding`, each reading and writing every byte of the region
/// in order) and blended so that the word itself stays. Returns the text
/// length.
fn compact(
    area: &mut [u8],
    words: usize,
    longest: usize,
    stride: usize,
    most_padding: usize,
) -> usize {
    let mut text_len = 0;
    for k in (0..words).rev() {
        let Some(region) = area.get_mut(k * stride..) else {
            continue;
        };
        // The word's length: its non-zero bytes.
        let len = region
            .iter()
            .take(longest)
            .fold(0usize, |n, &b| n + usize::from(b != 0));
        let pad = longest - len;
        let mut bit = 1;
        while bit <= most_padding {
            let take = mask_eq((pad & bit) as u64, bit as u64);
            let mut i = 0;
            if longest < 16 {
                // The word's bytes stay: a 16-byte mask of them (a shift by
                // the word's length, not a branch); everything after moves
                // `bit` bytes left, eight bytes at a time (reads run ahead
                // of writes, so the shift is done in place; zero past the
                // end).
                let stay = (1u128 << (8 * len)).wrapping_sub(1);
                while i < region.len() {
                    let keep = if i < 16 { (stay >> (8 * i)) as u64 } else { 0 };
                    let here = load_word(region, i);
                    let moved = (load_word(region, i + bit) & take) | (here & !take);
                    store_word(region, i, (here & keep) | (moved & !keep));
                    i += 8;
                }
            } else {
                // Long words: the slot byte by byte, then the rest as above.
                while i < longest.min(region.len()) {
                    let stay = mask_lt_usize(i, len) as u8;
                    let moved = region.get(i + bit).copied().unwrap_or(0);
                    let shifted = (moved & take as u8) | (region[i] & !take as u8);
                    region[i] = (region[i] & stay) | (shifted & !stay);
                    i += 1;
                }
                while i < region.len() {
                    let here = load_word(region, i);
                    let moved = load_word(region, i + bit);
                    store_word(region, i, (moved & take) | (here & !take));
                    i += 8;
                }
            }
            bit <<= 1;
        }
        text_len += len;
    }
    text_len + (words - 1) * (stride - longest)
}

/// Eight bytes of `bytes` from `at` as a little-endian word (zero past the
/// end).
fn load_word(bytes: &[u8], at: usize) -> u64 {
    // Performance: a fixed 8-byte load except at the end (a public position).
    if let Some(Ok(whole)) = bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
        return u64::from_le_bytes(whole);
    }
    let mut word = [0u8; 8];
    let tail = bytes.get(at..).unwrap_or_default();
    let n = tail.len().min(8);
    word[..n].copy_from_slice(&tail[..n]);
    u64::from_le_bytes(word)
}

/// Writes the bytes of `word` that fit into `bytes` from `at`.
fn store_word(bytes: &mut [u8], at: usize, word: u64) {
    if let Some(whole) = bytes.get_mut(at..at + 8) {
        whole.copy_from_slice(&word.to_le_bytes());
        return;
    }
    let tail = bytes.get_mut(at..).unwrap_or_default();
    let n = tail.len().min(8);
    tail[..n].copy_from_slice(&word.to_le_bytes()[..n]);
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
            assert_eq!(EFF_LARGE_TABLE.select(&indices), expected, "{indices:?}");
        }
        for _ in 0..300 {
            check([random_index()]);
            check([random_index(), random_index(), random_index()]);
            check(core::array::from_fn::<u64, 8, _>(|_| random_index()));
            let i = random_index();
            check([i, i, i]);
        }
        let last = EFF_LARGE_LEN as u64 - 1;
        check([0, last, 0]);
        check([last, 0]);
        check([8, 7, 9, 31, 32, 33]);
    }

    #[test]
    fn no_address_depends_on_the_words() {
        // The compaction's reads and writes depend only on the word count,
        // the longest word and the separator: two phrases of very different
        // word lengths come out right from the same fixed-slot layout.
        let list: [&[u8]; 2] = [b"a", b"abcdefghi"];
        let mut out = [0u8; 64];
        for script in [[0u8, 0, 0, 0], [0x80, 0x80, 0x80, 0x80], [0, 0x80, 0, 0x80]] {
            // 2-byte draws below 2: the top bit of the second byte decides.
            let bytes: Vec<u8> = script.iter().flat_map(|&b| [0, b]).collect();
            let len = generate(&mut Scripted(&bytes, 0), &mut out, 4, &list[..], b"--").unwrap();
            let expect: Vec<&[u8]> = script.iter().map(|&b| list[usize::from(b >> 7)]).collect();
            assert_eq!(&out[..len], expect.join(&b"--"[..]).as_slice());
            assert!(out[len..].iter().all(|&b| b == 0), "the rest is zeroed");
        }
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
