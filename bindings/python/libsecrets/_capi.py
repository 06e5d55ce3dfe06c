"""The C boundary: finding and loading the shared library, the C prototypes,
status values and constants, and the status-to-exception mapping.

Every fact here is written once and checked against ``include/secrets.h`` by
``tests/test_header.py``: the status enum, each ``SECRETS_*`` constant the
binding uses, and every exported function's prototype (restype and
argtypes). All exported functions are required: a library that lacks one
fails at import, naming what is missing.

Rules for the callers (``__init__.py``):
  * The library never allocates and never keeps a pointer after a call
    returns: Python owns every buffer, which need only live for the call.
  * Outputs come first; text outputs are NUL-terminated and their size
    counts the NUL. ``const char *`` results are static text: copy, never free.
  * ctypes wraps out-of-range ints silently (-1 becomes 2**64-1), so every
    integer is range-checked before a call; ``c_char_p`` stops at the first
    NUL, so text with an embedded NUL is refused, not truncated.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import enum
import os
import sys
from ctypes import (
    POINTER,
    c_bool,
    c_char_p,
    c_double,
    c_int32,
    c_int64,
    c_size_t,
    c_uint8,
    c_uint32,
    c_uint64,
    c_void_p,
)
from typing import Any, Callable, Dict, List, Optional, Tuple, Type

SIZE_MAX = ctypes.c_size_t(-1).value
PTRDIFF_MAX = SIZE_MAX >> 1
U32_MAX = (1 << 32) - 1
U64_MAX = (1 << 64) - 1
I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1


class Status(enum.IntEnum):
    """``secrets_status``: the result of every fallible C call."""

    OK = 0
    ERR_NULL_POINTER = 1
    ERR_BUFFER_TOO_SMALL = 2
    ERR_INVALID_ARGUMENT = 3
    ERR_ENTROPY = 4
    ERR_MISMATCH = 5
    ERR_EXPIRED = 6
    ERR_MALFORMED = 7
    ERR_INTERNAL = 8


# The header's object-like ``SECRETS_*`` macros this binding relies on
# (name without the prefix -> value).
CONSTANTS: Dict[str, int] = {
    "DEFAULT_ENTROPY": 32,
    "LOWER": 0x01,
    "UPPER": 0x02,
    "DIGITS": 0x04,
    "SYMBOLS": 0x08,
    "SAFE_SYMBOLS": 0x10,
    "NO_AMBIGUOUS": 0x20,
    "EACH_CLASS": 0x40,
    "PASSWORD_DEFAULT": 0x01 | 0x02 | 0x04 | 0x08 | 0x40,
    "OTP_SHA1": 1,
    "OTP_SHA256": 2,
    "OTP_SHA512": 3,
    "HMAC_SHA256_BYTES": 32,
    "HMAC_SHA256_HEX_SIZE": 65,
    "CSRF_TOKEN_SIZE": 77,
    "HOTP_CODE_SIZE": 11,
    "UUID_SIZE": 37,
    "OTP_CODE_MAX_LEN": 64,
    "VERSION_MAJOR": 0,
    "VERSION_MINOR": 2,
    "VERSION_PATCH": 0,
    "VERSION_NUM": (0 << 16) | (2 << 8) | 0,
}


# --------------------------------------------------------------------------
# Exceptions: one base class; each failing status has its subclass, which is
# also the built-in exception Python code expects for that kind of failure.
# --------------------------------------------------------------------------
class SecretsError(Exception):
    """A libsecrets call failed. ``status`` is the C status value (``None``
    when the binding refused the arguments before calling C)."""

    status: Optional[int] = None


class NullPointerError(SecretsError, ValueError):
    status = Status.ERR_NULL_POINTER


class BufferTooSmallError(SecretsError, ValueError):
    status = Status.ERR_BUFFER_TOO_SMALL


class InvalidArgumentError(SecretsError, ValueError):
    status = Status.ERR_INVALID_ARGUMENT


class EntropyError(SecretsError, OSError):
    status = Status.ERR_ENTROPY


class MismatchError(SecretsError):
    status = Status.ERR_MISMATCH


class ExpiredError(SecretsError):
    status = Status.ERR_EXPIRED


class MalformedError(SecretsError, ValueError):
    status = Status.ERR_MALFORMED


class InternalError(SecretsError, RuntimeError):
    """A defect inside the library was caught (never the caller's fault):
    please report it."""

    status = Status.ERR_INTERNAL


ERRORS: Dict[int, Type[SecretsError]] = {
    cls.status: cls
    for cls in (
        NullPointerError,
        BufferTooSmallError,
        InvalidArgumentError,
        EntropyError,
        MismatchError,
        ExpiredError,
        MalformedError,
        InternalError,
    )
}


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------
if sys.platform == "darwin":
    NAMES: Tuple[str, ...] = ("libsecrets.dylib", "libsecrets.0.dylib")
elif sys.platform == "win32":
    NAMES = ("secrets.dll",)
else:
    NAMES = ("libsecrets.so", "libsecrets.so.0")

_HERE = os.path.dirname(os.path.abspath(__file__))


def candidates() -> List[str]:
    """Where the library is looked for, first match wins:

    1. ``LIBSECRETS_PATH`` (a file, or a directory holding it): when set,
       nothing else is tried;
    2. the copy bundled in this package (an installed wheel);
    3. in a source checkout, its build trees (``target/release``,
       ``build/lib``, ``target/debug``);
    4. the system (``ctypes.util.find_library("secrets")``)."""
    explicit = os.environ.get("LIBSECRETS_PATH")
    if explicit:
        if os.path.isdir(explicit):
            return [os.path.join(explicit, n) for n in NAMES]
        return [explicit]
    found = [p for p in (os.path.join(_HERE, n) for n in NAMES) if os.path.exists(p)]
    root = os.path.dirname(os.path.dirname(os.path.dirname(_HERE)))
    if os.path.exists(os.path.join(root, "Cargo.toml")):
        for sub in (("target", "release"), ("build", "lib"), ("target", "debug")):
            for name in NAMES:
                path = os.path.join(root, *sub, name)
                if os.path.exists(path):
                    found.append(path)
    system = ctypes.util.find_library("secrets")
    if system:
        found.append(system)
    return found


def load() -> Tuple[ctypes.CDLL, str]:
    tried = []
    for path in candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append(f"{path}: {e}")
    raise ImportError(
        "libsecrets: cannot load the C library (install the package with pip, "
        "or set LIBSECRETS_PATH to libsecrets.so). Tried: " + ("; ".join(tried) or "nothing found")
    )


lib, path = load()


def strerror(status: int) -> str:
    """The library's English text for a status value (any int32 is defined)."""
    text: bytes = lib.secrets_strerror(status)  # static text: copied, never freed
    return text.decode("ascii")


def raise_for_status(status: int, func: Any, _args: Any) -> int:
    """ctypes errcheck: a failing status becomes its exception, carrying the
    library's message."""
    if status != Status.OK:
        cls = ERRORS.get(status, SecretsError)
        err = cls(f"{func.__name__}: {strerror(status)}")
        err.status = status
        raise err
    return status


# --------------------------------------------------------------------------
# Prototypes. Declaring argtypes/restype for every function is what makes
# ctypes pass size_t and uint64_t at full width (undeclared, it passes C int).
# Byte inputs are c_void_p (bytes and writable buffers pass without a copy);
# byte outputs are POINTER(c_uint8) arrays owned by Python.
# --------------------------------------------------------------------------
STATUS = c_int32
U8P = POINTER(c_uint8)

PROTOTYPES: Dict[str, Tuple[Any, List[Any]]] = {
    # core randomness
    "secrets_token_bytes": (STATUS, [U8P, c_size_t]),
    "secrets_token_hex": (STATUS, [c_char_p, c_size_t, c_size_t]),
    "secrets_token_hex_size": (c_size_t, [c_size_t]),
    "secrets_token_urlsafe": (STATUS, [c_char_p, c_size_t, c_size_t]),
    "secrets_token_urlsafe_size": (c_size_t, [c_size_t]),
    "secrets_randbelow": (STATUS, [POINTER(c_uint64), c_uint64]),
    "secrets_randbits": (STATUS, [POINTER(c_uint64), c_uint32]),
    "secrets_randrange": (STATUS, [POINTER(c_int64), c_int64, c_int64, c_int64]),
    "secrets_choice": (STATUS, [U8P, c_void_p, c_size_t]),
    "secrets_shuffle": (STATUS, [c_void_p, c_size_t, c_size_t]),
    "secrets_sample": (STATUS, [POINTER(c_size_t), c_size_t, c_size_t]),
    "secrets_random_double": (STATUS, [POINTER(c_double)]),
    "secrets_uniform": (STATUS, [POINTER(c_double), c_double, c_double]),
    "secrets_compare_digest": (c_bool, [c_void_p, c_size_t, c_void_p, c_size_t]),
    "secrets_memzero": (None, [c_void_p, c_size_t]),
    "secrets_strerror": (c_char_p, [c_int32]),
    "secrets_version": (c_char_p, []),
    # human-facing secrets
    "secrets_password": (STATUS, [c_char_p, c_size_t, c_size_t, c_uint32]),
    "secrets_password_custom": (STATUS, [c_char_p, c_size_t, c_size_t, c_char_p]),
    "secrets_password_entropy_bits": (c_double, [c_size_t, c_uint32]),
    "secrets_passphrase": (STATUS, [c_char_p, c_size_t, c_size_t, c_char_p]),
    "secrets_passphrase_size": (c_size_t, [c_size_t, c_char_p]),
    "secrets_passphrase_custom": (
        STATUS,
        [c_char_p, c_size_t, c_size_t, POINTER(c_char_p), c_size_t, c_char_p],
    ),
    "secrets_passphrase_custom_size": (c_size_t, [c_size_t, POINTER(c_char_p), c_size_t, c_char_p]),
    "secrets_otp_numeric": (STATUS, [c_char_p, c_size_t, c_size_t]),
    "secrets_otp_alphanumeric": (STATUS, [c_char_p, c_size_t, c_size_t]),
    "secrets_api_key": (STATUS, [c_char_p, c_size_t, c_char_p, c_size_t]),
    "secrets_api_key_size": (c_size_t, [c_char_p, c_size_t]),
    "secrets_api_key_checksummed": (STATUS, [c_char_p, c_size_t, c_char_p]),
    "secrets_api_key_checksummed_size": (c_size_t, [c_char_p]),
    "secrets_api_key_check": (STATUS, [c_char_p]),
    "secrets_api_key_check_prefix": (STATUS, [c_char_p, c_char_p]),
    "secrets_uuid4": (STATUS, [c_char_p, c_size_t]),
    "secrets_entropy_bits": (c_double, [c_size_t, c_size_t]),
    # authentication
    "secrets_hmac_sha256": (STATUS, [U8P, c_void_p, c_size_t, c_void_p, c_size_t]),
    "secrets_hmac_sha256_hex": (
        STATUS,
        [c_char_p, c_size_t, c_void_p, c_size_t, c_void_p, c_size_t],
    ),
    "secrets_hmac_sha256_verify": (
        STATUS,
        [c_void_p, c_size_t, c_void_p, c_size_t, c_void_p, c_size_t],
    ),
    "secrets_csrf_token": (STATUS, [c_char_p, c_size_t, c_void_p, c_size_t, c_char_p, c_uint64]),
    "secrets_csrf_verify": (STATUS, [c_char_p, c_void_p, c_size_t, c_char_p, c_uint64, c_uint64]),
    "secrets_hotp": (
        STATUS,
        [c_char_p, c_size_t, c_void_p, c_size_t, c_uint64, c_uint32, c_uint32],
    ),
    "secrets_totp": (
        STATUS,
        [c_char_p, c_size_t, c_void_p, c_size_t, c_uint64, c_uint32, c_uint32, c_uint32],
    ),
    "secrets_hotp_verify": (
        STATUS,
        [POINTER(c_uint64), c_char_p, c_void_p, c_size_t, c_uint64, c_uint32, c_uint32, c_uint32],
    ),
    "secrets_totp_verify": (
        STATUS,
        [POINTER(c_uint64), c_char_p, c_void_p, c_size_t, c_uint64, c_uint32, c_uint32, c_uint32, c_uint32],
    ),
    "secrets_base32_encode": (STATUS, [c_char_p, c_size_t, c_void_p, c_size_t]),
    "secrets_base32_encode_size": (c_size_t, [c_size_t]),
    "secrets_base32_decode": (STATUS, [U8P, c_size_t, POINTER(c_size_t), c_char_p]),
    "secrets_base32_decode_size": (c_size_t, [c_size_t]),
    "secrets_otpauth_uri": (
        STATUS,
        [c_char_p, c_size_t, c_char_p, c_char_p, c_void_p, c_size_t, c_uint32, c_uint32, c_uint32],
    ),
    "secrets_otpauth_uri_hotp": (
        STATUS,
        [c_char_p, c_size_t, c_char_p, c_char_p, c_void_p, c_size_t, c_uint64, c_uint32, c_uint32],
    ),
    "secrets_otpauth_uri_size": (c_size_t, [c_char_p, c_char_p, c_size_t]),
}


def bind() -> Dict[str, Callable[..., Any]]:
    """Every prototype bound to its export; a missing export is an ImportError."""
    missing = [name for name in PROTOTYPES if not hasattr(lib, name)]
    if missing:
        raise ImportError(
            f"libsecrets: the library at {path} lacks {', '.join(missing)}; "
            "it is older than this binding"
        )
    bound = {}
    for name, (restype, argtypes) in PROTOTYPES.items():
        func = getattr(lib, name)
        func.restype = restype
        func.argtypes = argtypes
        if restype is STATUS:
            func.errcheck = raise_for_status
        bound[name[len("secrets_") :]] = func
    return bound


c = bind()
