#!/usr/bin/env bash
# Packaging check for libsecrets, run by CI (.ci/run) and by hand:
#
#   .ci/packaging.sh
#
# Configures, builds and installs libsecrets to a temporary prefix, then
# checks what a C, C++, shell or FFI user gets:
#   - the install layout (secrets.h, secrets.hpp, libsecrets.so -> .so.0 ->
#     .so.X.Y.Z, .a, CMake package, pkg-config files, bin/secrets and its man
#     page, licences and docs in share/doc/secrets), also with DESTDIR
#   - the installed libraries stripped (the build tree keeps debug info)
#   - ABI: SONAME, only secrets_* exported, each with a version node
#     (.ci/check-abi.sh), no break against the committed baseline
#     abi/libsecrets.abi (abidiff), the static link interface against what
#     rustc reports today
#   - the header as strict C99/C11 and C++11/C++17; secrets.hpp's tests as
#     C++17/C++20, all against the installed copy
#   - ctests/consumer built and run against the installed copy with
#     find_package (C, and C++ with secrets.hpp), add_subdirectory,
#     pkg-config and plain cc, shared and static
#   - the installed `secrets` tool runs (rpath to the installed library)
#   - the Python ctypes binding's tests against the installed library
#
# Needs cargo, cmake, a C and C++ compiler (CC/CXX, default cc/c++),
# pkg-config, python3, readelf, nm and strip (binutils), and abidiff (Debian:
# abigail-tools, installed here when missing and running as root). Prints
# "packaging: N passed, M failed" last and exits 1 when anything failed.
# PACKAGING_KEEP=1 keeps the scratch directory for inspection.
set -u

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CC=${CC:-cc}
CXX=${CXX:-c++}
work=$(mktemp -d "${TMPDIR:-/tmp}/libsecrets-packaging.XXXXXX")
if [ "${PACKAGING_KEEP:-0}" = 1 ]; then
    echo "packaging: scratch directory $work (kept)"
else
    trap 'rm -rf "$work"' EXIT
fi
build="$work/build"
prefix="$work/prefix"
logs="$work/logs"
mkdir -p "$logs"

passed=0
failed=0
failures=()
n=0

# step NAME COMMAND...: runs the command with its output in a log; shows the
# log's end when it fails.
step() {
    local name=$1
    shift
    n=$((n + 1))
    local log="$logs/$n.log"
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failed=$((failed + 1))
        failures+=("$name")
        echo "FAIL $name"
        tail -n 40 "$log" | sed 's/^/     | /'
    fi
}

# expect_fail NAME COMMAND...: the command must fail (a negative test).
expect_fail() {
    local name=$1
    shift
    step "$name" negate "$@"
}
negate() { ! "$@"; }

finish() {
    echo
    if [ "$failed" -gt 0 ]; then
        printf 'failed: %s\n' "${failures[@]}"
    fi
    echo "packaging: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

# ---- tools -------------------------------------------------------------------
if ! command -v abidiff >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "packaging: installing abigail-tools (abidiff)"
    { apt-get install -y -qq --no-install-recommends abigail-tools ||
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends abigail-tools; }; } \
        >"$logs/apt.log" 2>&1 || tail -n 20 "$logs/apt.log"
fi
missing=""
for tool in cargo cmake "$CC" "$CXX" pkg-config python3 readelf nm abidiff; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    n=$((n + 1)); failed=$((failed + 1)); failures+=("tools present")
    echo "FAIL tools present: missing$missing"
    finish
fi

version=$(sed -n 's/^version *= *"\([0-9][0-9.]*\)".*/\1/p' "$root/Cargo.toml" | head -n 1)
major=${version%%.*}
echo "packaging: libsecrets $version from $root"

