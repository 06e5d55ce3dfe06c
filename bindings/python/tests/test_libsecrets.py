"""Tests of the ctypes binding against Python's own secrets/random/hmac/base64
modules: same formats, same lengths, same exceptions. Standard library only.
From a checkout (the library is found in target/release, or LIBSECRETS_PATH):

    python3 -m unittest discover -s bindings/python/tests -t bindings/python

bindings/python/run-tests.sh runs them against the installed wheel instead.
"""

import base64
import collections
import ctypes
import hashlib
import hmac
import math
import os
import random as pyrandom
import re
import secrets
import string
import struct
import unittest
import urllib.parse
import uuid
import zlib

import libsecrets

HEX = set("0123456789abcdef")
URLSAFE = set(string.ascii_letters + string.digits + "-_")


def chi_square_limit(df):
    """Upper critical value of chi-square at p ~ 1e-6 (Wilson-Hilferty, z = 4.75),
    as ctests/check.h: a fair generator fails about once in a million runs."""
    c = 2.0 / (9.0 * df)
    return df * (1.0 - c + 4.75 * math.sqrt(c)) ** 3


def assert_uniform(case, counts, bins, what):
    total = sum(counts.get(b, 0) for b in bins)
    expected = total / len(bins)
    stat = sum((counts.get(b, 0) - expected) ** 2 / expected for b in bins)
    case.assertLess(stat, chi_square_limit(len(bins) - 1), f"{what} not uniform: {counts}")
    case.assertEqual(total, sum(counts.values()), f"{what} produced values outside {bins}")


def same_exception(case, ours, theirs):
    """Both calls raise, and ours raises an instance of the type theirs raises."""
    with case.assertRaises(Exception) as expected:
        theirs()
    with case.assertRaises(type(expected.exception)):
        ours()


class TestTokens(unittest.TestCase):
    def test_token_bytes_lengths_match_python(self):
        for n in range(0, 100):
            self.assertEqual(len(libsecrets.token_bytes(n)), len(secrets.token_bytes(n)))
        self.assertEqual(len(libsecrets.token_bytes()), len(secrets.token_bytes()))
        self.assertEqual(libsecrets.DEFAULT_ENTROPY, 32)

    def test_token_hex_lengths_and_alphabet_match_python(self):
        for n in range(0, 100):
            t = libsecrets.token_hex(n)
            self.assertEqual(len(t), len(secrets.token_hex(n)))
            self.assertLessEqual(set(t), HEX)
            self.assertEqual(bytes.fromhex(t).hex(), t)
        self.assertEqual(len(libsecrets.token_hex()), len(secrets.token_hex()))

    def test_token_urlsafe_lengths_and_alphabet_match_python(self):
        for n in range(0, 100):
            t = libsecrets.token_urlsafe(n)
            self.assertEqual(len(t), len(secrets.token_urlsafe(n)), n)
            self.assertLessEqual(set(t), URLSAFE)
            # Unpadded base64url of exactly n bytes, as Python's.
            self.assertEqual(len(base64.urlsafe_b64decode(t + "=" * (-len(t) % 4))), n)
        self.assertEqual(len(libsecrets.token_urlsafe()), len(secrets.token_urlsafe()))

    def test_tokens_differ(self):
        self.assertNotEqual(libsecrets.token_bytes(16), libsecrets.token_bytes(16))
        self.assertNotEqual(libsecrets.token_hex(16), libsecrets.token_hex(16))

    def test_every_byte_value_appears_uniformly(self):
        data = libsecrets.token_bytes(256 * 200)
        assert_uniform(self, collections.Counter(data), range(256), "token_bytes")

    def test_negative_sizes_raise_like_python(self):
        # ctypes alone would turn -1 into SIZE_MAX: the binding must check.
        for f, g in ((libsecrets.token_bytes, secrets.token_bytes),
                     (libsecrets.token_hex, secrets.token_hex),
                     (libsecrets.token_urlsafe, secrets.token_urlsafe)):
            same_exception(self, lambda: f(-1), lambda: g(-1))
            same_exception(self, lambda: f(1.5), lambda: g(1.5))


