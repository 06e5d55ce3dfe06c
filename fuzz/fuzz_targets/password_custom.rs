//! `secrets_password_custom` with arbitrary alphabets, lengths and sizes.
//!
//! Checks: the status is exactly what the documented rules give (NULL
//! alphabet ⇒ NULL_POINTER; length 0, fewer than 2 bytes, a repeat or a
//! byte ≥ 0x80 ⇒ INVALID_ARGUMENT; out_size < length + 1 ⇒
//! BUFFER_TOO_SMALL; else OK); OK ⇒ exactly `length` characters, all from
//! the alphabet, then the NUL; errors ⇒ the whole buffer zeroed; nothing
//! past out_size is written.
#![no_main]

use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use secrets::human::secrets_password_custom;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mode: u8 = u.arbitrary().unwrap_or(0);
    let length: usize = match mode & 3 {
        3 => usize::MAX - u.int_in_range(0..=2).unwrap_or(0),
        _ => u.int_in_range(0..=300).unwrap_or(16),
    };
    let out_size: usize = match mode >> 2 & 3 {
        _ if length > 300 => u.int_in_range(0..=302).unwrap_or(0), // no such buffer
        0 => length + 1,
        1 => length + u.int_in_range(0..=3).unwrap_or(0),
        _ => u.int_in_range(0..=302).unwrap_or(0),
    };
    let null_alphabet = mode & 0x30 == 0x30;
    let alphabet_c = c_string(u.take_rest());
    let alphabet = text_of(&alphabet_c);

    let mut out = OutBuf::new(out_size);
    let alphabet_ptr = if null_alphabet {
        core::ptr::null()
    } else {
        alphabet_c.as_ptr().cast()
    };
    let status =
        unsafe { secrets_password_custom(out.ptr().cast(), out.size(), length, alphabet_ptr) };

    let mut seen = [false; 256];
    let distinct = alphabet
        .iter()
        .all(|&c| !core::mem::replace(&mut seen[c as usize], true));
    let valid = length > 0 && alphabet.len() >= 2 && distinct && alphabet.iter().all(u8::is_ascii);
    let expected = if null_alphabet {
        SECRETS_ERR_NULL_POINTER
    } else if !valid {
        SECRETS_ERR_INVALID_ARGUMENT
    } else if out_size < length.saturating_add(1) || length == usize::MAX {
        // length + 1 overflows for SIZE_MAX: no buffer holds it.
        SECRETS_ERR_BUFFER_TOO_SMALL
    } else {
        SECRETS_OK
    };
    if length >= usize::MAX - 2 && valid && !null_alphabet {
        // No real buffer can be that large: either refusal is fine.
        assert!(
            matches!(
                status,
                SECRETS_ERR_BUFFER_TOO_SMALL | SECRETS_ERR_INVALID_ARGUMENT
            ),
            "{status:?}"
        );
    } else {
        assert_eq!(
            status, expected,
            "length {length} out_size {out_size} alphabet {alphabet:?}"
        );
    }
    if status == SECRETS_OK {
        let text = out.text();
        assert_eq!(text.len(), length, "wrong length");
        assert!(
            text.iter().all(|c| alphabet.contains(c)),
            "character outside the alphabet"
        );
    } else {
        out.assert_zeroed(status);
    }
});
