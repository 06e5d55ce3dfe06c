"""In-tree PEP 517 build backend for the ``libsecrets`` Python package.

Standard library only (so ``pip install .`` needs nothing from an index):
it compiles the C library with cargo (``cargo rustc --lib --release
--crate-type cdylib``, which applies the release profile's LTO to the
shared library), and writes a wheel holding the pure-Python package
``bindings/python/libsecrets`` with the shared library beside it. Used by
both ``pyproject.toml`` files (repository root and ``bindings/python``).

The wheel is tagged ``py3-none-<platform>``: it runs on any Python 3
(ctypes, no extension module) but only on the platform it was built for.
Set ``CARGO`` to choose the cargo binary; cargo's own variables
(``CARGO_TARGET_DIR``, ``RUSTFLAGS``, ...) apply as usual.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from typing import Dict, List, Optional, Tuple

NAME = "libsecrets"  # distribution and import name (the stdlib owns "secrets")
SUMMARY = "Python's secrets module and what applications build on it, from the libsecrets C library"
REQUIRES_PYTHON = ">=3.8"


def _root() -> str:
    """The repository root: the nearest directory up from the source
    directory pip runs us in that holds Cargo.toml and this package."""
    here = os.path.abspath(os.getcwd())
    while True:
        if os.path.isfile(os.path.join(here, "Cargo.toml")) and os.path.isdir(
            os.path.join(here, "bindings", "python", NAME)
        ):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            raise RuntimeError(
                f"libsecrets: no repository root (Cargo.toml and bindings/python) above {os.getcwd()}; "
                "build from a checkout or from the repository's source distribution"
            )
        here = parent


def _cargo() -> str:
    return os.environ.get("CARGO", "cargo")


def _version(root: str) -> str:
    """The root package's version, as cargo resolves it (workspace
    inheritance included)."""
    out = subprocess.run(
        [_cargo(), "metadata", "--no-deps", "--format-version", "1", "--manifest-path",
         os.path.join(root, "Cargo.toml")],
        check=True, stdout=subprocess.PIPE,
    ).stdout
    manifest = os.path.realpath(os.path.join(root, "Cargo.toml"))
    for package in json.loads(out)["packages"]:
        if os.path.realpath(package["manifest_path"]) == manifest:
            return str(package["version"])
    raise RuntimeError("libsecrets: cargo metadata does not list the root package")


def _build_library(root: str) -> str:
    """Builds the shared library with cargo; returns its path."""
    cmd = [_cargo(), "rustc", "--lib", "--release", "--crate-type", "cdylib",
           "--manifest-path", os.path.join(root, "Cargo.toml"),
           "--message-format", "json-render-diagnostics"]
    print("libsecrets: " + " ".join(cmd), file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, cwd=root)  # diagnostics go to stderr
    if proc.returncode != 0:
        raise RuntimeError(f"libsecrets: cargo failed with exit status {proc.returncode}")
    suffixes = (".so", ".dylib", ".dll")
    manifest = os.path.realpath(os.path.join(root, "Cargo.toml"))
    found = None
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if not line.startswith("{"):
            continue
        msg = json.loads(line)
        if msg.get("reason") != "compiler-artifact":
            continue
        if os.path.realpath(msg.get("manifest_path", "")) != manifest:
            continue  # a dependency (a proc-macro is a .so too)
        for name in msg.get("filenames", []):
            if name.endswith(suffixes):
                found = name
    if not found:
        raise RuntimeError("libsecrets: cargo reported no shared library")
    return found


def _platform_tag() -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", sysconfig.get_platform())


def _metadata(version: str, readme: str) -> str:
    with open(readme, encoding="utf-8") as f:
        description = f.read()
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {NAME}\n"
        f"Version: {version}\n"
        f"Summary: {SUMMARY}\n"
        "License: MIT OR Apache-2.0\n"
        f"Requires-Python: {REQUIRES_PYTHON}\n"
        "Classifier: Programming Language :: Python :: 3\n"
        "Classifier: Topic :: Security :: Cryptography\n"
        "Classifier: Typing :: Typed\n"
        "Description-Content-Type: text/markdown\n"
        "\n" + description
    )


def _dist_info_files(version: str, root: str, tag: str) -> Dict[str, bytes]:
    readme = os.path.join(root, "bindings", "python", "README.md")
    return {
        "METADATA": _metadata(version, readme).encode("utf-8"),
        "WHEEL": (
            "Wheel-Version: 1.0\n"
            "Generator: libsecrets_build\n"
            "Root-Is-Purelib: false\n"
            f"Tag: {tag}\n"
        ).encode("ascii"),
        "top_level.txt": f"{NAME}\n".encode("ascii"),
    }


def _package_files(root: str) -> List[Tuple[str, str]]:
    """(path in the wheel, file on disk) for the Python package."""
    src = os.path.join(root, "bindings", "python", NAME)
    files = []
    for name in sorted(os.listdir(src)):
        if name.endswith((".py", ".pyi")) or name == "py.typed":
            files.append((f"{NAME}/{name}", os.path.join(src, name)))
    return files


def _record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{arcname},sha256={digest},{len(data)}"


# --------------------------------------------------------------------------
# PEP 517 hooks
# --------------------------------------------------------------------------
def get_requires_for_build_wheel(config_settings: Optional[dict] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[dict] = None) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str, config_settings: Optional[dict] = None) -> str:
    root = _root()
    version = _version(root)
    dist_info = f"{NAME}-{version}.dist-info"
    os.makedirs(os.path.join(metadata_directory, dist_info), exist_ok=True)
    for name, data in _dist_info_files(version, root, f"py3-none-{_platform_tag()}").items():
        with open(os.path.join(metadata_directory, dist_info, name), "wb") as f:
            f.write(data)
    return dist_info


def build_wheel(
    wheel_directory: str, config_settings: Optional[dict] = None, metadata_directory: Optional[str] = None
) -> str:
    root = _root()
    version = _version(root)
    library = _build_library(root)
    tag = f"py3-none-{_platform_tag()}"
    wheel_name = f"{NAME}-{version}-{tag}.whl"
    dist_info = f"{NAME}-{version}.dist-info"

    entries: List[Tuple[str, bytes, int]] = []  # (arcname, data, mode)
    for arcname, path in _package_files(root):
        with open(path, "rb") as f:
            entries.append((arcname, f.read(), 0o644))
    with open(library, "rb") as f:
        entries.append((f"{NAME}/{os.path.basename(library)}", f.read(), 0o755))
    for name, data in _dist_info_files(version, root, tag).items():
        entries.append((f"{dist_info}/{name}", data, 0o644))

    record = [_record_line(a, d) for a, d, _ in entries] + [f"{dist_info}/RECORD,,"]
    entries.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode("utf-8"), 0o644))

    os.makedirs(wheel_directory, exist_ok=True)
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as zf:
        for arcname, data, mode in entries:
            info = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return wheel_name


def build_sdist(sdist_directory: str, config_settings: Optional[dict] = None) -> str:
    """A source distribution of the whole repository (the files git tracks):
    the wheel needs the Rust sources. Only from the repository root."""
    root = _root()
    if os.path.realpath(os.getcwd()) != os.path.realpath(root):
        raise RuntimeError("libsecrets: build the source distribution from the repository root")
    version = _version(root)
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, check=True, stdout=subprocess.PIPE
    ).stdout.decode("utf-8").split("\0")
    base = f"{NAME}-{version}"
    readme = os.path.join(root, "bindings", "python", "README.md")
    pkg_info = _metadata(version, readme).encode("utf-8")
    sdist_name = f"{base}.tar.gz"
    os.makedirs(sdist_directory, exist_ok=True)
    with tarfile.open(os.path.join(sdist_directory, sdist_name), "w:gz", format=tarfile.PAX_FORMAT) as tf:
        for rel in sorted(f for f in files if f and os.path.isfile(os.path.join(root, f))):
            tf.add(os.path.join(root, rel), arcname=f"{base}/{rel}", recursive=False)
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(pkg_info)
        info.mode = 0o644
        tf.addfile(info, io.BytesIO(pkg_info))
    return sdist_name
