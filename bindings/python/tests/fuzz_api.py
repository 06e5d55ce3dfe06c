"""Fuzzes every public function of libsecrets with Hypothesis: arguments of
the right kinds at their edges (0, negative, just past the C type's range,
huge) mixed with wrong types (None, floats, NaN, str, bytes with NUL,
lists). A call may return or raise an ordinary exception; it must not crash
the interpreter (a crash ends this process with a signal) and must not
raise anything but the exceptions the API documents. Results are checked
where a cheap invariant exists.

Usage: python fuzz_api.py [examples per function, default 150]
Needs hypothesis (installed by run-tests.sh into each test venv).
"""

import math
import sys
import unittest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import libsecrets

EXAMPLES = int(sys.argv[1]) if len(sys.argv) > 1 else 150
sys.argv[1:] = []  # unittest reads argv too

# What a public function may raise: SecretsError subclasses are ValueError,
# OSError or plain SecretsError; the rest are Python's own.
# MemoryError: a size the caller may ask for but this machine cannot hold.
ALLOWED = (libsecrets.SecretsError, ValueError, TypeError, OverflowError, IndexError, KeyError, MemoryError)

junk = st.one_of(
    st.none(), st.booleans(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8), st.binary(max_size=8), st.lists(st.integers(), max_size=3),
    st.just(object()),
)
# Sizes: the small ones are allocated; the huge ones must be refused (ctypes
# would wrap them to small values) or fail to allocate. Sizes of a few GB
# are left out: valid requests that would only make the run slow.
sizes = st.one_of(
    st.integers(-3, 80), st.integers(2**62, 2**62 + 2), st.integers(2**63 - 2, 2**64 + 2),
    st.integers(2**64, 2**200), st.integers(max_value=-1),
)
bounded_big = st.integers(2**31 - 2, 2**32 + 2) | st.integers(2**63 - 2, 2**64 + 2) | st.integers(-(2**70), 2**70)
ints = st.integers(-3, 100) | bounded_big
size_arg = sizes | junk
int_arg = ints | junk
text = st.text(max_size=40) | st.binary(max_size=40) | st.sampled_from(["", "a\0b", "\udcff", "ghp_", "sha1"])
text_arg = text | junk
data = st.binary(max_size=80) | st.builds(bytearray, st.binary(max_size=40)) | st.builds(memoryview, st.binary(max_size=20))
data_arg = data | junk
times = st.integers(-2, 2**64 + 2) | st.floats(allow_nan=True, allow_infinity=True) | st.none()
algorithms = st.sampled_from(libsecrets.ALGORITHMS + ("SHA1", "md5", "")) | junk
seqs = st.lists(st.integers(), max_size=20) | st.text(max_size=20) | st.binary(max_size=20) | junk

SR = libsecrets.SystemRandom()

