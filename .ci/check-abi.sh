#!/bin/sh
# ABI hygiene of an installed (or staged) libsecrets, ELF platforms:
#   .ci/check-abi.sh LIBDIR VERSION
# - libsecrets.so -> libsecrets.so.MAJOR -> libsecrets.so.VERSION symlinks
# - SONAME libsecrets.so.MAJOR
# - the dynamic symbol table defines secrets_* symbols only (no Rust-mangled,
#   allocator or std symbols), and at least the core ones
# - libsecrets.a defines every exported function
# Prints one line per check and "abi: N passed, M failed"; exits 1 on failure.
set -u
libdir=${1:?usage: check-abi.sh LIBDIR VERSION}
version=${2:?usage: check-abi.sh LIBDIR VERSION}
major=${version%%.*}
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }

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

# Defined dynamic symbols, names only (nm -D prints "ADDR TYPE NAME").
exports=$(nm -D --defined-only "$real" 2>/dev/null | awk 'NF >= 3 { print $3 }' | sed 's/@.*//' | sort -u)
count=$(printf '%s\n' "$exports" | grep -c . || true)
foreign=$(printf '%s\n' "$exports" | grep -v '^secrets_' | grep . || true)
if [ -z "$foreign" ]; then
    ok "all $count exported symbols are secrets_*"
else
    bad "symbols without the secrets_ prefix are exported: $(echo $foreign)"
fi
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

echo "abi: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
