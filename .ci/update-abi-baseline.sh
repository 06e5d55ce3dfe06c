#!/bin/sh
# Regenerates the committed ABI baseline abi/libsecrets.abi, which
# `.ci/check-abi.sh --baseline` (run by .ci/packaging.sh) compares the built
# library with. Run it from the repository root when a release is cut, and
# after merging functions that the release adds:
#
#   .ci/update-abi-baseline.sh [BUILD_DIR]
#
# BUILD_DIR (default build-abi) is configured as a Release build and built;
# the baseline is abidw's dump of its libsecrets.so (with debug information).
# Needs cmake, cargo, a C compiler and abidw (apt-get install abigail-tools).
# Then review `git diff abi/` and commit it.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build-abi"}
command -v abidw >/dev/null || { echo "abidw not found: apt-get install abigail-tools" >&2; exit 1; }
version=$(sed -n 's/^version *= *"\([0-9][0-9.]*\)".*/\1/p' "$root/Cargo.toml" | head -n 1)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSECRETS_BUILD_TESTS=OFF \
    -DSECRETS_BUILD_CLI=OFF -DSECRETS_BUILD_BENCH=OFF -DSECRETS_BUILD_DEMO=OFF >/dev/null
cmake --build "$build" --target secrets_shared_link
# No source locations and content-hashed type ids: the file changes only
# when the ABI does.
abidw --no-corpus-path --no-show-locs --type-id-style hash \
    "$build/lib/libsecrets.so.$version" >"$root/abi/libsecrets.abi"
echo "abi/libsecrets.abi: $(grep -c '<elf-symbol ' "$root/abi/libsecrets.abi") symbols of libsecrets $version"
