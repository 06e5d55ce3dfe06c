#!/usr/bin/env bash
# Failure injection: a seccomp filter fails the getrandom syscall with
# ENOSYS, EPERM, EIO and EAGAIN; every generator must return
# SECRETS_ERR_ENTROPY with its output zeroed, or (ENOSYS/EPERM only, a
# device fallback) output that is not weak, also after the program closes
# its descriptors and opens a file on the freed numbers
# (ctests/checks/seccomp_fail.c). Paths: the syscall path, forced with
# SECRETS_ENTROPY_PATH=syscall (seccomp cannot fail a request the vDSO
# serves from its state pages); the failure path (SECRETS_ENTROPY_PATH=fail,
# no filter); and the default path under the filter, reported, where
# success is allowed only from the vDSO and never with weak bytes.
#     bash .ci/check-seccomp.sh
source "$(dirname "$0")/checks-common.sh"

step "seccomp: build the shipped library"
build_shipped
cc_check seccomp_fail ctests/checks/seccomp_fail.c

status=0
for e in ENOSYS EPERM EIO EAGAIN; do
    step "seccomp: getrandom fails with $e (syscall path forced)"
    SECRETS_ENTROPY_PATH=syscall "$CHECKS_DIR/bin/seccomp_fail" "$e" | grep -v '^ok' || status=1
done
step "seccomp: SECRETS_ENTROPY_PATH=fail, no filter"
SECRETS_ENTROPY_PATH=fail "$CHECKS_DIR/bin/seccomp_fail" none | grep -v '^ok' || status=1
step "seccomp: default path (vDSO where available) under an EPERM filter"
"$CHECKS_DIR/bin/seccomp_fail" EPERM | grep -v '^ok' || status=1
exit $status
