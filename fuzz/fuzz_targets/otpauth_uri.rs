//! `secrets_otpauth_uri` with arbitrary issuer and account bytes.
//!
//! Checks: the status is exactly what the rules give (NULL account ⇒
//! NULL_POINTER; an empty account, a `:` in issuer or account, an empty
//! key, period 0, digits outside 6..=10 or an unknown algorithm ⇒
//! INVALID_ARGUMENT; a buffer shorter than the URI and its NUL ⇒
//! BUFFER_TOO_SMALL; else OK). OK ⇒ the URI parses back: the label holds
//! only unreserved characters and uppercase `%XX`, and percent-decoding it
//! gives the issuer and account; `secret` decodes (with
//! `secrets_base32_decode`) to the key; `issuer`, `algorithm`, `digits`
//! and `period` are the inputs. Errors ⇒ the whole buffer zeroed; nothing
//! past out_size is written.
#![no_main]

use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use secrets::auth::{secrets_base32_decode, secrets_otpauth_uri};

fn unreserved(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"-._~".contains(&c)
}

/// Percent-encoded text as the URI must carry it: decodes, and uses only
/// unreserved characters and uppercase escapes of the other bytes.
fn decode_component(s: &[u8]) -> Vec<u8> {
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' {
            let hex = &s[i + 1..i + 3];
            assert!(
                hex.iter()
                    .all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c)),
                "bad escape {hex:?}"
            );
            i += 3;
        } else {
            assert!(
                unreserved(s[i]),
                "reserved byte {:?} left unencoded",
                s[i] as char
            );
            i += 1;
        }
    }
    let decoded = percent_decode(s).expect("bad percent escape");
    // Unreserved bytes must not be escaped (one spelling per input).
    let mut reencoded = Vec::new();
    for &c in &decoded {
        if unreserved(c) {
            reencoded.push(c);
        } else {
            reencoded.extend_from_slice(format!("%{c:02X}").as_bytes());
        }
    }
    assert_eq!(reencoded, s, "not the canonical percent-encoding");
    decoded
}

fn base32_decode(text: &[u8]) -> Vec<u8> {
    let text_c = c_string(text);
    let mut out = vec![0u8; text.len()];
    let mut len = 0;
    let status = unsafe {
        secrets_base32_decode(
            out.as_mut_ptr(),
            out.len(),
            &mut len,
            text_c.as_ptr().cast(),
        )
    };
    assert_eq!(status, SECRETS_OK, "secret is not base32");
    out.truncate(len);
    out
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mode: u8 = u.arbitrary().unwrap_or(0);
    let wide = mode & 0x80 != 0;
    let (period, digits, algorithm) = otp_params(&mut u, wide, 120);
    let key_len = u.int_in_range(0..=70usize).unwrap_or(20).min(u.len());
    let key = u.bytes(key_len).unwrap_or(&[]).to_vec();
    let size_choice: u16 = u.arbitrary().unwrap_or(0);
    let issuer_c: Option<Vec<u8>> = (mode & 1 == 0).then(|| take_c_string(&mut u, 64));
    let null_account = mode & 0x0e == 0x0e;
    let account_c = c_string(u.take_rest());

    let issuer = issuer_c.as_deref().map(text_of).filter(|i| !i.is_empty());
    let account = text_of(&account_c);
    let valid = !account.is_empty()
        && !account.contains(&b':')
        && !issuer.is_some_and(|i| i.contains(&b':'))
        && !key.is_empty()
        && period > 0
        && (6..=10).contains(&digits)
        && (1..=3).contains(&algorithm);

    let call = |out_size: usize| {
        let mut out = OutBuf::new(out_size);
        let issuer_ptr = issuer_c
            .as_ref()
            .map_or(core::ptr::null(), |i| i.as_ptr().cast());
        let account_ptr = if null_account {
            core::ptr::null()
        } else {
            account_c.as_ptr().cast()
        };
        let key_ptr = if key.is_empty() {
            core::ptr::null()
        } else {
            key.as_ptr().cast()
        };
        let status = unsafe {
            secrets_otpauth_uri(
                out.ptr().cast(),
                out.size(),
                issuer_ptr,
                account_ptr,
                key_ptr,
                key.len(),
                period,
                digits,
                algorithm,
            )
        };
        (status, out)
    };
    let out_size = match mode >> 4 & 3 {
        0 | 1 => 4096,
        _ => size_choice as usize % 1024,
    };
    let (status, out) = call(out_size);
    if status != SECRETS_OK {
        out.assert_zeroed(status);
    }
    if null_account {
        assert_eq!(status, SECRETS_ERR_NULL_POINTER);
        return;
    }
    if !valid {
        assert_eq!(status, SECRETS_ERR_INVALID_ARGUMENT);
        return;
    }
    if status == SECRETS_ERR_BUFFER_TOO_SMALL {
        let (again, big) = call(4096);
        assert_eq!(again, SECRETS_OK);
        assert!(
            big.text().len() + 1 > out_size,
            "BUFFER_TOO_SMALL with room"
        );
        return;
    }
    assert_eq!(status, SECRETS_OK);
    let uri = out.text();
    let rest = uri.strip_prefix(b"otpauth://totp/").expect("scheme");
    let q = rest.iter().position(|&c| c == b'?').expect("no query");
    let (label, query) = (&rest[..q], &rest[q + 1..]);
    let label_parts: Vec<&[u8]> = label.split(|&c| c == b':').collect();
    match issuer {
        Some(issuer) => {
            assert_eq!(label_parts.len(), 2, "label {label:?}");
            assert_eq!(decode_component(label_parts[0]), issuer);
            assert_eq!(decode_component(label_parts[1]), account);
        }
        None => {
            assert_eq!(label_parts.len(), 1, "label {label:?}");
            assert_eq!(decode_component(label), account);
        }
    }
    let params: Vec<(&[u8], &[u8])> = query
        .split(|&c| c == b'&')
        .map(|kv| {
            let eq = kv.iter().position(|&c| c == b'=').expect("param without =");
            (&kv[..eq], &kv[eq + 1..])
        })
        .collect();
    let names: Vec<&[u8]> = params.iter().map(|p| p.0).collect();
    let expected_names: Vec<&[u8]> = if issuer.is_some() {
        vec![b"secret", b"issuer", b"algorithm", b"digits", b"period"]
    } else {
        vec![b"secret", b"algorithm", b"digits", b"period"]
    };
    assert_eq!(names, expected_names);
    for (name, value) in params {
        match name {
            b"secret" => assert_eq!(base32_decode(value), key),
            b"issuer" => assert_eq!(Some(&decode_component(value)[..]), issuer),
            b"algorithm" => assert_eq!(
                value,
                [&b"SHA1"[..], b"SHA256", b"SHA512"][algorithm as usize - 1]
            ),
            b"digits" => assert_eq!(value, digits.to_string().as_bytes()),
            b"period" => assert_eq!(value, period.to_string().as_bytes()),
            _ => unreachable!(),
        }
    }
});
