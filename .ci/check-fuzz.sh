#!/usr/bin/env bash
# Fuzzing: every fuzz/ target runs a fixed short time (FUZZ_SECONDS, 15 by
# default) on the pinned nightly with cargo-fuzz (AddressSanitizer,
# debug assertions), starting from the corpus kept in fuzz/corpus/. New
# inputs go to a scratch directory, so the committed corpus is only read.
# Any crash, assertion failure, leak or timeout fails the check, and the
# input that did it is kept in fuzz/artifacts/.
#     bash .ci/check-fuzz.sh [TARGET...]
source "$(dirname "$0")/checks-common.sh"

FUZZ_SECONDS=${FUZZ_SECONDS:-15}
step "fuzz: pinned nightly and cargo-fuzz"
need_nightly rust-src
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2

cd fuzz
step "fuzz: build every target"
nice cargo "+$NIGHTLY" fuzz build -O
targets=("$@")
((${#targets[@]})) || mapfile -t targets < <(cargo "+$NIGHTLY" fuzz list)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0
for t in "${targets[@]}"; do
    step "fuzz: $t for ${FUZZ_SECONDS}s"
    mkdir -p "$scratch/$t" "corpus/$t"
    if nice cargo "+$NIGHTLY" fuzz run -O "$t" "$scratch/$t" "corpus/$t" -- \
        -max_total_time="$FUZZ_SECONDS" -timeout=10 -print_final_stats=1 >"$scratch/$t.log" 2>&1; then
        passed=$((passed + 1))
        echo "ok   $t: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$scratch/$t.log" | grep -o '[0-9]*$') runs, corpus $(ls "corpus/$t" | wc -l) files"
    else
        failed=$((failed + 1))
        echo "FAIL $t"
        tail -40 "$scratch/$t.log"
    fi
done
echo "fuzz: $passed passed, $failed failed"
((failed == 0))
