//! `secrets_csrf_verify` on tokens derived from one freshly issued token.
//!
//! Each run issues one token (fixed key, time and session from the data),
//! mutates its text with the data (byte flips, truncation, extension,
//! replacement) and verifies it with a session, time and max age from the
//! data, sometimes with another key. Checks: the status is one of OK,
//! MISMATCH, EXPIRED, MALFORMED; MALFORMED exactly when the text is not 76
//! base64url characters; OK only for the issued text, the same key and
//! session, and an issue time within [now - max_age, now + 60]; the
//! unmodified token with those is always OK (EXPIRED outside the window).
#![no_main]

use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use secrets::auth::{SECRETS_CSRF_TOKEN_SIZE, secrets_csrf_token, secrets_csrf_verify};

const KEY: &[u8; 32] = b"fuzz-csrf-key-0123456789abcdef!!";

fn is_base64url(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

fn session(u: &mut Unstructured) -> Option<Vec<u8>> {
    u.arbitrary::<bool>()
        .unwrap_or(false)
        .then(|| take_c_string(u, 12))
}

fn ptr_of(s: &Option<Vec<u8>>) -> *const core::ffi::c_char {
    s.as_ref().map_or(core::ptr::null(), |s| s.as_ptr().cast())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let issued_at: u64 = u.arbitrary().unwrap_or(0);
    let issue_session = session(&mut u);

    let mut out = OutBuf::new(SECRETS_CSRF_TOKEN_SIZE);
    let status = unsafe {
        secrets_csrf_token(
            out.ptr().cast(),
            out.size(),
            KEY.as_ptr().cast(),
            KEY.len(),
            ptr_of(&issue_session),
            issued_at,
        )
    };
    assert_eq!(status, SECRETS_OK);
    let token = out.text().to_vec();
    assert_eq!(token.len(), 76);

    // The candidate text.
    let mut candidate = token.clone();
    let edits = u.int_in_range(0..=4u8).unwrap_or(0);
    for _ in 0..edits {
        let op: u8 = u.arbitrary().unwrap_or(0);
        let at: usize = u.arbitrary::<u8>().unwrap_or(0) as usize;
        let byte: u8 = u.arbitrary().unwrap_or(0);
        match op % 6 {
            0 | 1 if !candidate.is_empty() => {
                let i = at % candidate.len();
                candidate[i] ^= byte.max(1);
            }
            2 => candidate.truncate(at % 80),
            3 => candidate.push(byte),
            4 if !candidate.is_empty() => {
                let i = at % candidate.len();
                candidate.remove(i);
            }
            5 => {
                let n = (at % 100).min(u.len());
                candidate = u.bytes(n).unwrap_or(&[]).to_vec();
            }
            _ => {}
        }
    }
    let candidate_c = c_string(&candidate);
    let candidate = text_of(&candidate_c);

    // The verification context.
    let same_session = u.arbitrary::<bool>().unwrap_or(true);
    let verify_session = if same_session {
        issue_session.clone()
    } else {
        session(&mut u)
    };
    let other_key: Option<Vec<u8>> = u.ratio(1, 8).unwrap_or(false).then(|| {
        let n = u.int_in_range(16..=40usize).unwrap_or(16).min(u.len());
        let mut k = u.bytes(n).unwrap_or(&[]).to_vec();
        k.resize(k.len().max(16), 0);
        k
    });
    let key: &[u8] = other_key.as_deref().unwrap_or(KEY);
    let delta: i32 = u.arbitrary().unwrap_or(0);
    let now = issued_at.wrapping_add_signed(delta as i64 % 8000);
    let max_age: u64 = u.int_in_range(0..=7200).unwrap_or(3600);

    let status = unsafe {
        secrets_csrf_verify(
            candidate_c.as_ptr().cast(),
            key.as_ptr().cast(),
            key.len(),
            ptr_of(&verify_session),
            now,
            max_age,
        )
    };

    let well_formed = candidate.len() == 76 && candidate.iter().all(|&c| is_base64url(c));
    assert_eq!(
        status == SECRETS_ERR_MALFORMED,
        !well_formed,
        "MALFORMED iff not 76 base64url chars: {status:?}"
    );
    let authentic = candidate == &token[..] && key == KEY && verify_session == issue_session;
    let in_time = issued_at <= now.saturating_add(60) && now.saturating_sub(issued_at) <= max_age;
    match status {
        SECRETS_OK => assert!(authentic && in_time, "forged or stale token accepted"),
        SECRETS_ERR_EXPIRED => assert!(
            authentic && !in_time,
            "EXPIRED for a token that is not authentic"
        ),
        SECRETS_ERR_MISMATCH => assert!(!authentic, "the issued token was refused"),
        SECRETS_ERR_MALFORMED => {}
        other => panic!("unexpected status {other:?}"),
    }
});
