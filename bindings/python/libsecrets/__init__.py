"""libsecrets for Python: Python's ``secrets`` module and what applications
build on it, backed by the libsecrets C library (bundled in the wheel).

A drop-in for the standard module (``import libsecrets as secrets``): every
name of ``secrets.__all__``, with the same behaviour on the running CPython::

    import libsecrets
    libsecrets.token_urlsafe(16)      # 'Drmhze6EPcv0fN_81Bj-nA'
    libsecrets.randbelow(6)           # 0..5
    libsecrets.SystemRandom().sample(range(100), 5)

plus passwords, passphrases, one-time codes, API keys, UUIDs, HMAC, CSRF
tokens and HOTP/TOTP with keyword arguments, ``Policy`` flags and algorithm
names as strings.

Conventions:
  * Every verify/check function returns a ``Verification``: truthy when
    valid; falsy for a mismatch (``.mismatch``) or an expired token
    (``.expired``); input that cannot be parsed raises ``MalformedError``
    (a ``ValueError``).
  * Every error the library reports is a ``SecretsError`` subclass carrying
    the library's message and ``status``; the subclasses are also the
    built-in exceptions Python code expects (``InvalidArgumentError`` and
    ``MalformedError`` are ``ValueError``s, ``EntropyError`` an
    ``OSError``). Wrong types raise ``TypeError``; a number too large for
    the C type raises ``OverflowError``.
"""

from __future__ import annotations

import ctypes
import enum
import math
import operator
import random as _random
import sys
import time
from ctypes import byref, c_char, c_char_p, c_double, c_size_t, c_uint8, c_uint64
from itertools import repeat as _repeat
from typing import TYPE_CHECKING, Any, Callable, Iterable, List, Optional, Sequence, TypeVar, Union

from . import _capi
from ._capi import (
    PTRDIFF_MAX as _PTRDIFF_MAX,
    SIZE_MAX as _SIZE_MAX,
    U32_MAX as _U32_MAX,
    U64_MAX as _U64_MAX,
    BufferTooSmallError,
    EntropyError,
    ExpiredError,
    InternalError,
    InvalidArgumentError,
    MalformedError,
    MismatchError,
    NullPointerError,
    SecretsError,
    Status,
)

if TYPE_CHECKING:
    from fractions import Fraction

    from _typeshed import ReadableBuffer, SupportsLenAndGetItem

    Text = Union[str, ReadableBuffer]
    Bytes = ReadableBuffer

__all__ = [
    # Python's secrets module
    "SystemRandom",
    "choice",
    "compare_digest",
    "randbelow",
    "randbits",
    "token_bytes",
    "token_hex",
    "token_urlsafe",
    "DEFAULT_ENTROPY",
    # more of random.SystemRandom, as functions
    "randrange",
    "randint",
    "shuffle",
    "sample",
    "choices",
    "random",
    "uniform",
    # human-facing secrets
    "Policy",
    "LOWER",
    "UPPER",
    "DIGITS",
    "SYMBOLS",
    "SAFE_SYMBOLS",
    "NO_AMBIGUOUS",
    "EACH_CLASS",
    "PASSWORD_DEFAULT",
    "password",
    "password_custom",
    "password_entropy_bits",
    "passphrase",
    "passphrase_custom",
    "otp_numeric",
    "otp_alphanumeric",
    "api_key",
    "api_key_checksummed",
    "api_key_check",
    "uuid4",
    "entropy_bits",
    # authentication
    "ALGORITHMS",
    "Verdict",
    "Verification",
    "hmac_sha256",
    "hmac_sha256_hex",
    "hmac_sha256_verify",
    "csrf_token",
    "csrf_verify",
    "hotp",
    "totp",
    "totp_verify",
    "hotp_verify",
    "otpauth_uri_hotp",
    "base32_encode",
    "base32_decode",
    "otpauth_uri",
    # errors
    "SecretsError",
    "NullPointerError",
    "BufferTooSmallError",
    "InvalidArgumentError",
    "EntropyError",
    "MismatchError",
    "ExpiredError",
    "MalformedError",
    "InternalError",
    "Status",
    # the library
    "memzero",
    "strerror",
    "version",
    "library_path",
]

_T = TypeVar("_T")
_c = _capi.c
_lib = _capi.lib

DEFAULT_ENTROPY: int = _capi.CONSTANTS["DEFAULT_ENTROPY"]
strerror = _capi.strerror


