//! A panic inside the library (a defect) never crosses into C: it becomes
//! `SECRETS_ERR_INTERNAL`, with the outputs zeroed as for any failure.
//! Needs the test-only feature:
//! `cargo test --features test-internal-panic --test internal_panic`.
#![cfg(feature = "test-internal-panic")]

use secrets::forced_panic;
use secrets::status::secrets_status::SECRETS_ERR_INTERNAL;

#[test]
fn a_caught_panic_is_an_internal_error_with_zeroed_outputs() {
    let mut text = [0x55u8; 32];
    let status = unsafe { forced_panic::text(text.as_mut_ptr().cast(), text.len()) };
    assert_eq!(status, SECRETS_ERR_INTERNAL);
    assert_eq!(text, [0; 32], "the partial text is wiped");

    assert_eq!(forced_panic::verify(), SECRETS_ERR_INTERNAL);

    let mut value = 7u64;
    assert_eq!(
        unsafe { forced_panic::value(&mut value) },
        SECRETS_ERR_INTERNAL
    );
    assert_eq!(value, 0);
}
