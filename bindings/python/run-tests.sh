#!/usr/bin/env bash
# Tests of the Python package as a user gets it, for the CI entry point:
#   1. builds the wheel once (pip wheel of the repository root: cargo builds
#      the library, the in-tree backend bundles it);
#   2. for each CPython (3.8, 3.11, 3.12 and 3.13 under pyenv, or the
#      interpreters listed in LIBSECRETS_PYTHONS), in a fresh venv with only
#      the wheel, hypothesis and mypy installed, from a directory outside
#      the source tree:
#        - the binding's tests (unittest), the header checks included;
#        - CPython's own test_secrets.py and the SystemRandom tests of
#          test_random.py, from that interpreter's stdlib, against the package;
#        - a Hypothesis fuzz of every public function;
#        - mypy --strict on the package and on typed code using the wheel;
#   3. also installs from bindings/python once, to show that path works.
# A missing interpreter is a failure. Prints which versions ran.
# Usage: bindings/python/run-tests.sh   (FUZZ_EXAMPLES=N per function, default 100)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
examples="${FUZZ_EXAMPLES:-100}"
work="$(mktemp -d "${TMPDIR:-/tmp}/libsecrets-python.XXXXXX")"
trap 'rm -rf "$work"' EXIT
start=$SECONDS

if [[ -n "${LIBSECRETS_PYTHONS:-}" ]]; then
    read -r -a pythons <<<"$LIBSECRETS_PYTHONS"
else
    pythons=()
    pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
    for minor in 3.8 3.11 3.12 3.13; do
        found="$(ls -d "$pyenv_root/versions/$minor".* 2>/dev/null | sort -V | tail -n 1 || true)"
        if [[ -z "$found" || ! -x "$found/bin/python3" ]]; then
            echo "run-tests: CPython $minor not found under $pyenv_root/versions" >&2
            exit 1
        fi
        pythons+=("$found/bin/python3")
    done
fi

echo "== building the wheel"
nice "${pythons[-1]}" -m pip wheel --quiet --disable-pip-version-check --no-deps \
    --wheel-dir "$work/wheelhouse" "$root"
wheel="$(ls "$work"/wheelhouse/libsecrets-*.whl)"
echo "   $(basename "$wheel")"

# Runs a step quietly: its last lines on success, everything on failure.
step() {
    local log="$1" lines="$2"
    shift 2
    if "$@" >"$log" 2>&1; then
        tail -n "$lines" "$log" | sed '/^$/d; s/^/   /'
    else
        cat "$log"
        echo "run-tests: failed: $*" >&2
        return 1
    fi
}

ran=()
first=1
for py in "${pythons[@]}"; do
    version="$("$py" -c 'import platform; print(platform.python_version())')"
    echo "== CPython $version ($py)"
    venv="$work/venv-$version"
    "$py" -m venv "$venv"
    vpy="$venv/bin/python"
    pip=("$vpy" -m pip install --quiet --disable-pip-version-check --no-compile)
    if ((first)); then
        # The other documented route: pip install bindings/python (cargo is warm).
        "${pip[@]}" "$root/bindings/python"
        "$vpy" -m pip uninstall --quiet --yes libsecrets
        first=0
    fi
    "${pip[@]}" "$wheel" hypothesis mypy

    # Outside the source tree: a copy of the tests, so only the installed
    # package can be imported.
    run="$work/run-$version"
    mkdir -p "$run"
    cp -r "$here/tests" "$run/tests"
    (
        cd "$run"
        export LIBSECRETS_HEADER="$root/include/secrets.h" PYTHONDONTWRITEBYTECODE=1
        unset LIBSECRETS_PATH
        "$vpy" - "$venv" <<'PY'
import os, sys, libsecrets
venv = os.path.realpath(sys.argv[1])
for path in (libsecrets.__file__, libsecrets.library_path()):
    assert os.path.realpath(path).startswith(venv + os.sep), f"not from the venv: {path}"
print(f"   libsecrets {libsecrets.__version__} from {os.path.dirname(libsecrets.library_path())}")
PY
        step unit.log 3 "$vpy" -m unittest discover -s tests -t .
        # Its summary (stdout) is shown; the unittest output (stderr) on failure.
        "$vpy" tests/cpython_suites.py 2>cpython.log | sed 's/^/   /' || { cat cpython.log; exit 1; }
        step fuzz.log 3 "$vpy" tests/fuzz_api.py "$examples"
        step mypy.log 1 "$venv/bin/mypy" --strict --no-incremental -p libsecrets
        step mypy-usage.log 1 "$venv/bin/mypy" --strict --no-incremental tests/typing_usage.py
        step usage.log 0 "$vpy" tests/typing_usage.py
    )
    ran+=("$version")
done
echo "python: CPython ${ran[*]} passed (binding tests, CPython test_secrets + SystemRandom tests, fuzz, mypy) in $((SECONDS - start)) s"