class TestIntegers(unittest.TestCase):
    def test_randbelow_range_and_errors_match_python(self):
        for n in (1, 2, 3, 6, 10, 62, 95, 2**32 + 1, 2**63 + 1, 10**19, 2**64 - 1, 2**64, 2**200 + 7):
            for _ in range(20):
                r = libsecrets.randbelow(n)
                self.assertIsInstance(r, int)
                self.assertTrue(0 <= r < n, (n, r))
        self.assertEqual(libsecrets.randbelow(1), 0)
        for bad in (0, -1, -(2**70)):
            same_exception(self, lambda: libsecrets.randbelow(bad), lambda: secrets.randbelow(bad))

    def test_randbelow_is_uniform(self):
        counts = collections.Counter(libsecrets.randbelow(7) for _ in range(7000))
        assert_uniform(self, counts, range(7), "randbelow(7)")

    def test_randbits_matches_python(self):
        # randbits(0): 0 from Python 3.9 on, ValueError before (test_systemrandom compares)
        for k in range(1, 140):
            r = libsecrets.randbits(k)
            self.assertTrue(0 <= r < 2**k, (k, r))
        # The top bit is used: among 64 draws of k bits, some reach 2**(k-1).
        for k in (8, 63, 64, 65, 129):
            self.assertTrue(any(libsecrets.randbits(k) >> (k - 1) for _ in range(64)), k)
        same_exception(self, lambda: libsecrets.randbits(-1), lambda: secrets.randbits(-1))

    def test_randrange_matches_python_semantics(self):
        cases = [(10,), (0, 10), (5, 6), (-5, 5), (0, 10, 3), (10, 0, -3), (-1, -20, -7),
                 (2**62, 2**63 - 1, 2**60), (-(2**63), 2**63 - 1), (2**70, 2**70 + 9, 2),
                 (-(2**80), 2**80, 2**79)]
        for args in cases:
            allowed = range(*args)
            seen = {libsecrets.randrange(*args) for _ in range(60)}
            for v in seen:
                self.assertIn(v, allowed, args)
        for bad in ((0,), (5, 5), (0, 10, 0), (10, 0), (0, 10, -1), (2**70, 2**70)):
            same_exception(self, lambda: libsecrets.randrange(*bad), lambda: pyrandom.randrange(*bad))

    def test_randrange_negative_step_is_uniform(self):
        counts = collections.Counter(libsecrets.randrange(10, 0, -3) for _ in range(4000))
        assert_uniform(self, counts, [10, 7, 4, 1], "randrange(10, 0, -3)")


class TestSequences(unittest.TestCase):
    def test_choice_matches_python(self):
        for seq in ("abc", [1, 2, 3], (None,), range(5, 50, 5), b"xyz", bytearray(b"\x00\xff")):
            for _ in range(20):
                c = libsecrets.choice(seq)
                self.assertIn(c, seq)
                self.assertIs(type(c), type(secrets.choice(seq)))
        for empty in ("", [], b"", bytearray()):
            same_exception(self, lambda: libsecrets.choice(empty), lambda: secrets.choice(empty))

    def test_choice_of_bytes_is_uniform(self):
        counts = collections.Counter(libsecrets.choice(b"abcde") for _ in range(5000))
        assert_uniform(self, counts, list(b"abcde"), "choice(bytes)")

    def test_shuffle_permutes_lists_and_bytearrays(self):
        for x in (list(range(50)), bytearray(range(200)), [], [1]):
            before = sorted(x)
            libsecrets.shuffle(x)
            self.assertEqual(sorted(x), before)
        x = list(range(64))
        libsecrets.shuffle(x)
        self.assertNotEqual(x, list(range(64)))  # fails with probability 1/64!

    def test_shuffle_orders_are_uniform(self):
        for make in (lambda: [1, 2, 3], lambda: bytearray(b"abc")):
            counts = collections.Counter()
            for _ in range(6000):
                x = make()
                libsecrets.shuffle(x)
                counts[bytes(x) if isinstance(x, bytearray) else tuple(x)] += 1
            self.assertEqual(len(counts), 6)
            assert_uniform(self, counts, list(counts), "shuffle orders")

    def test_sample_matches_python(self):
        population = list("abcdefghij")
        for k in range(0, 11):
            s = libsecrets.sample(population, k)
            self.assertEqual(len(s), len(pyrandom.sample(population, k)))
            self.assertEqual(len(set(s)), k)
            self.assertLessEqual(set(s), set(population))
        self.assertEqual(sorted(libsecrets.sample(range(1000), 1000)), list(range(1000)))
        for bad in (11, -1):
            same_exception(self, lambda: libsecrets.sample(population, bad),
                           lambda: pyrandom.sample(population, bad))

    def test_sample_positions_are_uniform(self):
        counts = collections.Counter(tuple(libsecrets.sample(range(4), 2)) for _ in range(6000))
        self.assertEqual(len(counts), 12)
        assert_uniform(self, counts, list(counts), "sample(range(4), 2)")


