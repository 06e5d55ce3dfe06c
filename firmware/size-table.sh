#!/usr/bin/env bash
# Prints, as a Markdown table, the flash each exported function adds to a
# Cortex-M4F image (its own code and everything it pulls in, after
# --gc-sections), over a baseline of the startup code and entropy hook.
# Usage: firmware/size-table.sh [path/to/libsecrets.a]   (after firmware/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
lib=${1:-target/thumbv7em-none-eabihf/embedded/libsecrets.a}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo 'int main(void) { return 0; }' >"$tmp/empty.c"
text() { # extra linker flags...
    arm-none-eabi-gcc -Os -ffreestanding -nostdlib -ffunction-sections -fdata-sections \
        -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Iinclude -Ifirmware \
        -T firmware/mps2.ld -Wl,--gc-sections -Wl,--no-warn-rwx-segments -Wl,--no-warn-execstack \
        -DFIRMWARE_BARE -DTRNG_STUB_PLAIN -o "$tmp/a.elf" firmware/startup.c firmware/trng_stub.c "$tmp/empty.c" \
        "$lib" -lgcc "$@"
    arm-none-eabi-size "$tmp/a.elf" | awk 'NR == 2 { print $1 }'
}
base=$(text)
echo "| function | text (bytes) |"
echo "|---|---:|"
for f in $(grep -oE 'secrets_[a-z0-9_]+\(' include/secrets.h | tr -d '(' | sort -u); do
    echo "| \`$f\` | $(($(text -Wl,--require-defined="$f") - base)) |"
done
echo
echo "Baseline (startup without console, TEST-ONLY TRNG stub): $base bytes."