# ---- build and install -------------------------------------------------------
step "configure (Release)" cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DSECRETS_BUILD_TESTS=OFF
step "build" cmake --build "$build"
step "demo runs" "$build/demo"
step "install to a temporary prefix" cmake --install "$build" --prefix "$prefix"
if [ "$failed" -gt 0 ]; then finish; fi

libdir_rel=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:[A-Z]*=//p' "$build/CMakeCache.txt")
libdir="$prefix/$libdir_rel"
echo "     (libdir: $libdir_rel)"

# ---- install layout ----------------------------------------------------------
docdir="share/doc/secrets"
layout() {
    local f
    for f in include/secrets.h include/secrets.hpp bin/secrets share/man/man1/secrets.1 \
             "$docdir/LICENSE-MIT" "$docdir/LICENSE-APACHE" "$docdir/NOTICE" \
             "$docdir/README.md" "$docdir/CHANGELOG.md" "$docdir/SECURITY.md" \
             "$libdir_rel/libsecrets.so.$version" "$libdir_rel/libsecrets.so.$major" \
             "$libdir_rel/libsecrets.so" "$libdir_rel/libsecrets.a" \
             "$libdir_rel/cmake/secrets/secretsConfig.cmake" \
             "$libdir_rel/cmake/secrets/secretsConfigVersion.cmake" \
             "$libdir_rel/pkgconfig/secrets.pc" "$libdir_rel/pkgconfig/secrets-static.pc"; do
        [ -e "$prefix/$f" ] || { echo "missing $f"; return 1; }
    done
    cmp "$root/include/secrets.h" "$prefix/include/secrets.h"
}
step "install layout" layout
step "installed header is the committed one" cmp "$root/include/secrets.h" "$prefix/include/secrets.h"
step "installed secrets.hpp is the committed one" cmp "$root/include/secrets.hpp" "$prefix/include/secrets.hpp"
docs_installed() {
    local f
    for f in LICENSE-MIT LICENSE-APACHE NOTICE README.md CHANGELOG.md SECURITY.md; do
        cmp "$root/$f" "$prefix/$docdir/$f" || return 1
    done
    cmp "$root/cli/secrets.1" "$prefix/share/man/man1/secrets.1" &&
        grep -q 'CC BY 3.0' "$prefix/$docdir/NOTICE"
}
step "licences, NOTICE (EFF word list attribution), docs and man page installed" docs_installed

# sections FILE: its section names (readelf -S)
sections() { readelf -SW "$1" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) .*/\1/p'; }
stripped_so() {
    local s
    s=$(sections "$libdir/libsecrets.so.$version")
    echo "$s" | grep -qx '.dynsym' || { echo "no .dynsym"; return 1; }
    ! echo "$s" | grep -Eqx '\.symtab|\.debug_.*' || { echo "not stripped: $(echo $s)"; return 1; }
    # ... while the build tree keeps what abidiff reads.
    sections "$build/lib/libsecrets.so.$version" | grep -qx '.debug_info'
}
step "installed libsecrets.so stripped (build tree keeps debug info)" stripped_so
stripped_a() { ! readelf -SW "$libdir/libsecrets.a" | grep -q '\.debug_info'; }
step "installed libsecrets.a has no debug info" stripped_a
step "installed secrets tool runs (finds the library by rpath)" \
    sh -c 'env -u LD_LIBRARY_PATH "$1/bin/secrets" uuid | grep -Eqx "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"' \
    sh "$prefix"
step "installed secrets tool needs libsecrets.so.$major" \
    sh -c 'readelf -d "$1" | grep -q "NEEDED.*\[libsecrets.so.$2\]"' sh "$prefix/bin/secrets" "$major"

pc_prefix() { # the .pc files name the prefix installed to
    grep -qx "prefix=$prefix" "$libdir/pkgconfig/secrets.pc" &&
        grep -qx "libdir=\${prefix}/$libdir_rel" "$libdir/pkgconfig/secrets.pc"
}
step "secrets.pc names the install prefix and libdir" pc_prefix