def version() -> str:
    """The C library's version, e.g. '0.1.0'."""
    text: bytes = _c["version"]()  # static text: copied, never freed
    return text.decode("ascii")


__version__ = version()


def library_path() -> str:
    """The file the C library was loaded from."""
    return _capi.path


# --------------------------------------------------------------------------
# Argument helpers: ctypes wraps out-of-range integers silently, so every
# number is checked here; the messages name the parameter.
# --------------------------------------------------------------------------
def _int(value: int, what: str, maximum: int) -> int:
    n = operator.index(value)
    if n < 0:
        raise InvalidArgumentError(f"{what} must be non-negative, not {n}")
    if n > maximum:
        raise OverflowError(f"{what} is too large for the C library ({n} > {maximum})")
    return n


def _count(value: int, what: str) -> int:
    """A size the binding allocates: at most PTRDIFF_MAX, as C requires."""
    return _int(value, what, _PTRDIFF_MAX)


def _u32(value: int, what: str) -> int:
    return _int(value, what, _U32_MAX)


def _u64(value: int, what: str) -> int:
    return _int(value, what, _U64_MAX)


def _cstr(text: Optional[Text], what: str) -> Optional[bytes]:
    """A NUL-terminated C string from str (UTF-8) or bytes-like, or None."""
    if text is None:
        return None
    if isinstance(text, str):
        data = text.encode("utf-8")  # lone surrogates: UnicodeEncodeError, a ValueError
    else:
        data = bytes(memoryview(text))  # TypeError for anything not bytes-like
    if b"\0" in data:  # c_char_p would silently cut the string here
        raise InvalidArgumentError(f"{what} contains a NUL character")
    return data


def _text_arg(text: Text, what: str) -> bytes:
    data = _cstr(text, what)
    if data is None:
        raise TypeError(f"{what} must be str or bytes, not None")
    return data


def _in(data: Bytes, what: str) -> tuple[Any, int]:
    """(pointer, length) for a read-only byte input.

    bytes is passed without a copy (ctypes hands C a pointer to its buffer,
    valid during the call). A writable buffer such as a bytearray holding a
    key is shared in place too, so the caller can wipe it afterwards with
    memzero(); other bytes-like objects are copied."""
    if isinstance(data, str):
        raise TypeError(f"{what} must be bytes-like, not str")
    if isinstance(data, bytes):
        return data, len(data)
    view = memoryview(data).cast("B")
    if not view.readonly and view.nbytes:
        return (c_char * view.nbytes).from_buffer(view), view.nbytes
    return view.tobytes(), view.nbytes


def _text(func: Callable[..., Any], size: int, *args: Any) -> str:
    """Calls a text-producing function with a fresh buffer of `size` bytes.

    The buffer belongs to Python; C writes the text and its NUL. After the
    text is copied out the buffer is wiped: the returned str cannot be, but
    no second copy lingers in ctypes memory."""
    buf = ctypes.create_string_buffer(size)
    try:
        func(buf, size, *args)
        return buf.value.decode("utf-8")  # passphrases carry the caller's UTF-8 words
    finally:
        _lib.secrets_memzero(buf, size)


def _sized(size: int, what: str) -> int:
    """A size helper's answer; 0 means the arguments are invalid or overflow."""
    if size == 0:
        raise InvalidArgumentError(f"invalid {what} arguments: {strerror(Status.ERR_INVALID_ARGUMENT)}")
    return size


def _nbytes(value: int) -> int:
    """A byte count checked with the exceptions os.urandom raises, which
    CPython's token functions and randbytes pass theirs to."""
    n = operator.index(value)
    if n < 0:
        raise ValueError("negative argument not allowed")
    if n > _PTRDIFF_MAX:
        raise OverflowError("cannot fit 'int' into an index-sized integer")
    return n


def _random_bytes(n: int) -> bytes:
    buf = (c_uint8 * n)()  # Python-owned output buffer, C fills it
    try:
        _c["token_bytes"](buf, n)
        return bytes(buf)
    finally:
        _lib.secrets_memzero(buf, n)


# --------------------------------------------------------------------------
# SystemRandom: random.SystemRandom with every draw from the library
# --------------------------------------------------------------------------
def _exact_float(x: object) -> bool:
    """x is a finite float, or an int small enough that C's float
    arithmetic gives what Python's int-then-float arithmetic gives."""
    if type(x) is float:
        return math.isfinite(x)
    return type(x) is int and -(2**52) <= x <= 2**52


