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

step "run on QEMU mps2-an386 (Cortex-M4F)"
status=0
firmware/run-qemu.sh build-firmware/firmware.elf mps2-an386 >build-firmware/firmware.log || status=$?
grep -E '^(FAIL|[0-9]+ passed)' build-firmware/firmware.log || true
((status == 0)) || { echo "firmware on Cortex-M4F: exit status $status"; exit 1; }

step "run the Cortex-M0 build on QEMU mps2-an385 (Cortex-M3)"
firmware/run-qemu.sh build-firmware/firmware-m0.elf mps2-an385 >build-firmware/firmware-m0.log || status=$?
grep -E '^(FAIL|[0-9]+ passed)' build-firmware/firmware-m0.log || true
((status == 0)) || { echo "firmware on Cortex-M0 code: exit status $status"; exit 1; }

step "run on the host and compare: the same bytes in give the same results out"
build-firmware/host >build-firmware/host.log || status=$?
grep -E '^(FAIL|[0-9]+ passed)' build-firmware/host.log || true
((status == 0)) || { echo "host run: exit status $status"; exit 1; }
# (Stack depths and request sizes are the platform's own: "stack" and "info"
# lines are left out.)
transcript() { grep -vE '^(stack|info) ' "build-firmware/$1.log"; }
for log in firmware firmware-m0; do
    if ! diff <(transcript $log) <(transcript host) >/dev/null; then
        echo "the $log transcript differs from the host's:"
        diff <(transcript $log) <(transcript host) | head -20
        exit 1
    fi
done
echo "identical transcripts: $(grep -c '^out ' build-firmware/host.log) generated values"

step "Rust firmware example builds for thumbv7em"
(cd examples/rust-firmware && nice cargo build --release --target thumbv7em-none-eabihf --quiet)

step "budgets"
python3 firmware/check-budgets.py build-firmware
step "done"