destdir_install() {
    local dest="$work/destdir"
    DESTDIR="$dest" cmake --install "$build" --prefix /opt/libsecrets &&
        [ -f "$dest/opt/libsecrets/$libdir_rel/libsecrets.so.$version" ] &&
        [ -L "$dest/opt/libsecrets/$libdir_rel/libsecrets.so.$major" ] &&
        grep -qx 'prefix=/opt/libsecrets' "$dest/opt/libsecrets/$libdir_rel/pkgconfig/secrets.pc"
}
step "DESTDIR install (staged, .pc names the final prefix)" destdir_install

# ---- ABI hygiene -------------------------------------------------------------
step "ABI: SONAME, symlinks, only secrets_* exported, version nodes" \
    sh "$root/.ci/check-abi.sh" "$libdir" "$version"
step "ABI: no break against abi/libsecrets.abi (abidiff)" \
    sh "$root/.ci/check-abi.sh" --baseline "$build/lib/libsecrets.so.$version"

# The static link interface (CMake and pkg-config) must cover every library
# rustc says the archive needs.
native_libs() {
    local out reported listed lib
    out=$(cd "$root" && CARGO_TARGET_DIR="$work/native-libs-target" \
        cargo rustc --release --lib --crate-type staticlib -- --print native-static-libs 2>&1) || {
        echo "$out"; return 1; }
    reported=$(printf '%s\n' "$out" | sed -n 's/.*native-static-libs: //p' | tr ' ' '\n' | sed -n 's/^-l//p' | sort -u)
    [ -n "$reported" ] || { echo "rustc printed no native-static-libs:"; echo "$out"; return 1; }
    listed=$(sed -n 's/^Libs.private: //p' "$libdir/pkgconfig/secrets.pc" | tr ' ' '\n' | sed -n 's/^-l//p' | sort -u)
    echo "rustc: $(echo $reported)"
    echo "listed: $(echo $listed)"
    for lib in $reported; do
        printf '%s\n' "$listed" | grep -qx "$lib" || { echo "not listed: -l$lib"; return 1; }
    done
}
step "static link interface covers rustc's native-static-libs" native_libs

# ---- the header, strict --------------------------------------------------------
hdr_src="$work/header_check.c"
cp "$root/ctests/header/header_check.c" "$hdr_src"
for std in c99 c11; do
    step "header as strict $std ($CC -std=$std -Wall -Wextra -Wpedantic -Werror)" \
        "$CC" -std=$std -Wall -Wextra -Wpedantic -Werror -I"$prefix/include" "$hdr_src" \
        -o "$work/header_$std" -L"$libdir" -lsecrets -Wl,-rpath,"$libdir"
    step "header_check $std runs" "$work/header_$std"
done
for std in c++11 c++17; do
    step "header as strict $std ($CXX -std=$std -Wall -Wextra -Wpedantic -Werror)" \
        "$CXX" -std=$std -Wall -Wextra -Wpedantic -Werror -I"$prefix/include" \
        "$root/ctests/cpp/test_cpp.cpp" -o "$work/cpp_$std" -L"$libdir" -lsecrets -Wl,-rpath,"$libdir"
    step "test_cpp $std runs" "$work/cpp_$std"
done
for std in c++17 c++20; do
    step "secrets.hpp tests as strict $std ($CXX -std=$std -Wall -Wextra -Wpedantic -Werror)" \
        "$CXX" -std=$std -Wall -Wextra -Wpedantic -Werror -I"$prefix/include" \
        "$root/ctests/cpp/test_hpp.cpp" -o "$work/hpp_$std" -L"$libdir" -lsecrets -Wl,-rpath,"$libdir"
    step "test_hpp $std runs" "$work/hpp_$std"
done

# ---- consumers ---------------------------------------------------------------
consumer_src="$root/ctests/consumer"