class SystemRandom(_random.SystemRandom):
    """``random.SystemRandom`` drawing from libsecrets.

    A subclass of ``random.SystemRandom`` (so of ``random.Random``) that
    replaces the four primitives every other method is built on —
    ``random()``, ``getrandbits()``, ``randbytes()`` and the integer chooser
    ``_randbelow()`` — with the library's, and keeps the running CPython's
    own argument handling for ``randrange``, ``randint``, ``choice``,
    ``choices``, ``shuffle``, ``sample`` (with ``counts``), ``uniform`` and
    the distributions, so each version behaves as its ``SystemRandom``:
    ``seed()`` does nothing, ``getstate()``/``setstate()`` and pickling
    raise ``NotImplementedError``. Integer choices are exact (rejection
    sampling); ``choices`` without weights picks with ``_randbelow`` rather
    than CPython's ``floor(random() * n)``, which is slightly biased.
    """

    def random(self) -> float:
        """A uniform float in [0, 1), a multiple of 2**-53."""
        out = c_double()
        _c["random_double"](byref(out))
        return out.value

    def getrandbits(self, k: int) -> int:
        """An int with `k` random bits."""
        k = operator.index(k)
        if sys.version_info < (3, 9):
            if k <= 0:
                raise ValueError("number of bits must be greater than zero")
        elif k < 0:
            raise ValueError("number of bits must be non-negative")
        if k <= 64:
            out = c_uint64()
            _c["randbits"](byref(out), k)
            return out.value
        # k uniform bits are the top k of ceil(k/8) uniform bytes: exact.
        nbytes = (k + 7) // 8
        return int.from_bytes(_random_bytes(nbytes), "big") >> (8 * nbytes - k)

    def randbytes(self, n: int) -> bytes:
        """`n` random bytes (also on Python 3.8, which lacks the method)."""
        return _random_bytes(_nbytes(n))

    def _randbelow(self, n: int) -> int:
        """A uniform int in [0, n), n > 0: one exact C call up to 2**64 - 1,
        rejection sampling over getrandbits beyond."""
        if n <= 0:
            raise ValueError("Upper bound must be positive.")
        if n <= _U64_MAX:
            out = c_uint64()
            _c["randbelow"](byref(out), n)
            return out.value
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:  # rejection: fewer than 2 draws expected
            r = self.getrandbits(k)
        return r

    def choice(self, seq: SupportsLenAndGetItem[_T]) -> _T:
        """A uniform element of a non-empty sequence. For bytes and bytearray
        the C library reads every byte, so the index does not show in the
        memory access pattern."""
        if isinstance(seq, (bytes, bytearray)) and len(seq):
            items, n = _in(seq, "seq")
            out = c_uint8()
            _c["choice"](byref(out), items, n)
            return out.value  # type: ignore[no-any-return,unused-ignore]  # an int, as indexing bytes gives
        return super().choice(seq)

    def choices(
        self,
        population: SupportsLenAndGetItem[_T],
        weights: Optional[Sequence[Union[float, Fraction]]] = None,
        *,
        cum_weights: Optional[Sequence[Union[float, Fraction]]] = None,
        k: int = 1,
    ) -> List[_T]:
        """`k` elements chosen with replacement; as random.Random.choices."""
        if weights is None and cum_weights is None:
            n = len(population)
            randbelow = self._randbelow
            if not n:  # CPython indexes position 0 and raises IndexError
                return [population[0] for _ in _repeat(None, k)]
            return [population[randbelow(n)] for _ in _repeat(None, k)]
        return super().choices(population, weights, cum_weights=cum_weights, k=k)

    def uniform(self, a: float, b: float) -> float:
        """a + (b - a) * random(), as random.Random.uniform: one C call for
        finite floats (and ints a float holds exactly); anything else (inf,
        an overflowing b - a, Fraction, ...) through random.Random."""
        if _exact_float(a) and _exact_float(b) and math.isfinite(float(b) - float(a)):
            out = c_double()
            _c["uniform"](byref(out), float(a), float(b))
            return out.value
        return super().uniform(a, b)

    def shuffle(self, x: Any, *args: Any, **kwargs: Any) -> None:
        """Shuffles `x` in place, every order equally likely. A list or a
        bytearray is permuted with one C call; other sequences (and the
        `random` argument Python 3.8-3.10 accept) go through random.Random."""
        if args or kwargs or type(x) not in (list, bytearray):
            super().shuffle(x, *args, **kwargs)
            return
        n = len(x)
        if n < 2:
            return
        if type(x) is bytearray:
            _c["shuffle"]((c_char * n).from_buffer(x), n, 1)  # in place, no copy
            return
        order = (c_size_t * n)()
        _c["sample"](order, n, n)  # a uniform permutation of the indices
        x[:] = [x[i] for i in order]


