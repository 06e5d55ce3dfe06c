#!/bin/sh
# Hardening checks that need an optimised build or a test-only feature, run
# from the repository root:
#   .ci/check-harden.sh
# - the stack scrub covers every function that takes keys or decodes
#   secrets (tests/stack_depth.rs, painting; release build only: the depths
#   of unoptimised code are not the library's)
# - a panic inside the boundary becomes SECRETS_ERR_INTERNAL with zeroed
#   outputs (tests/internal_panic.rs, feature test-internal-panic)
# Needs only Rust (stable) and a C compiler; about a minute on 2 cores.
set -eu
start=$(date +%s)
nice cargo test --release --test stack_depth -- --nocapture
nice cargo test --features test-internal-panic --test internal_panic
echo "check-harden: passed in $(( $(date +%s) - start )) s"