# needs EXE: its NEEDED entries (readelf -d)
needs() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
# links_shared EXE: needs libsecrets.so.MAJOR by its SONAME
links_shared() { needs "$1" | grep -qx "libsecrets.so.$major"; }
# links_static EXE: does not need libsecrets at run time
links_static() { ! needs "$1" | grep -q libsecrets; }
# run_clean EXE: runs with no LD_LIBRARY_PATH (rpath or static must suffice)
run_clean() { env -u LD_LIBRARY_PATH "$1"; }

# 1. CMake, find_package() against the installed copy
cm="$work/consumer-find-package"
step "consumer: find_package configure" cmake -S "$consumer_src" -B "$cm" \
    -DCMAKE_PREFIX_PATH="$prefix"
step "consumer: find_package build" cmake --build "$cm"
step "consumer: find_package shared runs (rpath)" run_clean "$cm/consumer"
step "consumer: find_package shared needs libsecrets.so.$major" links_shared "$cm/consumer"
step "consumer: find_package static runs" run_clean "$cm/consumer_static"
step "consumer: find_package static needs no libsecrets.so" links_static "$cm/consumer_static"
cx="$work/consumer-cxx"
step "consumer: find_package C++ (secrets.hpp) configure" cmake -S "$consumer_src" -B "$cx" \
    -DCMAKE_PREFIX_PATH="$prefix" -DSECRETS_CONSUMER_CXX=ON
step "consumer: find_package C++ build (C++17 from the target)" cmake --build "$cx"
step "consumer: find_package C++ shared runs" run_clean "$cx/consumer_cxx"
step "consumer: find_package C++ static runs" run_clean "$cx/consumer_cxx_static"
# A C project must not need a C++ compiler for the targets' cxx_std_17.
c_only() {
    local d="$work/consumer-no-cxx"
    CXX=/nonexistent/c++ cmake -S "$consumer_src" -B "$d" -DCMAKE_PREFIX_PATH="$prefix" &&
        CXX=/nonexistent/c++ cmake --build "$d" && run_clean "$d/consumer" &&
        ! grep -q '^CMAKE_CXX_COMPILER' "$d/CMakeCache.txt"
}
step "consumer: the C project builds with no C++ compiler (CXX=/nonexistent)" c_only
expect_fail "consumer: find_package refuses version $((major + 1)).0" \
    cmake -S "$consumer_src" -B "$work/consumer-wrong-version" -DCMAKE_PREFIX_PATH="$prefix" \
    -DSECRETS_REQUIRED_VERSION=$((major + 1)).0

# 2. CMake, add_subdirectory() of the source tree
cs="$work/consumer-subdirectory"
step "consumer: add_subdirectory configure" cmake -S "$consumer_src" -B "$cs" \
    -DSECRETS_SOURCE_DIR="$root"
step "consumer: add_subdirectory build" cmake --build "$cs"
step "consumer: add_subdirectory shared runs" run_clean "$cs/consumer"
step "consumer: add_subdirectory static runs" run_clean "$cs/consumer_static"
step "consumer: add_subdirectory static needs no libsecrets.so" links_static "$cs/consumer_static"

# 3. pkg-config
export PKG_CONFIG_PATH="$libdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
pc_static_libs() {
    local flags lib
    flags=" $(pkg-config --static --libs secrets) "
    echo "pkg-config --static --libs secrets:$flags"
    for lib in $(sed -n 's/^Libs.private: //p' "$libdir/pkgconfig/secrets.pc"); do
        case "$flags" in *" $lib "*) ;; *) echo "missing $lib"; return 1 ;; esac
    done
}
step "pkg-config: version is $version" test "$(pkg-config --modversion secrets)" = "$version"
step "pkg-config --static adds Libs.private" pc_static_libs
# shellcheck disable=SC2046 # word splitting of pkg-config output is intended
step "consumer: pkg-config shared build" "$CC" "$consumer_src/main.c" -o "$work/pc-shared" \
    $(pkg-config --cflags --libs secrets) -Wl,-rpath,"$(pkg-config --variable=libdir secrets)"