class TestFloats(unittest.TestCase):
    def test_random_is_a_53_bit_multiple_in_unit_interval(self):
        for _ in range(1000):
            r = libsecrets.random()
            self.assertTrue(0.0 <= r < 1.0)
            self.assertEqual(r * 2**53, int(r * 2**53))

    def test_uniform(self):
        for a, b in ((0, 1), (-5, 5), (3, 2), (1e300, -1e300 / 2)):
            for _ in range(100):
                v = libsecrets.uniform(a, b)
                self.assertTrue(min(a, b) <= v <= max(a, b), (a, b, v))
        # Non-finite bounds behave as CPython's uniform: no exception, a non-finite result.
        for a, b in ((0, float("inf")), (float("nan"), 1), (-1e308, 1e308)):
            ours, theirs = libsecrets.uniform(a, b), pyrandom.SystemRandom().uniform(a, b)
            self.assertEqual(math.isfinite(ours), math.isfinite(theirs), (a, b, ours, theirs))


class TestCompareDigest(unittest.TestCase):
    def test_agrees_with_python(self):
        cases = [(b"", b""), (b"a", b"a"), (b"a", b"b"), (b"abc", b"ab"), (b"\x00", b""),
                 ("token", "token"), ("token", "tokeN"), ("", ""),
                 (bytearray(b"key"), b"key"), (memoryview(b"key"), bytearray(b"kez"))]
        for a, b in cases:
            self.assertIs(libsecrets.compare_digest(a, b), secrets.compare_digest(a, b), (a, b))
        for a, b in (("a", b"a"), (b"a", "a"), ("é", "é"), (1, 1), (None, b"")):
            same_exception(self, lambda: libsecrets.compare_digest(a, b),
                           lambda: secrets.compare_digest(a, b))


