#!/usr/bin/env bash
# Firmware CI (issue: no_std static library for Cortex-M and RISC-V): builds
# the three static libraries with the one documented command, runs the
# example firmware under QEMU (Cortex-M4F mps2-an386, and the Cortex-M0 build
# on the Cortex-M3 mps2-an385), runs the same program on the host and
# compares the transcripts, builds the Rust firmware example, and enforces
# the size, stack, static-RAM, panic and soft-float budgets.
# Standalone, from the repository root: bash .ci/check-firmware.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
start=$SECONDS
step() { printf '\n==== firmware: %s (%ds) ====\n' "$*" $((SECONDS - start)); }

step "install the cross toolchain and QEMU"
targets=(thumbv6m-none-eabi thumbv7em-none-eabihf riscv32imac-unknown-none-elf)
rustup target add "${targets[@]}" >/dev/null
if ! command -v arm-none-eabi-gcc >/dev/null || ! command -v qemu-system-arm >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends gcc-arm-none-eabi qemu-system-arm >/dev/null
fi

step "static libraries, one command per target"
for t in "${targets[@]}"; do
    lib=$(nice firmware/build-lib.sh "$t")
    printf '%-32s %s\n' "$t" "$(du -h "$lib" | cut -f1)"
done

step "example firmware, minimal image and host build"
nice firmware/build.sh

# The runs, the comparison and the budgets all report before the verdict.
failed=()
run() { # log name, then the command
    local log=$1 status=0
    shift
    "$@" >"build-firmware/$log.log" || status=$?
    grep -E '^(FAIL|[0-9]+ passed)' "build-firmware/$log.log" || true
    ((status == 0)) || failed+=("$log: exit status $status")
}

step "run on QEMU mps2-an386 (Cortex-M4F)"
run firmware firmware/run-qemu.sh build-firmware/firmware.elf mps2-an386

step "run the Cortex-M0 build on QEMU mps2-an385 (Cortex-M3)"
run firmware-m0 firmware/run-qemu.sh build-firmware/firmware-m0.elf mps2-an385

step "run on the host and compare: the same bytes in give the same results out"
run host build-firmware/host
# (Stack depths and request sizes are the platform's own: "stack" and "info"
# lines are left out.)
transcript() { grep -vE '^(stack|info) ' "build-firmware/$1.log"; }
for log in firmware firmware-m0; do
    if ! diff <(transcript $log) <(transcript host) >/dev/null; then
        echo "the $log transcript differs from the host's:"
        diff <(transcript $log) <(transcript host) | head -20
        failed+=("$log transcript differs from the host's")
    fi
done
echo "compared: $(grep -c '^out ' build-firmware/host.log) generated values"

step "Rust firmware example builds for thumbv7em"
(cd examples/rust-firmware && nice cargo build --release --target thumbv7em-none-eabihf --quiet)

step "budgets"
python3 firmware/check-budgets.py build-firmware || failed+=("budgets")

step "done"
if ((${#failed[@]})); then
    printf 'firmware check failed: %s\n' "${failed[@]}"
    exit 1
fi
echo "firmware: all checks passed"