_sysrand = SystemRandom()

# The functions of Python's secrets module, with its semantics.
randbits = _sysrand.getrandbits
choice = _sysrand.choice
randrange = _sysrand.randrange
randint = _sysrand.randint
shuffle = _sysrand.shuffle
sample = _sysrand.sample
choices = _sysrand.choices
random = _sysrand.random
uniform = _sysrand.uniform


def randbelow(exclusive_upper_bound: int) -> int:
    """A uniform int in [0, n), as secrets.randbelow (no modulo bias)."""
    n = operator.index(exclusive_upper_bound)
    if n <= 0:
        raise ValueError("Upper bound must be positive.")
    return _sysrand._randbelow(n)


def token_bytes(nbytes: Optional[int] = None) -> bytes:
    """`nbytes` random bytes (default 32), as secrets.token_bytes."""
    return _sysrand.randbytes(DEFAULT_ENTROPY if nbytes is None else nbytes)


def _token_text(name: str, nbytes: Optional[int]) -> str:
    n = _nbytes(DEFAULT_ENTROPY if nbytes is None else nbytes)
    size = _c[name + "_size"](n)  # the size helper: exact, NUL included
    if size == 0:
        raise OverflowError(f"{name}({n}) would not fit in memory")
    return _text(_c[name], size, n)


def token_hex(nbytes: Optional[int] = None) -> str:
    """`nbytes` random bytes as 2*nbytes lowercase hex digits, as secrets.token_hex."""
    return _token_text("token_hex", nbytes)


def token_urlsafe(nbytes: Optional[int] = None) -> str:
    """`nbytes` random bytes as unpadded base64url, as secrets.token_urlsafe."""
    return _token_text("token_urlsafe", nbytes)


def compare_digest(a: Union[str, Bytes], b: Union[str, Bytes]) -> bool:
    """True iff a == b, in time that depends on the lengths only, as
    secrets.compare_digest: two ASCII strs, or two bytes-like objects."""
    if isinstance(a, str) and isinstance(b, str):
        try:
            a, b = a.encode("ascii"), b.encode("ascii")
        except UnicodeEncodeError:
            raise TypeError("comparing strings with non-ASCII characters is not supported") from None
    elif isinstance(a, str) or isinstance(b, str):
        raise TypeError(
            "unsupported operand types(s) or combination of types: "
            f"'{type(a).__name__}' and '{type(b).__name__}'"
        )
    pa, la = _in(a, "a")
    pb, lb = _in(b, "b")
    return bool(_c["compare_digest"](pa, la, pb, lb))


def memzero(buf: Any) -> None:
    """Overwrites a writable buffer (bytearray, memoryview, ctypes array) with
    zeros in a way the compiler will not remove. Keep secrets you need to
    wipe in a bytearray: bytes and str are immutable and cannot be."""
    view = memoryview(buf).cast("B")
    if view.readonly:
        raise TypeError("memzero needs a writable buffer (bytearray), not an immutable one")
    if view.nbytes:
        _lib.secrets_memzero((c_char * view.nbytes).from_buffer(view), view.nbytes)


# --------------------------------------------------------------------------
# Human-facing secrets
# --------------------------------------------------------------------------
class Policy(enum.IntFlag):
    """Password policy: one or more character classes, plus modifiers."""

    LOWER = _capi.CONSTANTS["LOWER"]  #: a-z
    UPPER = _capi.CONSTANTS["UPPER"]  #: A-Z
    DIGITS = _capi.CONSTANTS["DIGITS"]  #: 0-9
    SYMBOLS = _capi.CONSTANTS["SYMBOLS"]  #: the 32 ASCII punctuation characters
    SAFE_SYMBOLS = _capi.CONSTANTS["SAFE_SYMBOLS"]  #: instead of SYMBOLS: !@#$%^&*-_+.
    NO_AMBIGUOUS = _capi.CONSTANTS["NO_AMBIGUOUS"]  #: drop look-alikes (0 O o 1 l I | ...)
    EACH_CLASS = _capi.CONSTANTS["EACH_CLASS"]  #: at least one character of every class
    DEFAULT = _capi.CONSTANTS["PASSWORD_DEFAULT"]  #: LOWER|UPPER|DIGITS|SYMBOLS|EACH_CLASS


