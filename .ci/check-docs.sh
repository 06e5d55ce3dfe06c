#!/bin/sh
# The API reference: Doxygen over include/secrets.h and include/secrets.hpp
# with every warning an error (docs/Doxyfile.in, WARN_AS_ERROR), the same as
# `cmake --build build --target docs`. Installs doxygen when it is missing
# (Debian, as root). Run from anywhere:
#
#   .ci/check-docs.sh [OUTPUT_DIR]      (default: a temporary directory)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v doxygen >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends doxygen >/dev/null \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
             apt-get install -y -qq --no-install-recommends doxygen >/dev/null; }
fi
out=${1:-}
if [ -z "$out" ]; then
    out=$(mktemp -d "${TMPDIR:-/tmp}/libsecrets-docs.XXXXXX")
    trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
build="$out/cmake"
# The docs target alone: no library build needed.
cmake -S "$root" -B "$build" -DSECRETS_BUILD_TESTS=OFF -DSECRETS_BUILD_CLI=OFF \
    -DSECRETS_BUILD_BENCH=OFF -DSECRETS_BUILD_DEMO=OFF >/dev/null
cmake --build "$build" --target docs
for page in index.html secrets_8h.html secrets_8hpp.html; do
    [ -s "$build/docs/html/$page" ] || { echo "docs: $page was not generated" >&2; exit 1; }
done
functions=$(grep -c 'class="memname"' "$build/docs/html/secrets_8h.html" || true)
echo "docs: API reference generated without warnings ($functions entries in secrets.h)"
