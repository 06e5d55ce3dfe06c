# Shared by the .ci/check-*.sh scripts (sourced, not run): installs what a
# fresh Debian 12 machine with Rust, gcc and Python lacks, and builds the
# library the way it ships.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CARGO_TERM_COLOR=never

# The dated nightly for Miri, cargo-fuzz and ThreadSanitizer, pinned so that
# CI does not break when a new nightly does.
NIGHTLY=nightly-2026-05-20
CHECKS_DIR=target/checks

step() { printf '\n==== %s ====\n' "$*"; }

# need_apt PACKAGE...: installs the Debian packages that are missing.
need_apt() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# need_nightly COMPONENT...: the pinned nightly with these components.
need_nightly() {
    rustup toolchain list | grep -q "^$NIGHTLY" ||
        rustup toolchain install "$NIGHTLY" --profile minimal >/dev/null
    if (($#)); then rustup component add --toolchain "$NIGHTLY" "$@" >/dev/null 2>&1; fi
}

# build_shipped: the libraries exactly as they ship, from the CMake build
# (LTO release archive with debug information; on ELF the shared library
# linked from it with the version script and -z now), without the tests,
# demo, CLI or benchmark. Sets SHIPPED_DIR to the folder with
# libsecrets.so and libsecrets.a.
build_shipped() {
    need_apt cmake
    cmake -S . -B build-checks -DCMAKE_BUILD_TYPE=Release -DSECRETS_BUILD_TESTS=OFF \
        -DSECRETS_BUILD_DEMO=OFF -DSECRETS_BUILD_BENCH=OFF -DSECRETS_BUILD_CLI=OFF \
        -DSECRETS_INSTALL=OFF >/dev/null
    nice cmake --build build-checks --target secrets_shared_link -j2 >/dev/null
    SHIPPED_DIR=$PWD/build-checks/lib
}

# cc_check OUT SOURCE [EXTRA...]: a checks/ C program linked against the
# shipped shared library.
cc_check() {
    local out=$1 src=$2
    shift 2
    mkdir -p "$CHECKS_DIR/bin"
    gcc -std=c11 -O1 -g -Wall -Wextra -Werror -Iinclude -o "$CHECKS_DIR/bin/$out" "$src" \
        -L"$SHIPPED_DIR" -Wl,-rpath,"$SHIPPED_DIR" -lsecrets -ldl -rdynamic "$@"
}

# exported_functions: the secrets_* functions the shipped library exports.
exported_functions() {
    nm -D --defined-only "$SHIPPED_DIR/libsecrets.so" | awk '$2 == "T" { print $3 }' | sed 's/@.*//' | sort -u
}

# table_covers_exports PROGRAM: fails when the library exports a function
# that the calls table (ctests/checks/calls.h) has no entry for.
table_covers_exports() {
    local listed missing
    listed=$("$CHECKS_DIR/bin/$1" --list | awk '{ print $1 }' | sort -u)
    missing=$(comm -23 <(exported_functions) <(printf '%s\n' "$listed"))
    if [ -n "$missing" ]; then
        echo "FAIL: exported but missing from ctests/checks/calls.h: $(echo $missing)"
        return 1
    fi
    echo "ok   every exported function ($(exported_functions | wc -l)) has an entry in calls.h"
}
