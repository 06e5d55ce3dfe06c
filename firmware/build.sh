#!/usr/bin/env bash
# Builds the firmware example for the QEMU MPS2 boards into build-firmware/:
#   firmware.elf           main.c on a Cortex-M4F (mps2-an386)
#   firmware-nodouble.elf  the same without the functions that return a double
#                          (for the soft-float check)
#   firmware-m0.elf        main.c built for Cortex-M0 (thumbv6m), run on the
#                          Cortex-M3 board (mps2-an385), which executes it
#   minimal.elf            token_hex + HMAC-SHA256 + startup (the size budget)
#   host                   main.c on this machine, against the host library
#                          built with the same entropy hook
# Usage: firmware/build.sh   (needs arm-none-eabi-gcc and the rustup targets)
set -euo pipefail
cd "$(dirname "$0")/.."
out=build-firmware
mkdir -p "$out"

lib_m4=$(firmware/build-lib.sh thumbv7em-none-eabihf)
lib_m0=$(firmware/build-lib.sh thumbv6m-none-eabi)

common=(-Os -g -std=c11 -Wall -Wextra -Werror -ffreestanding -nostdlib
    -ffunction-sections -fdata-sections -Iinclude -Ifirmware
    -T firmware/mps2.ld -Wl,--gc-sections -Wl,--no-warn-rwx-segments -Wl,--no-warn-execstack)
m4=(-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16)
m0=(-mcpu=cortex-m0 -mthumb -mfloat-abi=soft)
example=(firmware/startup.c firmware/semihost.c firmware/trng_stub.c firmware/main.c)

link() { # name, flags..., then sources and the library
    local name=$1
    shift
    arm-none-eabi-gcc "${common[@]}" -Wl,-Map="$out/$name.map" -o "$out/$name.elf" "$@" -lgcc
}
link firmware "${m4[@]}" "${example[@]}" "$lib_m4"
link firmware-nodouble "${m4[@]}" -DFIRMWARE_NO_DOUBLE "${example[@]}" "$lib_m4"
link firmware-m0 "${m0[@]}" "${example[@]}" "$lib_m0"
link minimal "${m4[@]}" -DFIRMWARE_BARE -DTRNG_STUB_PLAIN firmware/startup.c firmware/trng_stub.c \
    firmware/minimal.c "$lib_m4"

# The same program on the host, with the library's entropy hook (the
# TEST-ONLY stub) instead of the OS source.
cargo rustc --lib --release --no-default-features --features std,platform-entropy \
    --crate-type staticlib --target-dir target/host-platform-entropy >&2
cc -O1 -std=c11 -Wall -Wextra -Werror -Iinclude -Ifirmware -o "$out/host" \
    firmware/main.c firmware/host_io.c firmware/trng_stub.c \
    target/host-platform-entropy/release/libsecrets.a -lpthread -ldl -lm
echo "built: $(cd "$out" && echo *.elf host)"