class TestBindingRules(unittest.TestCase):
    """The buffer and error rules, shown at the ctypes level."""

    def test_status_errors_map_to_python_exceptions(self):
        self.assertTrue(issubclass(libsecrets.InvalidArgumentError, ValueError))
        self.assertTrue(issubclass(libsecrets.MalformedError, ValueError))
        self.assertTrue(issubclass(libsecrets.EntropyError, OSError))
        self.assertTrue(issubclass(libsecrets.InternalError, RuntimeError))
        self.assertEqual(libsecrets.InternalError.status, 8)
        for cls in (libsecrets.NullPointerError, libsecrets.BufferTooSmallError,
                    libsecrets.InvalidArgumentError, libsecrets.EntropyError,
                    libsecrets.MismatchError, libsecrets.ExpiredError, libsecrets.MalformedError,
                    libsecrets.InternalError):
            self.assertTrue(issubclass(cls, libsecrets.SecretsError))
        with self.assertRaises(libsecrets.InvalidArgumentError) as ctx:
            libsecrets.password(10, 0)  # no character class
        self.assertEqual(ctx.exception.status, libsecrets.Status.ERR_INVALID_ARGUMENT)
        self.assertIn(libsecrets.strerror(libsecrets.Status.ERR_INVALID_ARGUMENT), str(ctx.exception))

    def test_too_small_buffer_is_an_error_and_zeroed(self):
        raw = libsecrets._c["token_hex"]  # the errcheck-wrapped C function
        buf = ctypes.create_string_buffer(b"\xaa" * 32, 32)
        with self.assertRaises(libsecrets.BufferTooSmallError) as ctx:
            raw(buf, 32, 16)  # 16 bytes need 33: 32 hex digits and the NUL
        self.assertEqual(ctx.exception.status, libsecrets.Status.ERR_BUFFER_TOO_SMALL)
        self.assertEqual(buf.raw, bytes(32), "a failed call zeroes the whole output")
        big = ctypes.create_string_buffer(33)
        raw(big, 33, 16)
        self.assertEqual(len(big.value), 32)

    def test_null_output_is_an_error_not_a_crash(self):
        with self.assertRaises(libsecrets.NullPointerError):
            libsecrets._c["token_hex"](None, 10, 1)
        with self.assertRaises(libsecrets.NullPointerError):
            libsecrets._c["randbelow"](None, 10)

    def test_strerror_and_version(self):
        texts = {libsecrets.strerror(s) for s in libsecrets.Status}
        self.assertEqual(len(texts), len(libsecrets.Status))
        self.assertIn(libsecrets.strerror(99), libsecrets.strerror(-1))
        self.assertRegex(libsecrets.version(), r"^\d+\.\d+\.\d+")
        self.assertEqual(libsecrets.__version__, libsecrets.version())
        cargo = os.path.join(os.path.dirname(__file__), "..", "..", "..", "Cargo.toml")
        if os.path.exists(cargo):
            with open(cargo, encoding="utf-8") as f:
                declared = re.search(r'^version\s*=\s*"([^"]+)"', f.read(), re.M).group(1)
            self.assertEqual(libsecrets.version(), declared)

    def test_memzero(self):
        secret = bytearray(b"hunter2")
        libsecrets.memzero(secret)
        self.assertEqual(secret, bytearray(7))
        libsecrets.memzero(bytearray())
        with self.assertRaises(TypeError):
            libsecrets.memzero(b"immutable")

    def test_embedded_nul_is_refused(self):
        with self.assertRaises(ValueError):
            libsecrets._cstr("a\0b", "text")

    def test_all_is_complete(self):
        for name in libsecrets.__all__:
            self.assertTrue(hasattr(libsecrets, name), name)
        for name in secrets.__all__:
            self.assertIn(name, libsecrets.__all__)
        self.assertNotIn("secrets", libsecrets.__name__.split("."))


