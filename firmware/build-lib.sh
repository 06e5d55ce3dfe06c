#!/usr/bin/env bash
# Builds libsecrets as a static library for a bare-metal target: the one
# documented command (docs/embedded.md). Usage, from anywhere:
#   firmware/build-lib.sh thumbv7em-none-eabihf
# Prints the path of the libsecrets.a it built.
#
# - `--profile embedded` (Cargo.toml): opt-level "s", panic = "abort",
#   codegen-units 1, and `cargo rustc --crate-type staticlib` runs real LTO.
# - `platform-entropy`: random bytes come from the firmware's
#   secrets_platform_entropy() (include/secrets_platform.h); `panic-handler`:
#   the library brings its #[panic_handler], which calls
#   secrets_platform_panic() (never linked in practice: see the CI check).
# - The compact SHA-2 backend (`--cfg sha2_backend_soft="compact"`, about
#   25 KB smaller than the unrolled one) is a cfg of the sha2 crate, so it must
#   reach every crate of the build: it goes in through `--config`, which adds
#   to the rustflags of any config file instead of replacing them. Cargo
#   ignores config rustflags when RUSTFLAGS is set, so then it is appended
#   to RUSTFLAGS instead.
set -euo pipefail
target=${1:?usage: $0 TARGET (thumbv6m-none-eabi, thumbv7em-none-eabihf, riscv32imac-unknown-none-elf, ...)}
cd "$(dirname "$0")/.."

cfg='--cfg sha2_backend_soft="compact"'
config=()
if [[ -n ${CARGO_ENCODED_RUSTFLAGS:-} ]]; then
    export CARGO_ENCODED_RUSTFLAGS="$CARGO_ENCODED_RUSTFLAGS"$'\x1f--cfg\x1fsha2_backend_soft="compact"'
elif [[ -n ${RUSTFLAGS:-} ]]; then
    export RUSTFLAGS="$RUSTFLAGS $cfg"
else
    config=(--config "target.$target.rustflags=['--cfg', 'sha2_backend_soft=\"compact\"']")
fi

cargo rustc --lib --profile embedded --target "$target" \
    --no-default-features --features platform-entropy,panic-handler \
    --crate-type staticlib "${config[@]}" >&2

target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
echo "$target_dir/$target/embedded/libsecrets.a"