# name -> (callable, strategy for a tuple of positional args, strategy for kwargs)
FUNCTIONS = {
    "token_bytes": (libsecrets.token_bytes, st.tuples(size_arg), None),
    "token_hex": (libsecrets.token_hex, st.tuples(size_arg), None),
    "token_urlsafe": (libsecrets.token_urlsafe, st.tuples(size_arg), None),
    "randbelow": (libsecrets.randbelow, st.tuples(int_arg), None),
    "randbits": (libsecrets.randbits, st.tuples(st.integers(-3, 300) | junk), None),
    "choice": (libsecrets.choice, st.tuples(seqs), None),
    "compare_digest": (libsecrets.compare_digest, st.tuples(data_arg | text, data_arg | text), None),
    "randrange": (libsecrets.randrange, st.tuples(int_arg) | st.tuples(int_arg, int_arg)
                  | st.tuples(int_arg, int_arg, int_arg), None),
    "randint": (libsecrets.randint, st.tuples(int_arg, int_arg), None),
    "shuffle": (libsecrets.shuffle, st.tuples(st.lists(st.integers(), max_size=30)
                                              | st.builds(bytearray, st.binary(max_size=30)) | junk), None),
    "sample": (libsecrets.sample, st.tuples(seqs, st.integers(-2, 25) | junk), None),
    "choices": (libsecrets.choices, st.tuples(seqs), st.fixed_dictionaries({"k": st.integers(-2, 30) | junk})),
    "random": (libsecrets.random, st.just(()), None),
    "uniform": (libsecrets.uniform, st.tuples(st.floats() | ints | junk, st.floats() | ints | junk), None),
    "getrandbits": (SR.getrandbits, st.tuples(st.integers(-3, 300) | junk), None),
    "randbytes": (SR.randbytes, st.tuples(size_arg), None),
    "password": (libsecrets.password, st.tuples(size_arg, int_arg), None),
    "password_custom": (libsecrets.password_custom, st.tuples(size_arg, text_arg), None),
    "password_entropy_bits": (libsecrets.password_entropy_bits, st.tuples(size_arg, int_arg), None),
    "passphrase": (libsecrets.passphrase, st.tuples(size_arg, text_arg), None),
    "passphrase_custom": (libsecrets.passphrase_custom,
                          st.tuples(size_arg, st.lists(text, max_size=6) | junk, text_arg), None),
    "otp_numeric": (libsecrets.otp_numeric, st.tuples(size_arg), None),
    "otp_alphanumeric": (libsecrets.otp_alphanumeric, st.tuples(size_arg), None),
    "api_key": (libsecrets.api_key, st.tuples(text_arg, size_arg), None),
    "api_key_checksummed": (libsecrets.api_key_checksummed, st.tuples(text_arg), None),
    "api_key_check": (libsecrets.api_key_check, st.tuples(text_arg) | st.tuples(text_arg, text_arg), None),
    "uuid4": (libsecrets.uuid4, st.just(()), None),
    "entropy_bits": (libsecrets.entropy_bits, st.tuples(size_arg, size_arg), None),
    "hmac_sha256": (libsecrets.hmac_sha256, st.tuples(data_arg, data_arg), None),
    "hmac_sha256_hex": (libsecrets.hmac_sha256_hex, st.tuples(data_arg, data_arg), None),
    "hmac_sha256_verify": (libsecrets.hmac_sha256_verify, st.tuples(data_arg, data_arg, data_arg), None),
    "csrf_token": (libsecrets.csrf_token, st.tuples(data_arg, text_arg), st.fixed_dictionaries({"now": times})),
    "csrf_verify": (libsecrets.csrf_verify, st.tuples(text_arg, data_arg, text_arg),
                    st.fixed_dictionaries({"now": times, "max_age": int_arg})),
    "hotp": (libsecrets.hotp, st.tuples(data_arg, int_arg),
             st.fixed_dictionaries({"digits": int_arg, "algorithm": algorithms})),
    "totp": (libsecrets.totp, st.tuples(data_arg, times),
             st.fixed_dictionaries({"period": int_arg, "digits": int_arg, "algorithm": algorithms})),
    "totp_verify": (libsecrets.totp_verify, st.tuples(text_arg, data_arg, times),
                    st.fixed_dictionaries({"period": int_arg, "digits": int_arg, "algorithm": algorithms,
                                           "window": int_arg})),
    "hotp_verify": (libsecrets.hotp_verify, st.tuples(text_arg, data_arg, int_arg),
                    st.fixed_dictionaries({"look_ahead": int_arg, "digits": int_arg, "algorithm": algorithms})),
    "otpauth_uri_hotp": (libsecrets.otpauth_uri_hotp, st.tuples(text_arg, text_arg, data_arg, int_arg),
                         st.fixed_dictionaries({"digits": int_arg, "algorithm": algorithms})),
    "base32_encode": (libsecrets.base32_encode, st.tuples(data_arg), None),
    "base32_decode": (libsecrets.base32_decode, st.tuples(text_arg), None),
    "otpauth_uri": (libsecrets.otpauth_uri, st.tuples(text_arg, text_arg, data_arg),
                    st.fixed_dictionaries({"period": int_arg, "digits": int_arg, "algorithm": algorithms})),
    "memzero": (libsecrets.memzero, st.tuples(data_arg), None),
    "strerror": (libsecrets.strerror, st.tuples(st.integers(-(2**31), 2**31 - 1)), None),
}


def check_result(name, args, result):
    """Cheap invariants of successful calls."""
    if name in ("token_hex",) and args[0] is not None:
        assert len(result) == 2 * args[0]
    if name in ("token_bytes", "randbytes") and args[0] is not None:
        assert len(result) == args[0]
    if name in ("password", "password_custom", "otp_numeric", "otp_alphanumeric"):
        assert len(result) == args[0]
    if name in ("password_entropy_bits", "entropy_bits"):
        assert isinstance(result, float) and math.isfinite(result) and result >= 0
    if name == "randbelow":
        assert 0 <= result < args[0]
    if name == "base32_decode" or name == "hmac_sha256":
        assert isinstance(result, bytes)


def make_test(name, func, args_strategy, kwargs_strategy):
    kwargs_strategy = kwargs_strategy if kwargs_strategy is not None else st.just({})

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(args=args_strategy, kwargs=kwargs_strategy)
    def test(self, args, kwargs):
        try:
            result = func(*args, **kwargs)
        except ALLOWED:
            return
        check_result(name, args, result)

    test.__name__ = f"test_{name}"
    return test


class FuzzPublicAPI(unittest.TestCase):
    def test_every_public_function_is_fuzzed(self):
        public = {n for n in libsecrets.__all__ if callable(getattr(libsecrets, n))
                  and not isinstance(getattr(libsecrets, n), type)}
        untested = public - set(FUNCTIONS) - {"version", "library_path"}
        self.assertEqual(untested, set(), "public functions without a fuzz target")


for _name, (_func, _args, _kwargs) in FUNCTIONS.items():
    setattr(FuzzPublicAPI, f"test_{_name}", make_test(_name, _func, _args, _kwargs))


if __name__ == "__main__":
    unittest.main(verbosity=1)