class TestHumanFacing(unittest.TestCase):
    def test_password(self):
        allowed = set(string.ascii_letters + string.digits + string.punctuation)
        for n in (4, 16, 64):
            p = libsecrets.password(n)
            self.assertEqual(len(p), n)
            self.assertLessEqual(set(p), allowed)
            # EACH_CLASS in the default policy
            for cls in (string.ascii_lowercase, string.ascii_uppercase, string.digits, string.punctuation):
                self.assertTrue(set(p) & set(cls), (p, cls))
        digits = libsecrets.password(30, libsecrets.DIGITS)
        self.assertTrue(digits.isdigit() and len(digits) == 30)
        with self.assertRaises(ValueError):
            libsecrets.password(10, 0)
        safe = libsecrets.password(40, policy=libsecrets.Policy.LOWER | libsecrets.Policy.SAFE_SYMBOLS)
        self.assertLessEqual(set(safe), set(string.ascii_lowercase + "!@#$%^&*-_+."))
        self.assertIsInstance(libsecrets.Policy.DEFAULT, int)
        self.assertEqual(libsecrets.PASSWORD_DEFAULT, libsecrets.LOWER | libsecrets.UPPER | libsecrets.DIGITS
                         | libsecrets.SYMBOLS | libsecrets.EACH_CLASS)
        for bad in (-1, 2**32):  # ctypes alone would wrap these into valid-looking flags
            with self.assertRaises((ValueError, OverflowError)):
                libsecrets.password(10, bad)

    def test_password_custom(self):
        p = libsecrets.password_custom(40, "abc")
        self.assertEqual(len(p), 40)
        self.assertLessEqual(set(p), set("abc"))
        with self.assertRaises(ValueError):
            libsecrets.password_custom(10, "aab")
        with self.assertRaises(libsecrets.InvalidArgumentError):
            libsecrets.password_custom(10, "éa")

    def test_password_entropy_bits(self):
        self.assertAlmostEqual(libsecrets.password_entropy_bits(10, libsecrets.DIGITS),
                               10 * math.log2(10), places=6)
        # Any size_t is defined in C, so here too (issue: OverflowError at 2**63).
        for n in (2**63, 2**64 - 1):
            bits = libsecrets.password_entropy_bits(n, libsecrets.DIGITS)
            self.assertTrue(math.isfinite(bits) and bits > 0, bits)
        self.assertEqual(libsecrets.password_entropy_bits(10, 0), 0.0)
        with self.assertRaises(OverflowError):
            libsecrets.password_entropy_bits(2**64)

    def test_passphrase(self):
        for n in (1, 6, 12):
            p = libsecrets.passphrase(n, ".")
            self.assertEqual(len(p.split(".")), n)
        self.assertEqual(len(libsecrets.passphrase(5).split("-")), 5)

    def test_passphrase_custom(self):
        words = ["alpha", "beta", "gamma", "delta"]
        p = libsecrets.passphrase_custom(8, words, " ")
        parts = p.split(" ")
        self.assertEqual(len(parts), 8)
        self.assertLessEqual(set(parts), set(words))
        words = ["grüße", "ναι", "日本", "ok"]  # UTF-8 words and separator come back as str
        parts = libsecrets.passphrase_custom(6, words, "·").split("·")
        self.assertEqual(len(parts), 6)
        self.assertLessEqual(set(parts), set(words))

    def test_otp_numeric(self):
        for n in (1, 6, 64):
            c = libsecrets.otp_numeric(n)
            self.assertEqual(len(c), n)
            self.assertTrue(c.isdigit())
        counts = collections.Counter(libsecrets.otp_numeric(1) for _ in range(5000))
        assert_uniform(self, counts, list("0123456789"), "otp_numeric(1)")

    def test_otp_alphanumeric(self):
        c = libsecrets.otp_alphanumeric(64)  # SECRETS_OTP_CODE_MAX_LEN
        self.assertEqual(len(c), 64)
        self.assertLessEqual(set(c), set("23456789ABCDEFGHJKLMNPQRSTUVWXYZ"))

    def test_api_key(self):
        self.assertRegex(libsecrets.api_key("sk_live", 16), r"^sk_live_[0-9a-f]{32}$")
        self.assertRegex(libsecrets.api_key(None, 8), r"^[0-9a-f]{16}$")
        self.assertRegex(libsecrets.api_key("", 8), r"^[0-9a-f]{16}$")
        with self.assertRaises(ValueError):
            libsecrets.api_key("bad-prefix", 8)

    def test_api_key_checksummed(self):
        key = libsecrets.api_key_checksummed("ghp")
        self.assertRegex(key, r"^ghp_[0-9A-Za-z]{36}$")
        self.assertTrue(libsecrets.api_key_check(key))
        last = key[-1]
        tampered = key[:-1] + ("A" if last != "A" else "B")
        with self.assertRaises(libsecrets.MalformedError):
            libsecrets.api_key_check(tampered)
        # GitHub's scheme: the checksum covers the 30 random characters only.
        base62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
        crc, digits = zlib.crc32(key[4:34].encode()), ""
        for _ in range(6):
            crc, r = divmod(crc, 62)
            digits = base62[r] + digits
        self.assertEqual(key[34:], digits)
        self.assertTrue(libsecrets.api_key_check(key, prefix="ghp"))
        other = libsecrets.api_key_check(key, prefix="gho")
        self.assertFalse(other)
        self.assertTrue(other.mismatch)
        with self.assertRaises(libsecrets.MalformedError):
            libsecrets.api_key_check(tampered, prefix="ghp")

    def test_uuid4(self):
        for _ in range(50):
            u = libsecrets.uuid4()
            parsed = uuid.UUID(u)
            self.assertEqual(parsed.version, 4)
            self.assertEqual(parsed.variant, uuid.RFC_4122)
            self.assertEqual(str(parsed), u)  # lowercase, canonical form
            self.assertEqual(len(u), len(str(uuid.uuid4())))

    def test_entropy_bits(self):
        self.assertAlmostEqual(libsecrets.entropy_bits(43, 64), 258.0)
        self.assertEqual(libsecrets.entropy_bits(10, 1), 0.0)


def reference_hotp(key, counter, digits, algorithm):
    digest = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha512": hashlib.sha512}[algorithm]
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    code = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(code % 10**digits).zfill(digits)