LOWER = Policy.LOWER
UPPER = Policy.UPPER
DIGITS = Policy.DIGITS
SYMBOLS = Policy.SYMBOLS
SAFE_SYMBOLS = Policy.SAFE_SYMBOLS
NO_AMBIGUOUS = Policy.NO_AMBIGUOUS
EACH_CLASS = Policy.EACH_CLASS
PASSWORD_DEFAULT = Policy.DEFAULT


def _policy(policy: Union[Policy, int]) -> int:
    return _u32(policy, "policy")


def password(length: int = 16, policy: Union[Policy, int] = Policy.DEFAULT) -> str:
    """A random password of `length` characters, uniform over all strings
    `policy` allows; InvalidArgumentError for an impossible policy."""
    n = _count(length, "length")
    return _text(_c["password"], n + 1, n, _policy(policy))


def password_custom(length: int, alphabet: Text) -> str:
    """A random password of `length` characters drawn from `alphabet`
    (distinct ASCII characters, at least 2)."""
    n = _count(length, "length")
    chars = _text_arg(alphabet, "alphabet")
    if not chars.isascii():  # C draws bytes: a UTF-8 sequence would be torn apart
        raise InvalidArgumentError("alphabet must be ASCII characters")
    return _text(_c["password_custom"], n + 1, n, chars)


def password_entropy_bits(length: int, policy: Union[Policy, int] = Policy.DEFAULT) -> float:
    """log2 of the number of passwords password(length, policy) can give;
    0.0 for an invalid policy. Any size_t length is defined."""
    result: float = _c["password_entropy_bits"](_int(length, "length", _SIZE_MAX), _policy(policy))
    return result


def passphrase(words: int = 6, separator: Optional[Text] = "-") -> str:
    """`words` words of the built-in 7776-word list joined by `separator`
    (None: "-")."""
    n = _count(words, "words")
    sep = _cstr(separator, "separator")
    size = _sized(_c["passphrase_size"](n, sep), "passphrase")
    return _text(_c["passphrase"], size, n, sep)


def passphrase_custom(words: int, wordlist: Iterable[Text], separator: Optional[Text] = "-") -> str:
    """`words` words drawn uniformly from `wordlist` (distinct words) joined
    by `separator` (None: "-")."""
    n = _count(words, "words")
    encoded = [_text_arg(w, "word") for w in wordlist]
    # An array of char pointers into the bytes objects in `encoded`: the
    # list stays alive (a local) until the call returns.
    array = (c_char_p * len(encoded))(*encoded)
    sep = _cstr(separator, "separator")
    size = _sized(_c["passphrase_custom_size"](n, array, len(encoded), sep), "passphrase_custom")
    return _text(_c["passphrase_custom"], size, n, array, len(encoded), sep)


def _otp_length(value: int, what: str) -> int:
    """1..SECRETS_OTP_CODE_MAX_LEN, checked before a buffer is allocated."""
    n = _count(value, what)
    if not 1 <= n <= _capi.CONSTANTS["OTP_CODE_MAX_LEN"]:
        raise InvalidArgumentError(
            f"{what} must be 1..{_capi.CONSTANTS['OTP_CODE_MAX_LEN']}, not {n}: "
            + strerror(Status.ERR_INVALID_ARGUMENT)
        )
    return n


def otp_numeric(digits: int = 6) -> str:
    """A uniform numeric one-time code of `digits` digits (1..64), leading zeros kept."""
    n = _otp_length(digits, "digits")
    return _text(_c["otp_numeric"], n + 1, n)


def otp_alphanumeric(length: int = 8) -> str:
    """A one-time code over 23456789ABCDEFGHJKLMNPQRSTUVWXYZ (1..64 characters)."""
    n = _otp_length(length, "length")
    return _text(_c["otp_alphanumeric"], n + 1, n)


