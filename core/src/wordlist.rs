//! The built-in passphrase wordlist: the EFF large wordlist (7776 words,
//! CC BY 3.0 US; see `data/README.md`), compiled into the library.
//!
//! `data/eff_large_wordlist.txt` is EFF's file unchanged: each line is five
//! dice digits, a TAB and the word. It is parsed at compile time into a
//! table of slices of the included text, so nothing is read, parsed or
//! allocated at run time.
//!
//! ```
//! use secrets_core::passphrase::{EffLarge, WordList};
//! assert_eq!(EffLarge.len(), secrets_core::wordlist::EFF_LARGE_LEN);
//! assert_eq!(EffLarge.word(0), b"abacus");
//! ```

/// EFF's file, byte for byte.
const TEXT: &[u8] = include_bytes!("../data/eff_large_wordlist.txt");

/// Number of words: 6^5, one per roll of five dice.
///
/// ```
/// // log2(7776): about 12.9 bits a word, 77.5 for six words.
/// let bits = 6.0 * (secrets_core::wordlist::EFF_LARGE_LEN as f64).log2();
/// assert!((77.5..77.6).contains(&bits));
/// ```
pub const EFF_LARGE_LEN: usize = 7776;

/// The words, in the file's order.
pub(crate) static EFF_LARGE: [&[u8]; EFF_LARGE_LEN] = parse(TEXT);

/// Length of the longest word.
pub(crate) const EFF_LARGE_LONGEST: usize = longest(&parse(TEXT));

/// Length of the shortest word.
pub(crate) const EFF_LARGE_SHORTEST: usize = shortest(&parse(TEXT));

/// The words packed one per `u64` (the form the constant-time selection of
/// `passphrase` returns): character k in bits 5k..5k+5, `a`..`z` as 1..=26 and `-` as 27, then 0.
/// Tests use it as the reference form; the library scans [`EFF_LARGE_TABLE`].
#[cfg(test)]
pub(crate) static EFF_LARGE_PACKED: [u64; EFF_LARGE_LEN] = pack(&parse(TEXT));

/// Characters a word may have so that it fits in the 48-bit entries of
/// [`EFF_LARGE_TABLE`] (5 bits each).
pub(crate) const MAX_WORD_CHARS: usize = 48 / 5;

/// The packed words (see `EFF_LARGE_PACKED`) as a table for constant-time
/// selection: three 16-bit planes (46 KiB), scanned whole for every batch
/// of words, with AVX-512 or AVX2 where the CPU has them.
pub(crate) static EFF_LARGE_TABLE: secrets_ctselect::Table<EFF_LARGE_LEN> =
    secrets_ctselect::Table::new(&pack(&parse(TEXT)));

/// The 5-bit code of a word character (see [`EFF_LARGE_PACKED`]).
pub(crate) const fn char_code(c: u8) -> u64 {
    if c == b'-' { 27 } else { (c - b'a' + 1) as u64 }
}

const fn pack(words: &[&[u8]; EFF_LARGE_LEN]) -> [u64; EFF_LARGE_LEN] {
    let mut packed = [0u64; EFF_LARGE_LEN];
    let mut n = 0;
    while n < EFF_LARGE_LEN {
        let word = words[n];
        assert!(word.len() <= MAX_WORD_CHARS, "a word is too long to pack");
        let mut k = 0;
        while k < word.len() {
            packed[n] |= char_code(word[k]) << (5 * k);
            k += 1;
        }
        n += 1;
    }
    packed
}

/// Splits `ddddd<TAB>word<LF>` lines; any other shape fails the build.
const fn parse(text: &[u8]) -> [&[u8]; EFF_LARGE_LEN] {
    let mut words: [&[u8]; EFF_LARGE_LEN] = [&[]; EFF_LARGE_LEN];
    let mut rest = text;
    let mut n = 0;
    while n < EFF_LARGE_LEN {
        assert!(
            rest.len() > 6 && rest[5] == b'\t',
            "a line is not ddddd<TAB>word"
        );
        let (_, line) = rest.split_at(6);
        let mut end = 0;
        while line[end] != b'\n' {
            assert!(line[end].is_ascii_lowercase() || line[end] == b'-');
            end += 1;
        }
        let (word, tail) = line.split_at(end);
        words[n] = word;
        rest = tail.split_at(1).1;
        n += 1;
    }
    assert!(rest.is_empty(), "the wordlist has more than 7776 lines");
    words
}

const fn shortest(words: &[&[u8]]) -> usize {
    let mut min = usize::MAX;
    let mut i = 0;
    while i < words.len() {
        if words[i].len() < min {
            min = words[i].len();
        }
        i += 1;
    }
    min
}

const fn longest(words: &[&[u8]]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < words.len() {
        if words[i].len() > max {
            max = words[i].len();
        }
        i += 1;
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_eff_list_has_7776_distinct_words() {
        let distinct: HashSet<&[u8]> = EFF_LARGE.iter().copied().collect();
        assert_eq!(distinct.len(), 7776);
        assert!(EFF_LARGE.iter().all(|w| !w.is_empty()));
        assert_eq!(EFF_LARGE[0], b"abacus");
        assert_eq!(EFF_LARGE[EFF_LARGE_LEN - 1], b"zoom");
        assert_eq!(EFF_LARGE_LONGEST, 9);
        assert_eq!(EFF_LARGE_SHORTEST, 3);
        assert_eq!(
            EFF_LARGE_LONGEST,
            EFF_LARGE.iter().map(|w| w.len()).max().unwrap()
        );
    }

    #[test]
    fn packed_words_are_the_words() {
        for (word, &packed) in EFF_LARGE.iter().zip(EFF_LARGE_PACKED.iter()) {
            let mut expected = 0u64;
            for (k, &c) in word.iter().enumerate() {
                expected |= char_code(c) << (5 * k);
            }
            assert_eq!(packed, expected);
            assert_eq!(packed >> (5 * word.len()), 0);
            assert!((0..word.len()).all(|k| (packed >> (5 * k)) & 31 != 0));
        }
    }

    #[test]
    fn the_table_holds_the_packed_words() {
        for (n, &packed) in EFF_LARGE_PACKED.iter().enumerate() {
            assert_eq!(EFF_LARGE_TABLE.entry(n), packed, "word {n}");
        }
    }

    #[test]
    fn words_match_their_dice_numbers() {
        // Line i is the base-6 number i written with dice faces 1..=6.
        let text = std::str::from_utf8(TEXT).unwrap();
        for (i, line) in text.lines().enumerate() {
            let mut dice = String::new();
            for k in (0..5).rev() {
                dice.push(char::from(b'1' + (i / 6usize.pow(k) % 6) as u8));
            }
            assert_eq!(
                line,
                format!("{dice}\t{}", std::str::from_utf8(EFF_LARGE[i]).unwrap())
            );
        }
    }
}