step "consumer: pkg-config shared runs" run_clean "$work/pc-shared"
step "consumer: pkg-config shared needs libsecrets.so.$major" links_shared "$work/pc-shared"
# shellcheck disable=SC2046
step "consumer: pkg-config static build (secrets-static)" "$CC" "$consumer_src/main.c" \
    -o "$work/pc-static" $(pkg-config --cflags --libs secrets-static)
step "consumer: pkg-config static runs" run_clean "$work/pc-static"
step "consumer: pkg-config static needs no libsecrets.so" links_static "$work/pc-static"

# 4. plain cc, as the README shows, with the one list of system libraries
native_ldflags=$(sed 's/[^ ][^ ]*/-l&/g' "$root/cmake/native-static-libs.txt")
# shellcheck disable=SC2046
step "consumer: cc -lsecrets build" "$CC" "$consumer_src/main.c" -o "$work/cc-shared" \
    -I"$prefix/include" -L"$libdir" -lsecrets
step "consumer: cc -lsecrets runs (LD_LIBRARY_PATH)" env LD_LIBRARY_PATH="$libdir" "$work/cc-shared"
expect_fail "consumer: cc -lsecrets without LD_LIBRARY_PATH or rpath does not find it" \
    run_clean "$work/cc-shared"
step "consumer: cc libsecrets.a build" "$CC" "$consumer_src/main.c" -o "$work/cc-static" \
    -I"$prefix/include" "$libdir/libsecrets.a" $native_ldflags
step "consumer: cc libsecrets.a runs" run_clean "$work/cc-static"
step "consumer: cc libsecrets.a needs no libsecrets.so" links_static "$work/cc-static"
step "consumer: c++ links libsecrets.a" "$CXX" -std=c++17 -Wall -Wextra -Wpedantic -Werror \
    -I"$prefix/include" "$root/ctests/cpp/test_cpp.cpp" -o "$work/cpp-static" \
    "$libdir/libsecrets.a" $native_ldflags
step "consumer: c++ static runs" run_clean "$work/cpp-static"

# ---- Python binding ----------------------------------------------------------
step "python binding tests (installed library)" env LIBSECRETS_PATH="$libdir/libsecrets.so.$major" \
    PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s "$root/bindings/python/tests" \
    -t "$root/bindings/python"

# ---- another libdir (lib64 / lib/<multiarch>) stays consistent ------------------
# The CMake package and the .pc files must follow CMAKE_INSTALL_LIBDIR.
# (secrets_DIR: Debian's CMake does not search lib64 by itself.)
other_libdir() {
    local p2="$work/prefix-lib64" c2="$work/consumer-lib64"
    cmake -S "$root" -B "$build" -DCMAKE_INSTALL_LIBDIR=lib64 &&
        cmake --build "$build" &&
        cmake --install "$build" --prefix "$p2" &&
        [ ! -e "$p2/lib" ] &&
        sh "$root/.ci/check-abi.sh" "$p2/lib64" "$version" &&
        cmake -S "$consumer_src" -B "$c2" -Dsecrets_DIR="$p2/lib64/cmake/secrets" &&
        cmake --build "$c2" && run_clean "$c2/consumer" && run_clean "$c2/consumer_static" &&
        PKG_CONFIG_PATH="$p2/lib64/pkgconfig" pkg-config --libs secrets | grep -q -- "-L$p2/lib64 " &&
        "$CC" "$consumer_src/main.c" -o "$work/pc-lib64" \
            $(PKG_CONFIG_PATH="$p2/lib64/pkgconfig" pkg-config --cflags --libs secrets-static) &&
        run_clean "$work/pc-lib64"
}
step "CMAKE_INSTALL_LIBDIR=lib64: package, .pc and consumers follow it" other_libdir

finish
