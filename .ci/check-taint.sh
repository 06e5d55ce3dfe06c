#!/usr/bin/env bash
# Secret-taint check (ctgrind technique): every exported function runs
# under valgrind memcheck on the LTO release build, with its secret inputs
# and every random byte the library draws marked undefined
# (ctests/checks/taint.c). Any branch or memory address that depends on
# them fails the check, except the declassification points listed in
# ctests/checks/declassify.supp. Covers the syscall path of the OS source:
# valgrind hides the vDSO (getauxval(AT_SYSINFO_EHDR) is 0 under it) and
# CPU features such as SHA-NI and AVX-512, so the portable code is what
# is checked.
#     bash .ci/check-taint.sh [FUNCTION...]
source "$(dirname "$0")/checks-common.sh"

step "taint: install valgrind, build the shipped library"
need_apt valgrind
build_shipped
cc_check taint ctests/checks/taint.c
table_covers_exports taint

step "taint: every function under memcheck"
# The table's `src:PATH:/TEXT/` frames become `src:*FILE:LINE` for today's
# line of PATH that contains TEXT (exactly one, or the entry is stale).
supp=$CHECKS_DIR/declassify.supp
resolve_supp() {
    local line path text n file
    while IFS= read -r line; do
        if [[ $line =~ ^([[:space:]]*)src:([^:*]+):/(.*)/$ ]]; then
            path=${BASH_REMATCH[2]} text=${BASH_REMATCH[3]}
            n=$(grep -nF -- "$text" "$path" | cut -d: -f1)
            if [ "$(printf '%s\n' "$n" | grep -c .)" != 1 ]; then
                echo "FAIL declassify.supp: '$text' is not on exactly one line of $path (stale entry)" >&2
                return 1
            fi
            file=${path##*/}
            echo "${BASH_REMATCH[1]}src:*$file:$n"
        else
            printf '%s\n' "$line"
        fi
    done <ctests/checks/declassify.supp >"$supp"
}
resolve_supp
log=$CHECKS_DIR/taint-logs
rm -rf "$log" && mkdir -p "$log"
functions=("$@")
((${#functions[@]})) || mapfile -t functions < <("$CHECKS_DIR/bin/taint" --list | grep -v absent)
"$CHECKS_DIR/bin/taint" --list | grep absent || true
passed=0
failed=0
for f in "${functions[@]}"; do
    # -v lists the suppressions used (the declassification points hit).
    if SECRETS_ENTROPY_PATH=syscall valgrind -v --error-exitcode=1 --num-callers=50 \
        --track-origins=yes --suppressions="$supp" \
        "$CHECKS_DIR/bin/taint" "$f" >"$log/$f.log" 2>&1; then
        passed=$((passed + 1))
        used=$(sed -n 's/^--[0-9]*-- used_suppression: *[0-9]* \([^ ]*\) .*/\1/p' "$log/$f.log" | sort -u | tr '\n' ' ')
        echo "ok   $f${used:+  (declassified: $used)}"
    else
        failed=$((failed + 1))
        report='^==[0-9]*== \(Conditional jump\|Use of uninit\|Uninitialised byte\|Invalid\|Syscall param\)'
        echo "FAIL $f: $(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log/$f.log" | tail -1) secret-dependent branches or addresses; first:"
        grep -m1 -A12 "$report" "$log/$f.log" | sed 's/^==[0-9]*== /    /' | cut -c1-160
        grep -h "^FAIL\|depends on a secret\|no random bytes\|expected" "$log/$f.log" | sed 's/^/    /' || true
    fi
done

# An entry of the table that nothing hits any more is stale: remove it
# (when every function ran).
if (($# == 0)); then
    names=$(sed -n '/^{/{n;s/^ *//;p}' ctests/checks/declassify.supp | sort -u)
    hit=$(sed -n 's/^--[0-9]*-- used_suppression: *[0-9]* \([^ ]*\) .*/\1/p' "$log"/*.log | sort -u)
    stale=$(comm -23 <(printf '%s\n' "$names") <(printf '%s\n' "$hit"))
    if [ -n "$stale" ]; then
        failed=$((failed + 1))
        echo "FAIL declassify.supp entries that match nothing: $(echo $stale)"
    fi
fi
echo "taint: $passed passed, $failed failed (logs in $log)"
((failed == 0))