def api_key(prefix: Optional[str] = None, nbytes: int = DEFAULT_ENTROPY) -> str:
    """'<prefix>_<2*nbytes hex>' (bare hex without a prefix); the prefix is
    1 to 32 characters of [A-Za-z0-9_]."""
    n = _count(nbytes, "nbytes")
    p = _cstr(prefix, "prefix")
    size = _sized(_c["api_key_size"](p, n), "api_key")
    return _text(_c["api_key"], size, p, n)


def api_key_checksummed(prefix: str) -> str:
    """'<prefix>_' + 30 base62 random characters + 6 base62 characters of
    their CRC-32, GitHub's token shape (secret scanners recognise it)."""
    p = _text_arg(prefix, "prefix")
    size = _sized(_c["api_key_checksummed_size"](p), "api_key_checksummed")
    return _text(_c["api_key_checksummed"], size, p)


def uuid4() -> str:
    """A random RFC 9562 version 4 UUID, lowercase, 36 characters."""
    return _text(_c["uuid4"], _capi.CONSTANTS["UUID_SIZE"])


def entropy_bits(length: int, alphabet_size: int) -> float:
    """length * log2(alphabet_size); 0.0 when alphabet_size < 2."""
    result: float = _c["entropy_bits"](
        _int(length, "length", _SIZE_MAX), _int(alphabet_size, "alphabet_size", _SIZE_MAX)
    )
    return result


# --------------------------------------------------------------------------
# Verification results: one convention for every verify/check function
# --------------------------------------------------------------------------
class Verdict(enum.Enum):
    """What a verification found."""

    VALID = "valid"
    MISMATCH = "mismatch"  #: wrong key, session or code; forged or tampered
    EXPIRED = "expired"  #: authentic but too old


class Verification:
    """The result of every verify/check function: truthy iff valid.

    A mismatch and an expiry are both falsy and told apart by ``verdict``
    (or ``.mismatch`` / ``.expired``); ``counter`` is the matched HOTP/TOTP
    counter (store it to refuse a code's reuse), else None. Input that
    cannot be parsed raises MalformedError instead."""

    __slots__ = ("_verdict", "_counter")

    def __init__(self, verdict: Verdict, counter: Optional[int] = None) -> None:
        self._verdict = verdict
        self._counter = counter

    @property
    def verdict(self) -> Verdict:
        return self._verdict

    @property
    def counter(self) -> Optional[int]:
        return self._counter

    @property
    def valid(self) -> bool:
        return self._verdict is Verdict.VALID

    @property
    def mismatch(self) -> bool:
        return self._verdict is Verdict.MISMATCH

    @property
    def expired(self) -> bool:
        return self._verdict is Verdict.EXPIRED

    def __bool__(self) -> bool:
        return self.valid

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Verification):
            return NotImplemented
        return (self._verdict, self._counter) == (other._verdict, other._counter)

    def __hash__(self) -> int:
        return hash((self._verdict, self._counter))

    def __repr__(self) -> str:
        counter = "" if self._counter is None else f", counter={self._counter}"
        return f"Verification({self._verdict}{counter})"


def _verify(func: Callable[..., Any], *args: Any, counter: Optional[c_uint64] = None) -> Verification:
    """Runs a verifying C call: OK, MISMATCH and EXPIRED are results;
    MALFORMED and every other status raise."""
    try:
        func(*args)
    except MismatchError:
        return Verification(Verdict.MISMATCH)
    except ExpiredError:
        return Verification(Verdict.EXPIRED)
    return Verification(Verdict.VALID, None if counter is None else counter.value)


def api_key_check(key: Text, prefix: Optional[Text] = None) -> Verification:
    """Checks the shape and checksum of a key from api_key_checksummed:
    truthy when they hold and, when `prefix` is given, the key has that
    prefix; falsy (mismatch) for a well-formed key with another prefix.
    This catches typos and random strings offline; it does not show that
    the key was issued. A key with the wrong shape or checksum raises
    MalformedError (a ValueError), as the C library reports it."""
    k = _text_arg(key, "key")
    if prefix is None:
        return _verify(_c["api_key_check"], k)
    return _verify(_c["api_key_check_prefix"], k, _text_arg(prefix, "prefix"))


