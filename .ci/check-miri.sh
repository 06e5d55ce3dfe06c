#!/usr/bin/env bash
# Miri (pinned nightly) on a chosen subset, within budget: Miri runs ~1000
# times slower, so the garbage-input test alone would not finish.
#  - tests/miri_boundary.rs: every exported function through the C
#    boundary, NULLs and short buffers, an output overlapping an input,
#    misaligned arrays (the boundary's raw-pointer code);
#  - the core's encoders, MACs and verifiers (known-answer tests), under
#    the Rust code's borrow model.
# Random bytes come from Miri's own generator (isolation on); the syscall
# path is forced so the vDSO lookup is not attempted.
#     bash .ci/check-miri.sh
source "$(dirname "$0")/checks-common.sh"

step "miri: pinned nightly with miri and rust-src"
need_nightly miri rust-src
export CARGO_TARGET_DIR=$PWD/target/miri
export MIRIFLAGS="-Zmiri-env-forward=SECRETS_ENTROPY_PATH"
export SECRETS_ENTROPY_PATH=syscall
cargo "+$NIGHTLY" miri setup >/dev/null

# One run per test: Miri stops the whole process at the first undefined
# behaviour, and each case should be reported on its own.
status=0
for t in random_functions human_functions auth_functions \
    overlapping_output_and_input_are_refused misaligned_arrays_are_refused; do
    step "miri: tests/miri_boundary.rs $t"
    nice cargo "+$NIGHTLY" miri test -q -p secrets --test miri_boundary -- --exact "$t" || status=1
done

step "miri: core known-answer tests"
core_tests=(
    encode::hex::tests::rfc4648_vectors
    encode::base64url::tests::rfc4648_vectors
    encode::base32::tests::rfc4648_encode_without_padding
    encode::base32::tests::rfc4648_decode_with_and_without_padding
    encode::base32::tests::spaces_hyphens_tabs_and_line_breaks_are_ignored
    encode::base62::tests::fixed_width_values
    mac::tests::empty_key_and_message_are_valid
    hotp_totp::tests::rfc4226_appendix_d
    hotp_totp::tests::rfc6238_appendix_b
    csrf::tests::layout_is_as_documented
    ct::tests::equality
    uuid::tests::layout_from_known_bytes
    apikey::tests::github_format_tokens_check
)
# A renamed test would silently drop out of a filter: each must exist.
listed=$(cargo "+$NIGHTLY" miri test -q -p secrets-core --lib -- --list 2>/dev/null | sed -n 's/: test$//p')
for t in "${core_tests[@]}"; do
    grep -qx "$t" <<<"$listed" || { echo "FAIL miri: no core test named $t (renamed?)"; status=1; }
done
nice cargo "+$NIGHTLY" miri test -p secrets-core --lib -- --exact "${core_tests[@]}" || status=1
exit $status
