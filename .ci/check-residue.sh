#!/usr/bin/env bash
# Stack residue check: after every exported function returns, the dead
# stack below the caller must hold no copy of a key, key ^ ipad/opad, tag,
# code, decoded secret, secret output or drawn random byte
# (ctests/checks/residue.c, native run on the LTO release build).
# Run twice: with the syscall path forced, so that the drawn bytes are seen
# and looked for; and on the default path (vDSO where the kernel has it),
# where only the secret inputs and outputs can be looked for.
# LD_BIND_NOW: lazy binding saves the vector registers on the stack the
# first time a PLT entry is used; that is the dynamic linker's copy, not
# the library's (the program also makes one warm-up call first).
#     bash .ci/check-residue.sh [FUNCTION...]
source "$(dirname "$0")/checks-common.sh"

step "residue: build the shipped library"
build_shipped
cc_check residue ctests/checks/residue.c
table_covers_exports residue

status=0
step "residue: syscall path (SECRETS_ENTROPY_PATH=syscall)"
LD_BIND_NOW=1 SECRETS_ENTROPY_PATH=syscall "$CHECKS_DIR/bin/residue" "$@" || status=1
step "residue: default path"
LD_BIND_NOW=1 "$CHECKS_DIR/bin/residue" "$@" | grep -v '^note' || status=1
exit $status
