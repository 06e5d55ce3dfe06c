"""libsecrets for Python: a ctypes binding, standard library only.

Drop-in for the names of Python's ``secrets`` module, backed by the C
library (``import libsecrets as secrets``)::

    import libsecrets
    libsecrets.token_urlsafe(16)      # 'Drmhze6EPcv0fN_81Bj-nA'
    libsecrets.randbelow(6)           # 0..5
    libsecrets.compare_digest(a, b)

plus ``randrange``, ``shuffle``, ``sample``, ``random``, ``uniform`` and
``memzero``, and, when the loaded library has them, the generators
applications build on it: ``password``, ``passphrase``, ``otp_numeric``,
``api_key``, ``uuid4``, ``hmac_sha256``, ``csrf_token``, ``hotp``/``totp``,
``base32_encode`` ... (``available()`` lists what this library offers).

Errors: every failing status raises a ``SecretsError`` subclass:
``InvalidArgumentError`` and ``MalformedError`` are also ``ValueError``s,
``EntropyError`` is also an ``OSError``; ``MismatchError``, ``ExpiredError``.
Where Python's ``secrets`` raises something else (``IndexError`` for an
empty ``choice``), this module does the same.

Finding the library, first match wins:
  1. ``LIBSECRETS_PATH``: the shared library file, or a directory holding it
     (when set, nothing else is tried);
  2. the repository's build trees next to this file: ``build/lib``,
     ``target/release``, ``target/debug``;
  3. the system: ``ctypes.util.find_library("secrets")``.

How a binding talks to libsecrets (the rules the comments below point at):
  * The library never allocates and never keeps a pointer after a call
    returns: Python owns every buffer, and a buffer passed in need only live
    for the duration of the call. Nothing is ever freed by the caller.
  * Outputs come first: the caller allocates ``out`` and passes its size;
    text outputs are NUL-terminated and the size counts the NUL. Size the
    buffer with the library's ``secrets_*_size`` helpers where they exist.
  * ``const char *`` results (``secrets_version``, ``secrets_strerror``)
    point to static text: copy, never free.
  * ctypes converts Python ints to ``size_t``/``uint64_t`` by wrapping
    silently (-1 becomes 2**64-1), so every count is range-checked here
    before the call; ``c_char_p`` stops at the first NUL, so text inputs
    with an embedded NUL are refused rather than silently truncated.
"""