# --------------------------------------------------------------------------
# Authentication
# --------------------------------------------------------------------------
ALGORITHMS = ("sha1", "sha256", "sha512")
_ALGORITHM_IDS = {
    "sha1": _capi.CONSTANTS["OTP_SHA1"],
    "sha256": _capi.CONSTANTS["OTP_SHA256"],
    "sha512": _capi.CONSTANTS["OTP_SHA512"],
}


def _algorithm(name: str) -> int:
    if not isinstance(name, str):
        raise TypeError(f"algorithm must be a str such as 'sha1', not {type(name).__name__}")
    try:
        return _ALGORITHM_IDS[name.lower()]
    except KeyError:
        raise InvalidArgumentError(f"algorithm must be one of {', '.join(ALGORITHMS)}, not {name!r}") from None


def _now(now: Optional[float]) -> int:
    """Unix time in whole seconds: now when None; an int, or a float floored."""
    if now is None:
        return int(time.time())
    if isinstance(now, float):
        if not math.isfinite(now):
            raise InvalidArgumentError(f"time must be finite, not {now}")
        return _u64(math.floor(now), "time")
    return _u64(now, "time")  # an int, or operator.index raises TypeError


def hmac_sha256(key: Bytes, msg: Bytes) -> bytes:
    """HMAC-SHA-256 of `msg` under `key`: 32 bytes."""
    k, kl = _in(key, "key")
    m, ml = _in(msg, "msg")
    size = _capi.CONSTANTS["HMAC_SHA256_BYTES"]
    out = (c_uint8 * size)()
    try:
        _c["hmac_sha256"](out, k, kl, m, ml)
        return bytes(out)
    finally:
        _lib.secrets_memzero(out, size)


def hmac_sha256_hex(key: Bytes, msg: Bytes) -> str:
    """HMAC-SHA-256 of `msg` under `key` as 64 lowercase hex digits."""
    k, kl = _in(key, "key")
    m, ml = _in(msg, "msg")
    return _text(_c["hmac_sha256_hex"], _capi.CONSTANTS["HMAC_SHA256_HEX_SIZE"], k, kl, m, ml)


def hmac_sha256_verify(tag: Bytes, key: Bytes, msg: Bytes) -> Verification:
    """Truthy iff `tag` is the HMAC-SHA-256 of `msg` under `key` (compared in
    constant time); falsy (mismatch) otherwise."""
    t, tl = _in(tag, "tag")
    k, kl = _in(key, "key")
    m, ml = _in(msg, "msg")
    return _verify(_c["hmac_sha256_verify"], t, tl, k, kl, m, ml)


def csrf_token(key: Bytes, session_id: Optional[Text] = None, *, now: Optional[float] = None) -> str:
    """A signed, time-stamped CSRF token, bound to `session_id` when given
    (`key`: at least 16 bytes; `now`: Unix time, default the clock)."""
    k, kl = _in(key, "key")
    sid = _cstr(session_id, "session_id")
    return _text(_c["csrf_token"], _capi.CONSTANTS["CSRF_TOKEN_SIZE"], k, kl, sid, _now(now))


def csrf_verify(
    token: Text,
    key: Bytes,
    session_id: Optional[Text] = None,
    *,
    now: Optional[float] = None,
    max_age: int = 3600,
) -> Verification:
    """Checks a csrf_token: truthy when authentic, for this session and at
    most `max_age` seconds old; falsy with ``.expired`` when too old, with
    ``.mismatch`` when forged, tampered, for another key or session;
    MalformedError when it is not a token at all."""
    k, kl = _in(key, "key")
    return _verify(
        _c["csrf_verify"],
        _text_arg(token, "token"),
        k,
        kl,
        _cstr(session_id, "session_id"),
        _now(now),
        _u64(max_age, "max_age"),
    )


def hotp(key: Bytes, counter: int, *, digits: int = 6, algorithm: str = "sha1") -> str:
    """RFC 4226 HOTP code for `counter` (digits 6..10)."""
    k, kl = _in(key, "key")
    return _text(
        _c["hotp"],
        _capi.CONSTANTS["HOTP_CODE_SIZE"],
        k,
        kl,
        _u64(counter, "counter"),
        _u32(digits, "digits"),
        _algorithm(algorithm),
    )


