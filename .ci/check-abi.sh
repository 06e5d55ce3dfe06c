#!/bin/sh
# ABI checks of libsecrets, ELF platforms. Two forms:
#
#   .ci/check-abi.sh LIBDIR VERSION
#     hygiene of an installed (or staged, or build-tree) copy:
#     - libsecrets.so -> libsecrets.so.MAJOR -> libsecrets.so.VERSION symlinks
#     - SONAME libsecrets.so.MAJOR
#     - the dynamic symbol table defines secrets_* functions only (no
#       Rust-mangled, allocator or std symbols), at least the core ones, each
#       with a version node of abi/libsecrets.map (secrets_x@@LIBSECRETS_0.2)
#     - libsecrets.a defines every exported function
#
#   .ci/check-abi.sh --baseline LIBFILE
#     compares LIBFILE (a libsecrets.so with its debug information, e.g.
#     build/lib/libsecrets.so.X.Y.Z) with the committed baseline
#     abi/libsecrets.abi using libabigail's abidiff: a removed function or a
#     changed signature or type fails, an added function passes. Needs
#     abidiff (Debian: apt-get install abigail-tools). After a release (or
#     a deliberate change) regenerate the baseline: .ci/update-abi-baseline.sh
#
# Prints one line per check and "abi: N passed, M failed"; exits 1 on failure.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
map="$root/abi/libsecrets.map"
# SECRETS_ABI_BASELINE: another baseline file (to try the check itself).
baseline=${SECRETS_ABI_BASELINE:-"$root/abi/libsecrets.abi"}
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
finish() {
    echo "abi: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

if [ "${1:-}" = "--baseline" ]; then
    lib=${2:?usage: check-abi.sh --baseline LIBFILE}
    if ! command -v abidiff >/dev/null 2>&1; then
        bad "abidiff not found (apt-get install abigail-tools)"
        finish
    fi
    if ! readelf -S "$lib" 2>/dev/null | grep -q '\.debug_info'; then
        bad "$lib has no debug information (the build tree's copy has; the installed one is stripped)"
        finish
    fi
    # --no-added-syms: additions are the compatible kind of change. abidiff's
    # status is a bit mask (4: a change, 8: an incompatible one); any bit left
    # once additions are ignored is a break.
    report=$(abidiff --no-added-syms "$baseline" "$lib" 2>&1)
    status=$?
    if [ "$status" -eq 0 ]; then
        added=$(abidiff "$baseline" "$lib" 2>/dev/null | sed -n 's/^Functions changes summary: .*, \([0-9]*\) Added.*/\1/p')
        ok "ABI compatible with the baseline (functions added: ${added:-0})"
    else
        printf '%s\n' "$report" | sed 's/^/     | /'
        bad "ABI break against abi/libsecrets.abi (abidiff status $status): fix it, or for a deliberate new ABI (new SONAME) run .ci/update-abi-baseline.sh"
    fi
    finish
fi

libdir=${1:?usage: check-abi.sh LIBDIR VERSION | check-abi.sh --baseline LIBFILE}
version=${2:?usage: check-abi.sh LIBDIR VERSION}
major=${version%%.*}

real="$libdir/libsecrets.so.$version"
soname="libsecrets.so.$major"

[ -f "$real" ] && [ ! -L "$real" ] && ok "libsecrets.so.$version is a file" || bad "libsecrets.so.$version is a file"
[ "$(readlink "$libdir/$soname" 2>/dev/null)" = "libsecrets.so.$version" ] \
    && ok "$soname -> libsecrets.so.$version" || bad "$soname -> libsecrets.so.$version"
[ "$(readlink "$libdir/libsecrets.so" 2>/dev/null)" = "$soname" ] \
    && ok "libsecrets.so -> $soname" || bad "libsecrets.so -> $soname"
[ -f "$libdir/libsecrets.a" ] && ok "libsecrets.a present" || bad "libsecrets.a present"

got_soname=$(readelf -d "$real" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[ "$got_soname" = "$soname" ] && ok "SONAME $soname" || bad "SONAME is '$got_soname', expected $soname"

# The version nodes the script defines (LIBSECRETS_0.2 { ... };).
nodes=$(sed -n 's/^[[:space:]]*\(LIBSECRETS_[0-9][0-9.]*\)[[:space:]]*{.*/\1/p' "$map")
[ -n "$nodes" ] && ok "abi/libsecrets.map defines $(echo $nodes)" || bad "no LIBSECRETS_* node in $map"

# Defined dynamic symbols as NAME@@NODE (nm -D prints "ADDR TYPE NAME"); the
# version definitions themselves are absolute (type A) symbols named after
# their node.
dyn=$(nm -D --defined-only "$real" 2>/dev/null | awk 'NF >= 3 && $2 != "A" { print $3 }' | sort -u)
defs=$(nm -D --defined-only "$real" 2>/dev/null | awk 'NF >= 3 && $2 == "A" { print $3 }' | sort -u)
exports=$(printf '%s\n' "$dyn" | sed 's/@.*//' | grep . | sort -u)
count=$(printf '%s\n' "$exports" | grep -c . || true)
foreign=$(printf '%s\n' "$exports" | grep -v '^secrets_' | grep . || true)
if [ -z "$foreign" ]; then
    ok "all $count exported symbols are secrets_*"
else
    bad "symbols without the secrets_ prefix are exported: $(echo $foreign)"
fi
unversioned=""
for sym in $dyn; do
    node=${sym#*@@}
    if [ "$node" = "$sym" ] || ! printf '%s\n' "$nodes" | grep -qx "$node"; then
        unversioned="$unversioned $sym"
    fi
done
[ -z "$unversioned" ] && ok "every export has a version node of abi/libsecrets.map" \
    || bad "exports without a version node of the map:$unversioned"
strange_defs=$(printf '%s\n' "$defs" | grep . | grep -vx "$(printf '%s\n' "$nodes")" || true)
[ -z "$strange_defs" ] && ok "no other absolute symbols" || bad "unexpected absolute symbols: $(echo $strange_defs)"
for f in secrets_version secrets_strerror secrets_token_bytes secrets_compare_digest; do
    printf '%s\n' "$exports" | grep -qx "$f" && ok "exports $f" || bad "exports $f"
done
undef_rust=$(nm -D "$real" 2>/dev/null | grep -E ' (_ZN|_R[A-Z]|__rust|__rdl|__rg_)' || true)
[ -z "$undef_rust" ] && ok "no Rust-mangled or allocator symbols in the dynamic table" \
    || bad "Rust symbols in the dynamic table: $(echo $undef_rust)"

# Every exported function is in the archive too. (readelf, not nm: the
# archive's objects also carry LLVM bitcode, which nm hands to an LLVM
# plugin when one is installed, and then lists nothing.)
static_defs=$(readelf -Ws "$libdir/libsecrets.a" 2>/dev/null \
    | awk '$4 == "FUNC" && $5 == "GLOBAL" && $7 != "UND" { print $8 }' | sort -u)
missing=""
for f in $exports; do
    printf '%s\n' "$static_defs" | grep -qx "$f" || missing="$missing $f"
done
[ -z "$missing" ] && ok "libsecrets.a defines all $count functions" || bad "libsecrets.a lacks:$missing"

finish