import ctypes
import ctypes.util
import operator
import os
import sys
import time
from ctypes import (
    POINTER,
    byref,
    c_bool,
    c_char,
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

__all__ = [
    "DEFAULT_ENTROPY",
    "SecretsError",
    "NullPointerError",
    "BufferTooSmallError",
    "InvalidArgumentError",
    "EntropyError",
    "MismatchError",
    "ExpiredError",
    "MalformedError",
    "token_bytes",
    "token_hex",
    "token_urlsafe",
    "randbelow",
    "randbits",
    "randrange",
    "choice",
    "shuffle",
    "sample",
    "random",
    "uniform",
    "compare_digest",
    "memzero",
    "strerror",
    "version",
    "available",
    "library_path",
]

DEFAULT_ENTROPY = 32

# Status values: fixed forever by the C API.
OK = 0
ERR_NULL_POINTER = 1
ERR_BUFFER_TOO_SMALL = 2
ERR_INVALID_ARGUMENT = 3
ERR_ENTROPY = 4
ERR_MISMATCH = 5
ERR_EXPIRED = 6
ERR_MALFORMED = 7

# Password policy flags and OTP algorithms (fixed by the C API).
LOWER = 0x01
UPPER = 0x02
DIGITS = 0x04
SYMBOLS = 0x08
SAFE_SYMBOLS = 0x10
NO_AMBIGUOUS = 0x20
EACH_CLASS = 0x40
PASSWORD_DEFAULT = LOWER | UPPER | DIGITS | SYMBOLS | EACH_CLASS
OTP_SHA1 = 1
OTP_SHA256 = 2
OTP_SHA512 = 3

_SIZE_MAX = ctypes.c_size_t(-1).value
_PTRDIFF_MAX = _SIZE_MAX >> 1
_U64_MAX = (1 << 64) - 1
_I64_MIN, _I64_MAX = -(1 << 63), (1 << 63) - 1


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------
class SecretsError(Exception):
    """A libsecrets call failed; ``status`` is the C status value."""

    status = None


class NullPointerError(SecretsError):
    status = ERR_NULL_POINTER


class BufferTooSmallError(SecretsError):
    status = ERR_BUFFER_TOO_SMALL


class InvalidArgumentError(SecretsError, ValueError):
    status = ERR_INVALID_ARGUMENT


class EntropyError(SecretsError, OSError):
    status = ERR_ENTROPY


class MismatchError(SecretsError):
    status = ERR_MISMATCH


class ExpiredError(SecretsError):
    status = ERR_EXPIRED


class MalformedError(SecretsError, ValueError):
    status = ERR_MALFORMED

_ERRORS = {
    cls.status: cls
    for cls in (
        NullPointerError,
        BufferTooSmallError,
        InvalidArgumentError,
        EntropyError,
        MismatchError,
        ExpiredError,
        MalformedError,
    )
}


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------
if sys.platform == "darwin":
    _NAMES = ("libsecrets.0.dylib", "libsecrets.dylib")
elif sys.platform == "win32":
    _NAMES = ("secrets.dll",)
else:
    _NAMES = ("libsecrets.so.0", "libsecrets.so")


def _candidates():
    explicit = os.environ.get("LIBSECRETS_PATH")
    if explicit:
        if os.path.isdir(explicit):
            return [os.path.join(explicit, n) for n in _NAMES]
        return [explicit]
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    found = []
    for sub in (("build", "lib"), ("target", "release"), ("target", "debug")):
        for name in _NAMES:
            path = os.path.join(repo, *sub, name)
            if os.path.exists(path):
                found.append(path)
    system = ctypes.util.find_library("secrets")
    if system:
        found.append(system)
    return found


def _load():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append(f"{path}: {e}")
    raise ImportError(
        "libsecrets: cannot load the C library; set LIBSECRETS_PATH to libsecrets.so "
        "(or build it: cmake -S . -B build && cmake --build build). Tried: "
        + ("; ".join(tried) or "nothing found")
    )


_lib, _path = _load()


def library_path():
    """The file the C library was loaded from."""
    return _path


# --------------------------------------------------------------------------
# Prototypes. Declaring argtypes/restype for every function is what makes
# ctypes pass size_t and uint64_t at full width (undeclared, it passes C int).
# --------------------------------------------------------------------------
def _raise_for_status(status, func, _args):
    """ctypes errcheck: turns a failing secrets_status into an exception."""
    if status != OK:
        cls = _ERRORS.get(status, SecretsError)
        err = cls(f"{func.__name__}: {strerror(status)}")
        err.status = status
        raise err
    return status


_STATUS = c_int32
_U8P = POINTER(c_uint8)

_PROTOTYPES = {
    # core randomness (always present)
    "secrets_token_bytes": (_STATUS, [c_void_p, c_size_t]),
    "secrets_token_hex": (_STATUS, [c_char_p, c_size_t, c_size_t]),
    "secrets_token_hex_size": (c_size_t, [c_size_t]),
    "secrets_token_urlsafe": (_STATUS, [c_char_p, c_size_t, c_size_t]),
    "secrets_token_urlsafe_size": (c_size_t, [c_size_t]),
    "secrets_randbelow": (_STATUS, [POINTER(c_uint64), c_uint64]),
    "secrets_randbits": (_STATUS, [POINTER(c_uint64), c_uint32]),
    "secrets_randrange": (_STATUS, [POINTER(c_int64), c_int64, c_int64, c_int64]),
    "secrets_choice": (_STATUS, [_U8P, c_void_p, c_size_t]),
    "secrets_shuffle": (_STATUS, [c_void_p, c_size_t, c_size_t]),
    "secrets_sample": (_STATUS, [POINTER(c_size_t), c_size_t, c_size_t]),
    "secrets_random_double": (_STATUS, [POINTER(c_double)]),
    "secrets_uniform": (_STATUS, [POINTER(c_double), c_double, c_double]),
    "secrets_compare_digest": (c_bool, [c_void_p, c_size_t, c_void_p, c_size_t]),
    "secrets_memzero": (None, [c_void_p, c_size_t]),
    "secrets_strerror": (c_char_p, [c_int32]),
    "secrets_version": (c_char_p, []),
    # human-facing secrets (when the library has them)
    "secrets_password": (_STATUS, [c_char_p, c_size_t, c_size_t, c_uint32]),
    "secrets_password_custom": (_STATUS, [c_char_p, c_size_t, c_size_t, c_char_p]),
    "secrets_password_entropy_bits": (c_double, [c_size_t, c_uint32]),
    "secrets_passphrase": (_STATUS, [c_char_p, c_size_t, c_size_t, c_char_p]),
    "secrets_passphrase_size": (c_size_t, [c_size_t, c_char_p]),
    "secrets_passphrase_custom": (
        _STATUS,
        [c_char_p, c_size_t, c_size_t, POINTER(c_char_p), c_size_t, c_char_p],
    ),
    "secrets_otp_numeric": (_STATUS, [c_char_p, c_size_t, c_size_t]),
    "secrets_otp_alphanumeric": (_STATUS, [c_char_p, c_size_t, c_size_t]),
    "secrets_api_key": (_STATUS, [c_char_p, c_size_t, c_char_p, c_size_t]),
    "secrets_api_key_size": (c_size_t, [c_char_p, c_size_t]),
    "secrets_api_key_checksummed": (_STATUS, [c_char_p, c_size_t, c_char_p]),
    "secrets_api_key_checksummed_size": (c_size_t, [c_char_p]),
    "secrets_api_key_check": (_STATUS, [c_char_p]),
    "secrets_uuid4": (_STATUS, [c_char_p, c_size_t]),
    "secrets_entropy_bits": (c_double, [c_size_t, c_size_t]),
    # authentication (when the library has them)
    "secrets_hmac_sha256": (_STATUS, [_U8P, c_void_p, c_size_t, c_void_p, c_size_t]),
    "secrets_hmac_sha256_hex": (
        _STATUS,
        [c_char_p, c_size_t, c_void_p, c_size_t, c_void_p, c_size_t],
    ),
    "secrets_hmac_sha256_verify": (
        _STATUS,
        [c_void_p, c_size_t, c_void_p, c_size_t, c_void_p, c_size_t],
    ),
    "secrets_csrf_token": (_STATUS, [c_char_p, c_size_t, c_void_p, c_size_t, c_char_p, c_uint64]),
    "secrets_csrf_verify": (
        _STATUS,
        [c_char_p, c_void_p, c_size_t, c_char_p, c_uint64, c_uint64],
    ),
    "secrets_hotp": (_STATUS, [c_char_p, c_size_t, c_void_p, c_size_t, c_uint64, c_uint32, c_uint32]),
    "secrets_totp": (
        _STATUS,
        [c_char_p, c_size_t, c_void_p, c_size_t, c_uint64, c_uint32, c_uint32, c_uint32],
    ),
    "secrets_totp_verify": (
        _STATUS,
        [
            POINTER(c_uint64),
            c_char_p,
            c_void_p,
            c_size_t,
            c_uint64,
            c_uint32,
            c_uint32,
            c_uint32,
            c_uint32,
        ],
    ),
    "secrets_base32_encode": (_STATUS, [c_char_p, c_size_t, c_void_p, c_size_t]),
    "secrets_base32_encode_size": (c_size_t, [c_size_t]),
    "secrets_base32_decode": (_STATUS, [_U8P, c_size_t, POINTER(c_size_t), c_char_p]),
    "secrets_base32_decode_size": (c_size_t, [c_size_t]),
    "secrets_otpauth_uri": (
        _STATUS,
        [c_char_p, c_size_t, c_char_p, c_char_p, c_void_p, c_size_t, c_uint32, c_uint32, c_uint32],
    ),
}

_c = {}
for _name, (_restype, _argtypes) in _PROTOTYPES.items():
    if not hasattr(_lib, _name):  # an older library, or a part not built yet
        continue
    _f = getattr(_lib, _name)
    _f.restype = _restype
    _f.argtypes = _argtypes
    if _restype is _STATUS:
        _f.errcheck = _raise_for_status
    _c[_name[len("secrets_") :]] = _f


def available():
    """The C functions (without the ``secrets_`` prefix) this library exports."""
    return sorted(_c)


def strerror(status):
    """The library's English text for a status value."""
    return _lib.secrets_strerror(status).decode("ascii")  # static text: copy, never free


def version():
    """The C library's version, e.g. '0.1.0'."""
    return _lib.secrets_version().decode("ascii")


# --------------------------------------------------------------------------
# Argument helpers
# --------------------------------------------------------------------------
def _count(n, what="count"):
    """A non-negative size_t; ctypes alone would wrap -1 to SIZE_MAX."""
    n = operator.index(n)
    if n < 0:
        raise ValueError(f"{what} must be non-negative")
    if n > _PTRDIFF_MAX:
        raise OverflowError(f"{what} is too large")
    return n


def _cstr(text, what):
    """A NUL-terminated C string from str (UTF-8) or bytes, or None."""
    if text is None:
        return None
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    if b"\0" in data:  # c_char_p would silently cut the string here
        raise ValueError(f"{what} contains a NUL character")
    return data


def _in(data, what):
    """(pointer, length) for a read-only byte input.

    bytes is passed without a copy (ctypes hands C a pointer to its internal
    buffer, valid during the call). A writable buffer such as a bytearray
    holding a key is shared in place too, so the caller can wipe it
    afterwards with memzero(); other bytes-like objects are copied."""
    if isinstance(data, str):
        raise TypeError(f"{what} must be bytes-like, not str")
    if isinstance(data, bytes):
        return data, len(data)
    view = memoryview(data).cast("B")
    if not view.readonly and view.nbytes:
        return (c_char * view.nbytes).from_buffer(view), view.nbytes
    return view.tobytes(), view.nbytes


def _text(func, size, *args):
    """Calls a text-producing function with a fresh buffer of `size` bytes.

    The buffer belongs to Python; C writes the text and its NUL. After
    copying the text out, the buffer is wiped: the returned str cannot be,
    but no second copy lingers in ctypes memory."""
    buf = ctypes.create_string_buffer(size)
    try:
        func(buf, size, *args)
        return buf.value.decode("ascii")
    finally:
        _lib.secrets_memzero(buf, size)


def _text_grow(func, size, *args):
    """As _text, for outputs without a size helper: doubles the buffer on
    SECRETS_ERR_BUFFER_TOO_SMALL (checked before any randomness is drawn)."""
    while True:
        try:
            return _text(func, size, *args)
        except BufferTooSmallError:
            if size >= 1 << 20:
                raise
            size *= 2


def _need(name):
    f = _c.get(name)
    if f is None:
        raise NotImplementedError(f"the loaded libsecrets ({_path}) has no secrets_{name}")
    return f


# --------------------------------------------------------------------------
# Python's secrets module
# --------------------------------------------------------------------------
def token_bytes(nbytes=None):
    """`nbytes` random bytes (default 32), as secrets.token_bytes."""
    n = DEFAULT_ENTROPY if nbytes is None else _count(nbytes, "nbytes")
    buf = (c_uint8 * n)()  # Python-owned output buffer, C fills it
    try:
        _c["token_bytes"](buf, n)
        return bytes(buf)
    finally:
        _lib.secrets_memzero(buf, n)


def token_hex(nbytes=None):
    """`nbytes` random bytes as 2*nbytes lowercase hex digits, as secrets.token_hex."""
    n = DEFAULT_ENTROPY if nbytes is None else _count(nbytes, "nbytes")
    size = _c["token_hex_size"](n)  # the size helper: exact, NUL included
    if size == 0:
        raise OverflowError("nbytes is too large")
    return _text(_c["token_hex"], size, n)


def token_urlsafe(nbytes=None):
    """`nbytes` random bytes as unpadded base64url, as secrets.token_urlsafe."""
    n = DEFAULT_ENTROPY if nbytes is None else _count(nbytes, "nbytes")
    size = _c["token_urlsafe_size"](n)
    if size == 0:
        raise OverflowError("nbytes is too large")
    return _text(_c["token_urlsafe"], size, n)


def randbits(k):
    """An int of `k` random bits, as secrets.randbits (any k >= 0)."""
    k = operator.index(k)
    if k < 0:
        raise ValueError("number of bits must be non-negative")
    if k <= 64:
        out = c_uint64()
        _c["randbits"](byref(out), k)
        return out.value
    # Wider than the C function: k uniform bits are the top k of ceil(k/8)
    # uniform bytes, so this stays exact.
    nbytes = (k + 7) // 8
    return int.from_bytes(token_bytes(nbytes), "big") >> (8 * nbytes - k)


def randbelow(exclusive_upper_bound):
    """A uniform int in [0, n), as secrets.randbelow (no modulo bias)."""
    n = operator.index(exclusive_upper_bound)
    if n <= 0:
        raise ValueError("Upper bound must be positive.")
    if n <= _U64_MAX:
        out = c_uint64()
        _c["randbelow"](byref(out), n)
        return out.value
    # Bounds beyond 64 bits: rejection sampling on randbits, as CPython does.
    k = n.bit_length()
    while True:
        r = randbits(k)
        if r < n:
            return r


def randrange(start, stop=None, step=1):
    """A uniform element of range(start, stop, step), as random.randrange."""
    if stop is None:
        start, stop = 0, start
    start, stop, step = operator.index(start), operator.index(stop), operator.index(step)
    if step == 0:
        raise ValueError("zero step for randrange()")
    if all(_I64_MIN <= v <= _I64_MAX for v in (start, stop, step)):
        out = c_int64()
        try:
            _c["randrange"](byref(out), start, stop, step)
        except InvalidArgumentError:
            raise InvalidArgumentError(f"empty range in randrange({start}, {stop}, {step})") from None
        return out.value
    # Beyond int64: Python's own arithmetic over an exact randbelow.
    width = stop - start
    n = (width + step - 1) // step if step > 0 else (width + step + 1) // step
    if n <= 0:
        raise ValueError(f"empty range in randrange({start}, {stop}, {step})")
    return start + step * randbelow(n)


def choice(seq):
    """A uniformly chosen element of a non-empty sequence, as secrets.choice.

    For bytes-like input the C function picks the byte (an int, as indexing
    bytes gives); any other sequence is indexed with randbelow(len(seq))."""
    if not len(seq):
        raise IndexError("Cannot choose from an empty sequence")
    if isinstance(seq, (bytes, bytearray)):
        items, n = _in(seq, "seq")
        out = c_uint8()
        _c["choice"](byref(out), items, n)
        return out.value
    return seq[randbelow(len(seq))]


def shuffle(x):
    """Shuffles the mutable sequence `x` in place; every order equally likely.

    A bytearray is shuffled by C directly in its own memory (from_buffer
    shares it, no copy). Any other sequence is rearranged after a uniformly
    random permutation of its indices from secrets_sample(n, n)."""
    n = len(x)
    if n < 2:
        return
    if isinstance(x, bytearray):
        _c["shuffle"]((c_char * n).from_buffer(x), n, 1)
        return
    order = (c_size_t * n)()
    _c["sample"](order, n, n)
    items = [x[i] for i in order]
    for i, item in enumerate(items):
        x[i] = item


def sample(population, k):
    """`k` distinct elements of the sequence `population` in random order,
    as random.sample (every k-subset and order equally likely)."""
    n = len(population)
    k = operator.index(k)
    if not 0 <= k <= n:
        raise ValueError("Sample larger than population or is negative")
    idx = (c_size_t * k)()  # k == 0 is a valid empty array; C accepts it
    _c["sample"](idx, k, n)
    return [population[i] for i in idx]


def random():
    """A uniform float in [0, 1), a multiple of 2**-53, as random.random."""
    out = c_double()
    _c["random_double"](byref(out))
    return out.value


def uniform(a, b):
    """a + (b - a) * random(), as random.uniform; a and b must be finite."""
    out = c_double()
    _c["uniform"](byref(out), float(a), float(b))
    return out.value


def compare_digest(a, b):
    """True iff a == b, in time that depends on the lengths only, as
    secrets.compare_digest: two ASCII strs, or two bytes-like objects."""
    if isinstance(a, str) and isinstance(b, str):
        try:
            a, b = a.encode("ascii"), b.encode("ascii")
        except UnicodeEncodeError:
            raise TypeError("comparing strings with non-ASCII characters is not supported") from None
    elif isinstance(a, str) or isinstance(b, str):
        raise TypeError(f"unsupported operand types(s) or combination of types: "
                        f"'{type(a).__name__}' and '{type(b).__name__}'")
    pa, la = _in(a, "a")
    pb, lb = _in(b, "b")
    return bool(_c["compare_digest"](pa, la, pb, lb))


def memzero(buf):
    """Overwrites a writable buffer (bytearray, memoryview, ctypes array)
    with zeros in a way the compiler will not remove. Keep secrets you need
    to wipe in a bytearray: bytes and str are immutable and cannot be."""
    view = memoryview(buf).cast("B")
    if view.readonly:
        raise TypeError("memzero needs a writable buffer (bytearray), not an immutable one")
    if view.nbytes:
        _lib.secrets_memzero((c_char * view.nbytes).from_buffer(view), view.nbytes)


# --------------------------------------------------------------------------
# Human-facing secrets (exported when the library has them)
# --------------------------------------------------------------------------
def password(length=16, flags=PASSWORD_DEFAULT):
    """A random password of `length` characters from the classes in `flags`."""
    n = _count(length, "length")
    return _text(_need("password"), n + 1, n, flags)


def password_custom(length, alphabet):
    """A random password of `length` characters drawn from `alphabet`
    (distinct ASCII characters, at least 2)."""
    n = _count(length, "length")
    return _text(_need("password_custom"), n + 1, n, _cstr(alphabet, "alphabet"))


def password_entropy_bits(length, flags=PASSWORD_DEFAULT):
    """log2 of the number of passwords `password(length, flags)` can give (0: invalid policy)."""
    return _need("password_entropy_bits")(_count(length, "length"), flags)


def passphrase(words=6, separator="-"):
    """`words` words of the built-in 7776-word list joined by `separator`."""
    n = _count(words, "words")
    sep = _cstr(separator, "separator")
    size = _need("passphrase_size")(n, sep)
    if size == 0:
        raise InvalidArgumentError("invalid passphrase arguments")
    return _text(_need("passphrase"), size, n, sep)


def passphrase_custom(words, wordlist, separator="-"):
    """`words` words drawn from `wordlist` joined by `separator`."""
    n = _count(words, "words")
    encoded = [_cstr(w, "word") for w in wordlist]
    # An array of char pointers into the bytes objects in `encoded`: the
    # list must stay alive until the call returns (it does: a local).
    array = (c_char_p * len(encoded))(*encoded)
    sep = _cstr(separator, "separator")
    longest = max((len(w) for w in encoded), default=0)
    size = n * longest + max(n - 1, 0) * len(sep if sep is not None else b"-") + 1
    return _text(_need("passphrase_custom"), size, n, array, len(encoded), sep)


def otp_numeric(digits=6):
    """A uniform numeric one-time code of `digits` digits (1..64), leading zeros kept."""
    n = _count(digits, "digits")
    return _text(_need("otp_numeric"), n + 1, n)


def otp_alphanumeric(length=8):
    """A one-time code over 23456789ABCDEFGHJKLMNPQRSTUVWXYZ."""
    n = _count(length, "length")
    return _text(_need("otp_alphanumeric"), n + 1, n)


def api_key(prefix=None, nbytes=DEFAULT_ENTROPY):
    """'<prefix>_<2*nbytes hex>' (bare hex without a prefix)."""
    n = _count(nbytes, "nbytes")
    p = _cstr(prefix, "prefix")
    sizer = _c.get("api_key_size")
    size = sizer(p, n) if sizer else (len(p) + 1 if p else 0) + 2 * n + 1
    if size == 0:
        raise InvalidArgumentError("invalid api_key arguments")
    return _text(_need("api_key"), size, p, n)


def api_key_checksummed(prefix):
    """'<prefix>_' + 30 base62 random + 6 base62 CRC-32 characters."""
    p = _cstr(prefix, "prefix")
    sizer = _c.get("api_key_checksummed_size")
    size = sizer(p) if sizer and p is not None else 0
    # 0: no size helper, or an invalid prefix the call itself will report.
    return _text_grow(_need("api_key_checksummed"), size or len(p or b"") + 38, p)


def api_key_check(key):
    """True when `key` has the shape and checksum of api_key_checksummed."""
    try:
        _need("api_key_check")(_cstr(key, "key"))
        return True
    except MalformedError:
        return False


def uuid4():
    """A random RFC 9562 version 4 UUID, lowercase, 36 characters."""
    return _text(_need("uuid4"), 37)


def entropy_bits(length, alphabet_size):
    """length * log2(alphabet_size); 0 when alphabet_size < 2."""
    return _need("entropy_bits")(_count(length, "length"), _count(alphabet_size, "alphabet_size"))


# --------------------------------------------------------------------------
# Authentication (exported when the library has them)
# --------------------------------------------------------------------------
def hmac_sha256(key, msg):
    """HMAC-SHA-256 of `msg` under `key`: 32 bytes."""
    k, kl = _in(key, "key")
    m, ml = _in(msg, "msg")
    out = (c_uint8 * 32)()
    try:
        _need("hmac_sha256")(out, k, kl, m, ml)
        return bytes(out)
    finally:
        _lib.secrets_memzero(out, 32)


def hmac_sha256_hex(key, msg):
    """HMAC-SHA-256 of `msg` under `key` as 64 lowercase hex digits."""
    k, kl = _in(key, "key")
    m, ml = _in(msg, "msg")
    return _text(_need("hmac_sha256_hex"), 65, k, kl, m, ml)


def hmac_sha256_verify(tag, key, msg):
    """True iff `tag` is the HMAC-SHA-256 of `msg` under `key` (constant time)."""
    t, tl = _in(tag, "tag")
    k, kl = _in(key, "key")
    m, ml = _in(msg, "msg")
    try:
        _need("hmac_sha256_verify")(t, tl, k, kl, m, ml)
        return True
    except MismatchError:
        return False


def _now(now):
    return int(time.time()) if now is None else operator.index(now)


def csrf_token(key, session_id=None, now=None):
    """A signed, time-stamped CSRF token, bound to `session_id` when given."""
    k, kl = _in(key, "key")
    return _text_grow(_need("csrf_token"), 128, k, kl, _cstr(session_id, "session_id"), _now(now))


def csrf_verify(token, key, session_id=None, now=None, max_age=3600):
    """Returns True for a valid token; raises MismatchError (wrong key,
    session or tampered), ExpiredError or MalformedError otherwise."""
    k, kl = _in(key, "key")
    _need("csrf_verify")(
        _cstr(token, "token"), k, kl, _cstr(session_id, "session_id"), _now(now), max_age
    )
    return True


def hotp(key, counter, digits=6, algorithm=OTP_SHA1):
    """RFC 4226 HOTP code for `counter` (digits 6..10)."""
    k, kl = _in(key, "key")
    return _text(_need("hotp"), _count(digits, "digits") + 1, k, kl, counter, digits, algorithm)


def totp(key, unix_time=None, period=30, digits=6, algorithm=OTP_SHA1):
    """RFC 6238 TOTP code at `unix_time` (default: now)."""
    k, kl = _in(key, "key")
    return _text(
        _need("totp"), _count(digits, "digits") + 1, k, kl, _now(unix_time), period, digits, algorithm
    )


def totp_verify(code, key, unix_time=None, period=30, digits=6, algorithm=OTP_SHA1, window=1):
    """The matched time-step counter when `code` is valid within ±window
    steps, None when it matches no step. A code that is not `digits` ASCII
    digits raises MalformedError; bad parameters raise InvalidArgumentError.
    Store the counter to refuse a code's reuse."""
    k, kl = _in(key, "key")
    matched = c_uint64()
    try:
        _need("totp_verify")(
            byref(matched), _cstr(code, "code"), k, kl, _now(unix_time), period, digits,
            algorithm, window,
        )
    except MismatchError:
        return None
    return matched.value


def base32_encode(data):
    """RFC 4648 base32 of `data`, without padding."""
    d, n = _in(data, "data")
    sizer = _c.get("base32_encode_size")
    size = sizer(n) if sizer else (n * 8 + 4) // 5 + 1  # SECRETS_BASE32_ENCODED_SIZE
    return _text(_need("base32_encode"), size, d, n)


def base32_decode(text):
    """Bytes of a base32 string (case-insensitive, padding optional, spaces
    and hyphens ignored); MalformedError when it is not base32."""
    s = _cstr(text, "text")
    sizer = _c.get("base32_decode_size")
    size = max(sizer(len(s)) if sizer else len(s) * 5 // 8, 1)  # an upper bound
    out = (c_uint8 * size)()
    out_len = c_size_t()
    try:
        _need("base32_decode")(out, size, byref(out_len), s)
        return bytes(out[: out_len.value])
    finally:
        _lib.secrets_memzero(out, size)


def otpauth_uri(issuer, account, key, period=30, digits=6, algorithm=OTP_SHA1):
    """The otpauth://totp/... URI authenticator apps scan (as a QR code)."""
    k, kl = _in(key, "key")
    return _text_grow(
        _need("otpauth_uri"), 256, _cstr(issuer, "issuer"), _cstr(account, "account"), k, kl,
        period, digits, algorithm,
    )


# Publish only the generators the loaded library can serve, so that
# hasattr(libsecrets, "password") tells a caller what it can use.
_OPTIONAL = {
    "password": ("password",),
    "password_custom": ("password_custom",),
    "password_entropy_bits": ("password_entropy_bits",),
    "passphrase": ("passphrase", "passphrase_size"),
    "passphrase_custom": ("passphrase_custom",),
    "otp_numeric": ("otp_numeric",),
    "otp_alphanumeric": ("otp_alphanumeric",),
    "api_key": ("api_key",),
    "api_key_checksummed": ("api_key_checksummed",),
    "api_key_check": ("api_key_check",),
    "uuid4": ("uuid4",),
    "entropy_bits": ("entropy_bits",),
    "hmac_sha256": ("hmac_sha256",),
    "hmac_sha256_hex": ("hmac_sha256_hex",),
    "hmac_sha256_verify": ("hmac_sha256_verify",),
    "csrf_token": ("csrf_token",),
    "csrf_verify": ("csrf_verify",),
    "hotp": ("hotp",),
    "totp": ("totp",),
    "totp_verify": ("totp_verify",),
    "base32_encode": ("base32_encode",),
    "base32_decode": ("base32_decode",),
    "otpauth_uri": ("otpauth_uri",),
}
for _py, _needs in _OPTIONAL.items():
    if all(n in _c for n in _needs):
        __all__.append(_py)
    else:
        del globals()[_py]
del _py, _needs, _name, _restype, _argtypes, _f
