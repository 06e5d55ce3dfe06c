#!/usr/bin/env bash
# Runs a firmware image on QEMU with semihosting and returns its exit status
# (the number of failed checks). Usage: firmware/run-qemu.sh ELF [MACHINE]
# MACHINE defaults to mps2-an386 (Cortex-M4F); mps2-an385 is a Cortex-M3.
set -euo pipefail
elf=${1:?usage: $0 ELF [MACHINE]}
machine=${2:-mps2-an386}
exec timeout 120 qemu-system-arm -M "$machine" -display none -monitor none -serial none \
    -chardev stdio,id=semihost -semihosting-config enable=on,target=native,chardev=semihost \
    -kernel "$elf"
