//! The declassification point of the secret-taint check
//! (`.ci/check-taint.sh`): a count derived from secret data that is public
//! by design (a length the caller is told anyway) passes through
//! [`declassify_len`] before anything branches on it or indexes with it.
//!
//! Outside the check it is an identity function. Under valgrind the check
//! wraps it by name (`ctests/checks/taint.c`, function wrapping) and marks
//! its result defined: the core cannot issue valgrind client requests
//! itself (`forbid(unsafe_code)`), and a suppression only hides reports,
//! it cannot make a value defined, so every later use would be reported.
//! Only values that the API returns or the caller can compute belong here.

/// Returns `n`: a public count (see the module comment). Never inlined,
/// so that it stays a function the check can wrap by name; `black_box`
/// keeps the optimiser from reusing the argument in place of the result.
#[inline(never)]
pub fn declassify_len(n: usize) -> usize {
    core::hint::black_box(n)
}
