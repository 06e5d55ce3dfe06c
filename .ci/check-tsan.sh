#!/usr/bin/env bash
# ThreadSanitizer and fork:
#  - tests/threads.rs (16 threads through every kind of function at once)
#    with the library, its dependencies and std instrumented: pinned
#    nightly, -Zsanitizer=thread, -Zbuild-std. Default OS path, then the
#    syscall path forced.
#  - ctests/checks/fork.c against the shipped library: 1000 forks from a
#    4-thread program, children and parent never produce the same token
#    (default path and syscall path).
#     bash .ci/check-tsan.sh
source "$(dirname "$0")/checks-common.sh"

step "tsan: pinned nightly with rust-src"
need_nightly rust-src
host=$(rustc -vV | sed -n 's/^host: //p')

step "tsan: tests/threads.rs under ThreadSanitizer"
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
# ctests/checks/tsan/ builds tests/threads.rs without the library's
# dev-dependencies.
tsan() {
    RUSTFLAGS="-Zsanitizer=thread" CARGO_TARGET_DIR=$PWD/target/tsan \
        nice cargo "+$NIGHTLY" test -Zbuild-std --target "$host" \
        --manifest-path ctests/checks/tsan/Cargo.toml --test threads "$@"
}
tsan
SECRETS_ENTROPY_PATH=syscall tsan

step "fork: 1000 forks from a 4-thread program"
build_shipped
cc_check fork ctests/checks/fork.c -lpthread
"$CHECKS_DIR/bin/fork" 1000
SECRETS_ENTROPY_PATH=syscall "$CHECKS_DIR/bin/fork" 1000