class TestAuthentication(unittest.TestCase):
    KEY = b"12345678901234567890"  # RFC 4226 / 6238 test key

    def test_hmac_sha256_matches_hmac_module(self):
        for klen, mlen in ((0, 0), (1, 3), (32, 100), (64, 1), (65, 0), (200, 1000)):
            key, msg = os.urandom(klen), os.urandom(mlen)
            expected = hmac.new(key, msg, hashlib.sha256).digest()
            self.assertEqual(libsecrets.hmac_sha256(key, msg), expected)
            self.assertEqual(libsecrets.hmac_sha256(bytearray(key), bytearray(msg)), expected)
            self.assertEqual(libsecrets.hmac_sha256_hex(key, msg), expected.hex())
            self.assertTrue(libsecrets.hmac_sha256_verify(expected, key, msg))
            wrong = bytes([expected[0] ^ 1]) + expected[1:]
            result = libsecrets.hmac_sha256_verify(wrong, key, msg)
            self.assertFalse(result)
            self.assertTrue(result.mismatch)
            self.assertFalse(libsecrets.hmac_sha256_verify(expected[:16], key, msg))

    def test_hotp_matches_reference(self):
        # RFC 4226 appendix D
        rfc = ["755224", "287082", "359152", "969429", "338314",
               "254676", "287922", "162583", "399871", "520489"]
        for counter, code in enumerate(rfc):
            self.assertEqual(libsecrets.hotp(self.KEY, counter), code)
        for alg in libsecrets.ALGORITHMS:
            for digits in (6, 7, 8, 10):
                for counter in (0, 1, 2**32, 2**63):
                    self.assertEqual(libsecrets.hotp(self.KEY, counter, digits=digits, algorithm=alg),
                                     reference_hotp(self.KEY, counter, digits, alg))
        self.assertEqual(libsecrets.hotp(self.KEY, 0, algorithm="SHA256"),
                         reference_hotp(self.KEY, 0, 6, "sha256"))
        with self.assertRaises(ValueError):
            libsecrets.hotp(self.KEY, 0, algorithm="md5")
        with self.assertRaises(TypeError):
            libsecrets.hotp(self.KEY, 0, algorithm=2)
        with self.assertRaises(ValueError):
            libsecrets.hotp(self.KEY, 0, digits=5)
        with self.assertRaises(OverflowError):  # ctypes would wrap 2**32 + 6 to 6
            libsecrets.hotp(self.KEY, 0, digits=2**32 + 6)

    def test_totp_matches_rfc6238(self):
        keys = {"sha1": self.KEY, "sha256": self.KEY + self.KEY[:12],
                "sha512": self.KEY * 3 + self.KEY[:4]}
        for t in (59, 1111111109, 1234567890, 2000000000, 20000000000):
            for alg, key in keys.items():
                self.assertEqual(libsecrets.totp(key, t, period=30, digits=8, algorithm=alg),
                                 reference_hotp(key, t // 30, 8, alg))
                self.assertEqual(libsecrets.totp(key, t + 0.9, digits=8, algorithm=alg),
                                 reference_hotp(key, t // 30, 8, alg))

    def test_totp_verify(self):
        t = 1_700_000_000
        code = reference_hotp(self.KEY, (t - 30) // 30, 6, "sha1")
        ok = libsecrets.totp_verify(code, self.KEY, t, window=1)
        self.assertTrue(ok)
        self.assertEqual(ok.counter, (t - 30) // 30)
        self.assertEqual(ok.verdict, libsecrets.Verdict.VALID)
        late = libsecrets.totp_verify(code, self.KEY, t + 90, window=1)
        self.assertFalse(late)
        self.assertTrue(late.mismatch)
        self.assertIsNone(late.counter)
        for malformed in ("12345", "12a456", " 123456", "1234567"):
            with self.assertRaises(libsecrets.MalformedError):
                libsecrets.totp_verify(malformed, self.KEY, t)

    def test_hotp_verify(self):
        rfc = ["755224", "287082", "359152", "969429", "338314"]
        ok = libsecrets.hotp_verify(rfc[0], self.KEY, 0)
        self.assertTrue(ok)
        self.assertEqual(ok.counter, 0)
        ahead = libsecrets.hotp_verify(rfc[3], self.KEY, 1, look_ahead=5)
        self.assertEqual((bool(ahead), ahead.counter), (True, 3))
        missed = libsecrets.hotp_verify(rfc[3], self.KEY, 0, look_ahead=2)
        self.assertFalse(missed)
        self.assertTrue(missed.mismatch)
        self.assertIsNone(missed.counter)
        self.assertFalse(libsecrets.hotp_verify(rfc[0], self.KEY, 1, look_ahead=3))  # no going back
        code = reference_hotp(self.KEY, 7, 8, "sha512")
        self.assertEqual(libsecrets.hotp_verify(code, self.KEY, 7, digits=8, algorithm="sha512").counter, 7)
        with self.assertRaises(libsecrets.MalformedError):
            libsecrets.hotp_verify("75522", self.KEY, 0)

    def test_otpauth_uri_hotp(self):
        uri = libsecrets.otpauth_uri_hotp("Example", "bob", self.KEY, 42, digits=8)
        parts = urllib.parse.urlsplit(uri)
        self.assertEqual((parts.scheme, parts.netloc), ("otpauth", "hotp"))
        query = dict(urllib.parse.parse_qsl(parts.query))
        self.assertEqual(query["counter"], "42")
        self.assertEqual(query["digits"], "8")
        self.assertEqual(query["secret"], base64.b32encode(self.KEY).decode().rstrip("="))

    def test_base32_matches_base64_module(self):
        for n in range(0, 40):
            data = os.urandom(n)
            expected = base64.b32encode(data).decode().rstrip("=")
            self.assertEqual(libsecrets.base32_encode(data), expected)
            self.assertEqual(libsecrets.base32_decode(expected), data)
            self.assertEqual(libsecrets.base32_decode(expected.lower()), data)
            self.assertEqual(libsecrets.base32_decode(base64.b32encode(data).decode()), data)

    def test_base32_decode_rejects_garbage(self):
        with self.assertRaises(libsecrets.MalformedError):
            libsecrets.base32_decode("not base32!")

    def test_csrf_round_trip(self):
        key = bytes(range(32))
        now = 1_700_000_000
        token = libsecrets.csrf_token(key, "session-1", now=now)
        self.assertLessEqual(set(token), URLSAFE | set("."))
        self.assertNotEqual(token, libsecrets.csrf_token(key, "session-1", now=now))
        ok = libsecrets.csrf_verify(token, key, "session-1", now=now + 10, max_age=3600)
        self.assertTrue(ok)
        self.assertEqual(ok, libsecrets.Verification(libsecrets.Verdict.VALID))
        for result in (libsecrets.csrf_verify(token, key, "session-2", now=now + 10),
                       libsecrets.csrf_verify(token, bytes(32), "session-1", now=now + 10),
                       libsecrets.csrf_verify(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), key,
                                              "session-1", now=now + 10)):
            self.assertFalse(result)
            self.assertTrue(result.mismatch and not result.expired, result)
        expired = libsecrets.csrf_verify(token, key, "session-1", now=now + 3601 + 60, max_age=3600)
        self.assertFalse(expired)
        self.assertTrue(expired.expired and not expired.mismatch)
        with self.assertRaises(libsecrets.MalformedError):
            libsecrets.csrf_verify("garbage", key, "session-1", now=now)
        with self.assertRaises(ValueError):
            libsecrets.csrf_verify(token, key, "session-1", now=-1)

    def test_otpauth_uri(self):
        uri = libsecrets.otpauth_uri("Example Co", "alice@example.com", self.KEY)
        parts = urllib.parse.urlsplit(uri)
        self.assertEqual((parts.scheme, parts.netloc), ("otpauth", "totp"))
        self.assertEqual(urllib.parse.unquote(parts.path), "/Example Co:alice@example.com")
        query = dict(urllib.parse.parse_qsl(parts.query))
        self.assertEqual(query["secret"].upper().rstrip("="),
                         base64.b32encode(self.KEY).decode().rstrip("="))
        self.assertEqual(query["issuer"], "Example Co")
        self.assertEqual(query["digits"], "6")
        self.assertEqual(query["period"], "30")


if __name__ == "__main__":
    unittest.main()
