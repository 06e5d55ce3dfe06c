//! `secrets_passphrase_custom` with arbitrary word lists and separators.
//!
//! The data is split at `\n` into the word list (so empty, repeated and
//! binary words occur); words, out_size and the separator (NULL, or bytes
//! from the data) vary too. Checks: the status is exactly what the rules
//! give (a NULL entry ⇒ NULL_POINTER; words 0, fewer than 2 words, an empty
//! or repeated word ⇒ INVALID_ARGUMENT; out_size below `words * longest +
//! (words - 1) * strlen(sep) + 1` ⇒ BUFFER_TOO_SMALL; else OK); OK ⇒ the
//! output is `words` list words joined by the separator; errors ⇒ the
//! whole buffer zeroed; nothing past out_size is written.
#![no_main]

use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use secrets::human::secrets_passphrase_custom;
use std::collections::HashSet;

/// Whether `text` is exactly `n` words of `list` joined by `sep`.
fn parses(text: &[u8], n: usize, list: &HashSet<&[u8]>, longest: usize, sep: &[u8]) -> bool {
    // reach[i]: positions reachable after i words (and a separator if i > 0).
    let mut frontier: HashSet<usize> = HashSet::from([0]);
    for i in 0..n {
        let mut next = HashSet::new();
        for &start in &frontier {
            let start = if i > 0 {
                match text.get(start..start + sep.len()) {
                    Some(s) if s == sep => start + sep.len(),
                    _ => continue,
                }
            } else {
                start
            };
            for end in start + 1..=(start + longest).min(text.len()) {
                if list.contains(&text[start..end]) {
                    next.insert(end);
                }
            }
        }
        frontier = next;
    }
    frontier.contains(&text.len())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mode: u8 = u.arbitrary().unwrap_or(0);
    let words: usize = u.int_in_range(0..=12).unwrap_or(4);
    let slack: u16 = u.arbitrary().unwrap_or(0);
    let separator: Option<Vec<u8>> = (mode & 1 == 0).then(|| take_c_string(&mut u, 4));
    let rest = u.take_rest();
    let list_c: Vec<Vec<u8>> = if rest.is_empty() {
        vec![]
    } else {
        rest.split(|&b| b == b'\n').map(c_string).collect()
    };
    let list: Vec<&[u8]> = list_c.iter().map(|w| text_of(w)).collect();
    let mut ptrs: Vec<*const core::ffi::c_char> =
        list_c.iter().map(|w| w.as_ptr().cast()).collect();
    let null_entry = mode & 0x0e == 0x0e && !ptrs.is_empty();
    if null_entry {
        let at = slack as usize % ptrs.len();
        ptrs[at] = core::ptr::null();
    }

    let sep: &[u8] = separator.as_deref().map_or(b"-", text_of);
    let longest = list.iter().map(|w| w.len()).max().unwrap_or(0);
    let needed = (words * longest + words.saturating_sub(1) * sep.len()) + 1;
    let out_size = match mode >> 4 & 3 {
        0 => needed,
        1 => needed.saturating_sub(1 + slack as usize % 4),
        _ => slack as usize % 512,
    };

    let set: HashSet<&[u8]> = list.iter().copied().collect();
    let valid = words > 0
        && list.len() >= 2
        && list.iter().all(|w| !w.is_empty())
        && set.len() == list.len();
    let expected = if null_entry {
        SECRETS_ERR_NULL_POINTER
    } else if !valid {
        SECRETS_ERR_INVALID_ARGUMENT
    } else if out_size < needed {
        SECRETS_ERR_BUFFER_TOO_SMALL
    } else {
        SECRETS_OK
    };

    let mut out = OutBuf::new(out_size);
    let list_ptr = if ptrs.is_empty() && mode & 0x40 != 0 {
        core::ptr::null()
    } else {
        ptrs.as_ptr()
    };
    let sep_ptr = separator
        .as_ref()
        .map_or(core::ptr::null(), |s| s.as_ptr().cast());
    let status = unsafe {
        secrets_passphrase_custom(
            out.ptr().cast(),
            out.size(),
            words,
            list_ptr,
            ptrs.len(),
            sep_ptr,
        )
    };
    assert_eq!(
        status, expected,
        "words {words} list {list:?} sep {sep:?} out_size {out_size}"
    );
    if status == SECRETS_OK {
        let text = out.text();
        assert!(text.len() < needed);
        assert!(
            parses(text, words, &set, longest, sep),
            "output is not {words} list words joined by {sep:?}: {text:?}"
        );
    } else {
        out.assert_zeroed(status);
    }
});
