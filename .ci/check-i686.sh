#!/usr/bin/env bash
# A 32-bit host: the whole test suite (Rust unit and integration tests, and
# the C tests that cargo test compiles with `gcc -m32` and runs against
# the i686 libsecrets.a and libsecrets.so) on i686-unknown-linux-gnu,
# where usize is 32 bits and u128 arithmetic is emulated.
#     bash .ci/check-i686.sh
source "$(dirname "$0")/checks-common.sh"

step "i686: target and 32-bit C toolchain"
need_apt gcc-multilib
need_apt g++-multilib
rustup target add i686-unknown-linux-gnu >/dev/null 2>&1

step "i686: cargo test --target i686-unknown-linux-gnu"
CARGO_TARGET_DIR=target/i686 nice cargo test --no-fail-fast --target i686-unknown-linux-gnu --workspace
