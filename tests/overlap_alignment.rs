//! The overlap and alignment refusals, from Rust: small enough for Miri
//! (`cargo +nightly miri test --test overlap_alignment`), which reports
//! undefined behaviour if the boundary ever made a slice over memory that
//! another argument also covers, or read a misaligned array.

use secrets::auth::*;
use secrets::human::*;
use secrets::random::*;
use secrets::status::secrets_status::*;

#[test]
fn in_place_and_overlapping_outputs_are_refused_untouched() {
    let mut buf = *b"12345678901234567890\0____________________________________________";
    let before = buf;
    let p = buf.as_mut_ptr();
    unsafe {
        // base32 in place (the audit's debug-build abort).
        assert_eq!(
            secrets_base32_encode(p.cast(), 33, p.cast(), 20),
            SECRETS_ERR_INVALID_ARGUMENT
        );
        // otpauth with out == key (the audit's wrong secret).
        let status = secrets_otpauth_uri(
            p.cast(),
            buf.len(),
            c"I".as_ptr(),
            c"a".as_ptr(),
            p.cast(),
            20,
            30,
            6,
            SECRETS_OTP_SHA1,
        );
        assert_eq!(status, SECRETS_ERR_INVALID_ARGUMENT);
        // csrf with the key inside out.
        let status = secrets_csrf_token(p.cast(), 77, p.add(30).cast(), 32, core::ptr::null(), 1);
        assert_eq!(status, SECRETS_ERR_INVALID_ARGUMENT);
        // hmac tag over the message.
        let status = secrets_hmac_sha256(p.add(8), b"key".as_ptr().cast(), 3, p.cast(), 20);
        assert_eq!(status, SECRETS_ERR_INVALID_ARGUMENT);
        // base32 decode over its own text.
        let mut len = 9usize;
        let status = secrets_base32_decode(p, 20, &mut len, p.cast());
        assert_eq!(status, SECRETS_ERR_INVALID_ARGUMENT);
    }
    assert_eq!(buf, before);
    // Disjoint buffers work.
    let mut out = [0u8; 40];
    let status =
        unsafe { secrets_base32_encode(out.as_mut_ptr().cast(), 33, buf.as_ptr().cast(), 20) };
    assert_eq!(status, SECRETS_OK);
    assert_eq!(&out[..32], b"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

#[test]
fn misaligned_arrays_are_refused() {
    let mut storage = [0usize; 5];
    let misaligned = unsafe { storage.as_mut_ptr().cast::<u8>().add(1).cast::<usize>() };
    assert_eq!(
        unsafe { secrets_sample(misaligned, 3, 10) },
        SECRETS_ERR_INVALID_ARGUMENT
    );
    assert_eq!(storage, [0; 5]);
    assert_eq!(
        unsafe { secrets_sample(storage.as_mut_ptr(), 3, 10) },
        SECRETS_OK
    );

    let words = [c"ant".as_ptr(), c"bee".as_ptr(), c"cat".as_ptr()];
    let mut raw = [0u8; 4 * size_of::<usize>()];
    let raw_ptr = raw.as_mut_ptr();
    unsafe {
        core::ptr::copy_nonoverlapping(
            words.as_ptr().cast::<u8>(),
            raw_ptr.add(1),
            size_of_val(&words),
        );
    }
    let list = unsafe { raw_ptr.add(1).cast::<*const core::ffi::c_char>() };
    let mut phrase = [b'x'; 16];
    let status = unsafe {
        secrets_passphrase_custom(
            phrase.as_mut_ptr().cast(),
            16,
            2,
            list,
            3,
            core::ptr::null(),
        )
    };
    assert_eq!(status, SECRETS_ERR_INVALID_ARGUMENT);
    assert_eq!(phrase, [0; 16]);
    let status = unsafe {
        secrets_passphrase_custom(
            phrase.as_mut_ptr().cast(),
            16,
            2,
            words.as_ptr(),
            3,
            core::ptr::null(),
        )
    };
    assert_eq!(status, SECRETS_OK);

    // A single value may be anywhere.
    let mut bytes = [0u8; 16];
    let value = unsafe { bytes.as_mut_ptr().add(3).cast::<u64>() };
    assert_eq!(unsafe { secrets_randbelow(value, 10) }, SECRETS_OK);
    assert!(u64::from_ne_bytes(bytes[3..11].try_into().unwrap()) < 10);
}
