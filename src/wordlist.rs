//! The built-in passphrase wordlist: the EFF large wordlist (7776 words,
//! CC BY 3.0 US; see `data/README.md`), compiled into the library.
//!
//! `data/eff_large_wordlist.txt` is EFF's file unchanged: each line is five
//! dice digits, a TAB and the word. It is parsed at compile time into a
//! table of slices of the included text, so nothing is read, parsed or
//! allocated at run time.

/// EFF's file, byte for byte.
const TEXT: &[u8] = include_bytes!("../data/eff_large_wordlist.txt");

/// Number of words: 6^5, one per roll of five dice.
pub(crate) const EFF_LARGE_LEN: usize = 7776;

/// The words, in the file's order.
pub(crate) static EFF_LARGE: [&[u8]; EFF_LARGE_LEN] = parse(TEXT);

/// Length of the longest word.
pub(crate) const EFF_LARGE_LONGEST: usize = longest(&parse(TEXT));

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
        assert_eq!(
            EFF_LARGE_LONGEST,
            EFF_LARGE.iter().map(|w| w.len()).max().unwrap()
        );
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
