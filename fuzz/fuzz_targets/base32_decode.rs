//! `secrets_base32_decode` on arbitrary text and on decorated encodings.
//!
//! Checks: OK ⇒ `*out_len` ≤ out_size and ≤ `secrets_base32_decode_size`,
//! and re-encoding the bytes gives the canonical input (uppercase, without
//! spaces, tabs, line breaks, hyphens and `=`; the last character's unused
//! bits, which the decoder ignores, cleared); every valid encoding,
//! whatever its case, padding and separators, decodes to its bytes; BUFFER_TOO_SMALL only
//! when a big enough buffer decodes more than out_size bytes; any error ⇒
//! the output is all zero and `*out_len` is 0; nothing past out_size is
//! written.
#![no_main]

use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use secrets::auth::{secrets_base32_decode, secrets_base32_decode_size, secrets_base32_encode};

/// Encodes with the library (checked separately by its unit tests).
fn encode(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; bytes.len() * 8 / 5 + 2];
    let status = unsafe {
        secrets_base32_encode(
            out.as_mut_ptr().cast(),
            out.len(),
            bytes.as_ptr().cast(),
            bytes.len(),
        )
    };
    assert_eq!(status, SECRETS_OK);
    let n = out.iter().position(|&b| b == 0).unwrap();
    out.truncate(n);
    out
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn canonical(text: &[u8]) -> Vec<u8> {
    let mut canon: Vec<u8> = text
        .iter()
        .filter(|&&c| !matches!(c, b' ' | b'-' | b'=' | b'\t' | b'\r' | b'\n'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    // Unused low bits of the last character: 2, 4, 1 or 3 past a group.
    let spare = match canon.len() % 8 {
        2 => 2,
        4 => 4,
        5 => 1,
        7 => 3,
        _ => 0,
    };
    if let Some(last) = canon.last_mut() {
        if let Some(v) = ALPHABET.iter().position(|a| a == last) {
            *last = ALPHABET[v & !((1 << spare) - 1)];
        }
    }
    canon
}

fn decode(text_c: &[u8], out_size: usize, null_out: bool) -> (secrets_status, usize, OutBuf) {
    let mut out = OutBuf::new(out_size);
    let mut out_len = usize::MAX;
    let ptr = if null_out {
        core::ptr::null_mut()
    } else {
        out.ptr()
    };
    let status =
        unsafe { secrets_base32_decode(ptr, out_size, &mut out_len, text_c.as_ptr().cast()) };
    (status, out_len, out)
}

/// A valid encoding of `bytes` as a person might paste it.
fn decorate(u: &mut Unstructured, bytes: &[u8]) -> Vec<u8> {
    let mut text = encode(bytes);
    if u.arbitrary::<bool>().unwrap_or(false) && text.len() % 8 != 0 {
        text.resize(text.len().div_ceil(8) * 8, b'=');
    }
    let mut out = Vec::new();
    for c in text {
        let op: u8 = u.arbitrary().unwrap_or(0);
        if op & 1 != 0 {
            out.push([b' ', b'-', b'\n', b'\t'][(op >> 4 & 3) as usize]);
        }
        out.push(if op & 4 != 0 {
            c.to_ascii_lowercase()
        } else {
            c
        });
    }
    if u.arbitrary::<bool>().unwrap_or(false) {
        out.push(b' ');
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mode: u8 = u.arbitrary().unwrap_or(0);
    let size_choice: u16 = u.arbitrary().unwrap_or(0);
    let (text_c, expected) = if mode & 1 == 0 {
        (c_string(u.take_rest()), None)
    } else {
        let n = u.int_in_range(0..=64usize).unwrap_or(0).min(u.len());
        let bytes = u.bytes(n).unwrap_or(&[]).to_vec();
        (c_string(&decorate(&mut u, &bytes)), Some(bytes))
    };
    let text = text_of(&text_c);
    let max = secrets_base32_decode_size(text.len());
    let out_size = match mode >> 1 & 3 {
        0 => max,
        1 => (size_choice as usize) % (max + 2),
        2 => size_choice as usize % 300,
        _ => 0,
    };
    let null_out = out_size == 0 && mode & 8 != 0;
    let (status, out_len, out) = decode(&text_c, out_size, null_out);
    if !null_out {
        out.assert_guard();
    }
    match status {
        SECRETS_OK => {
            assert!(
                out_len <= out_size && out_len <= max,
                "out_len {out_len} > {out_size}/{max}"
            );
            let bytes = if null_out {
                &[][..]
            } else {
                &out.given()[..out_len]
            };
            assert_eq!(encode(bytes), canonical(text), "re-encoding differs");
            if let Some(expected) = expected {
                assert_eq!(bytes, &expected[..]);
            }
        }
        SECRETS_ERR_MALFORMED | SECRETS_ERR_BUFFER_TOO_SMALL => {
            assert_eq!(out_len, 0, "out_len set on {status:?}");
            if !null_out {
                out.assert_zeroed(status);
            }
            if status == SECRETS_ERR_MALFORMED {
                assert!(expected.is_none(), "valid encoding refused");
            } else {
                // The text is valid: a big enough buffer decodes it.
                let (again, len, _) = decode(&text_c, max, false);
                assert_eq!(again, SECRETS_OK, "BUFFER_TOO_SMALL but not decodable");
                assert!(
                    len > out_size,
                    "BUFFER_TOO_SMALL with room: {len} <= {out_size}"
                );
            }
        }
        other => panic!("unexpected status {other:?}"),
    }
});
