#!/bin/sh
# The entropy engine's CI checks, standalone from the repository root:
#  1. the OS source's own tests (every path, fork, a signal handler
#     mid-call, 100,000 short-lived threads against the vDSO state pool)
#     and the interposition test of the request promise, on the vDSO and
#     the system-call paths, against libsecrets.a and libsecrets.so;
#  2. the constant-time table selection on every SIMD variant the CPU has;
#  3. a smoke run of the benchmark, as shipped (LTO), on both paths, so that
#     it keeps building and running (its numbers are not checked).
# Needs: Rust, a C compiler, CMake; libsodium and OpenSSL are optional peers
# of the benchmark (apt-get install -y libsodium-dev libssl-dev pkg-config).
set -eu
cd "$(dirname "$0")/.."

cargo test -p secrets --lib os_entropy
cargo test -p secrets --test os_requests_and_heap
cargo test -p secrets-ctselect

cargo rustc -p secrets --lib --release --crate-type cdylib --crate-type staticlib
build=target/ci-bench
cmake -S benches -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DSECRETS_BENCH_LIBRARY="$PWD/target/release/libsecrets.a" >/dev/null
cmake --build "$build" >/dev/null
"$build/secrets-bench" --quick --filter token_hex
"$build/secrets-bench" --quick --syscall --filter token_hex
echo "check-entropy: ok"