def hotp_verify(
    code: Text,
    key: Bytes,
    counter: int,
    *,
    look_ahead: int = 0,
    digits: int = 6,
    algorithm: str = "sha1",
) -> Verification:
    """Checks an HOTP code against counters `counter`..`counter+look_ahead`
    (constant time in the code): truthy with ``.counter`` the matched
    counter (store ``.counter + 1`` as the next expected counter), falsy
    (mismatch) otherwise. MalformedError when `code` is not `digits` ASCII
    digits."""
    k, kl = _in(key, "key")
    matched = c_uint64()
    return _verify(
        _c["hotp_verify"],
        byref(matched),
        _text_arg(code, "code"),
        k,
        kl,
        _u64(counter, "counter"),
        _u32(look_ahead, "look_ahead"),
        _u32(digits, "digits"),
        _algorithm(algorithm),
        counter=matched,
    )


def totp(
    key: Bytes, now: Optional[float] = None, *, period: int = 30, digits: int = 6, algorithm: str = "sha1"
) -> str:
    """RFC 6238 TOTP code at Unix time `now` (default: the clock)."""
    k, kl = _in(key, "key")
    return _text(
        _c["totp"],
        _capi.CONSTANTS["HOTP_CODE_SIZE"],
        k,
        kl,
        _now(now),
        _u32(period, "period"),
        _u32(digits, "digits"),
        _algorithm(algorithm),
    )


def totp_verify(
    code: Text,
    key: Bytes,
    now: Optional[float] = None,
    *,
    period: int = 30,
    digits: int = 6,
    algorithm: str = "sha1",
    window: int = 1,
) -> Verification:
    """Checks a TOTP code against the steps within ±`window` of `now`
    (constant time in the code): truthy with ``.counter`` the matched step
    (store it and refuse codes whose counter is not greater), falsy
    (mismatch) otherwise. MalformedError when `code` is not `digits` ASCII
    digits."""
    k, kl = _in(key, "key")
    matched = c_uint64()
    return _verify(
        _c["totp_verify"],
        byref(matched),
        _text_arg(code, "code"),
        k,
        kl,
        _now(now),
        _u32(period, "period"),
        _u32(digits, "digits"),
        _algorithm(algorithm),
        _u32(window, "window"),
        counter=matched,
    )


def base32_encode(data: Bytes) -> str:
    """RFC 4648 base32 of `data`, without padding (constant time)."""
    d, n = _in(data, "data")
    size = _sized(_c["base32_encode_size"](n), "base32_encode")
    return _text(_c["base32_encode"], size, d, n)


def base32_decode(text: Text) -> bytes:
    """Bytes of a base32 string (either case, padding optional, spaces and
    hyphens ignored); MalformedError when it is not base32."""
    s = _text_arg(text, "text")
    size = max(_c["base32_decode_size"](len(s)), 1)  # an upper bound
    out = (c_uint8 * size)()
    out_len = c_size_t()
    try:
        _c["base32_decode"](out, size, byref(out_len), s)
        return bytes(out[: out_len.value])
    finally:
        _lib.secrets_memzero(out, size)


def otpauth_uri(
    issuer: Optional[Text],
    account: Text,
    key: Bytes,
    *,
    period: int = 30,
    digits: int = 6,
    algorithm: str = "sha1",
) -> str:
    """The otpauth://totp/... URI authenticator apps scan (as a QR code).
    It contains the key: treat it as a secret."""
    k, kl = _in(key, "key")
    iss = _cstr(issuer, "issuer")
    acc = _text_arg(account, "account")
    size = _sized(_c["otpauth_uri_size"](iss, acc, kl), "otpauth_uri")
    return _text(
        _c["otpauth_uri"], size, iss, acc, k, kl, _u32(period, "period"), _u32(digits, "digits"),
        _algorithm(algorithm),
    )


def otpauth_uri_hotp(
    issuer: Optional[Text],
    account: Text,
    key: Bytes,
    counter: int,
    *,
    digits: int = 6,
    algorithm: str = "sha1",
) -> str:
    """The otpauth://hotp/... URI (with the initial `counter`) authenticator
    apps scan. It contains the key: treat it as a secret."""
    k, kl = _in(key, "key")
    iss = _cstr(issuer, "issuer")
    acc = _text_arg(account, "account")
    size = _sized(_c["otpauth_uri_size"](iss, acc, kl), "otpauth_uri_hotp")
    return _text(
        _c["otpauth_uri_hotp"], size, iss, acc, k, kl, _u64(counter, "counter"), _u32(digits, "digits"),
        _algorithm(algorithm),
    )
