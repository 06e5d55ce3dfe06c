"""libsecrets.SystemRandom as a drop-in for random.SystemRandom on the running
CPython: every draw comes from the C library, and every argument case
(including the ones that changed between 3.8 and 3.13) gives the outcome
the interpreter's own SystemRandom gives."""

import collections
import math
import os
import pickle
import random
import secrets
import unittest
import warnings
from fractions import Fraction
from unittest import mock

import libsecrets

from .test_libsecrets import assert_uniform


def outcome(call):
    """('ok', result type) or ('raises', exception type), and the warning categories."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = ("ok", type(call()))
        except Exception as e:  # noqa: BLE001 - the type is what is compared
            result = ("raises", type(e))
    return result, sorted({w.category.__name__ for w in caught})


class NoUrandom:
    """Makes os.urandom (as random.py sees it) unusable, so a draw that
    does not come from the library fails the test."""

    def __enter__(self):
        def refuse(n):
            raise AssertionError("a draw went to os.urandom instead of libsecrets")

        self.patches = [mock.patch("random._urandom", refuse), mock.patch("os.urandom", refuse)]
        for p in self.patches:
            p.start()

    def __exit__(self, *exc):
        for p in reversed(self.patches):
            p.stop()


class TestDropIn(unittest.TestCase):
    gen = libsecrets.SystemRandom()
    ref = random.SystemRandom()

    def test_is_a_random_systemrandom(self):
        self.assertIsInstance(self.gen, random.Random)
        self.assertIsInstance(self.gen, random.SystemRandom)

    def test_every_method_draws_from_the_library(self):
        gen = self.gen
        calls = [
            gen.random, lambda: gen.getrandbits(1), lambda: gen.getrandbits(64),
            lambda: gen.getrandbits(65), lambda: gen.getrandbits(1000), lambda: gen.randbytes(40),
            lambda: gen.randrange(10), lambda: gen.randrange(-5, 2**200, 7), lambda: gen.randint(1, 6),
            lambda: gen.choice("abc"), lambda: gen.choice(b"abc"), lambda: gen.choices("abc", k=5),
            lambda: gen.choices("abc", [1, 2, 3], k=5), lambda: gen.choices("abc", cum_weights=[1, 2, 3]),
            lambda: gen.shuffle(list(range(10))), lambda: gen.shuffle(bytearray(b"abcdef")),
            lambda: gen.shuffle(collections.deque(range(10))), lambda: gen.sample(range(100), 10),
            lambda: gen.sample(range(10**12), 3), lambda: gen.uniform(0, 1), lambda: gen.uniform(0, 10**30),
            lambda: gen.triangular(0, 1), lambda: gen.gauss(0, 1), lambda: gen.normalvariate(0, 1),
            lambda: gen.lognormvariate(0, 1), lambda: gen.expovariate(1), lambda: gen.vonmisesvariate(0, 1),
            lambda: gen.gammavariate(0.5, 1), lambda: gen.betavariate(2, 3), lambda: gen.paretovariate(1),
            lambda: gen.weibullvariate(1, 1),
            lambda: libsecrets.token_bytes(), lambda: libsecrets.token_hex(5), lambda: libsecrets.token_urlsafe(5),
            lambda: libsecrets.randbelow(2**70), lambda: libsecrets.randbits(100), lambda: libsecrets.choice([1, 2]),
        ]
        if hasattr(random.Random, "binomialvariate"):  # 3.12+
            calls.append(lambda: gen.binomialvariate(10, 0.3))
        if hasattr(random.Random, "randbytes"):  # 3.9+
            calls.append(lambda: gen.sample(["a", "b"], 3, counts=[2, 2]))
        with NoUrandom():
            for call in calls:
                call()
        with NoUrandom(), self.assertRaises(AssertionError):
            self.ref.random()  # the guard itself works

    def test_argument_cases_behave_as_this_cpython(self):
        cases = [
            ("randrange", (1000,), {"step": 100}),  # TypeError from 3.10 on (stop missing)
            ("randrange", (1000, None), {"step": 100}),
            ("randrange", (3.0,), {}), ("randrange", (3.5,), {}), ("randrange", ("3",), {}),
            ("randrange", (Fraction(3, 1),), {}), ("randrange", (0, 10, 1.0), {}), ("randrange", (0, 42, 0), {}),
            ("randrange", (0,), {}), ("randrange", (3, 3), {}), ("randrange", (0, 100, -12), {}),
            ("randrange", (2**80, 2**81, 2**70), {}), ("randrange", (-(2**70),), {}),
            ("randint", (1, 0), {}), ("randint", (1.0, 2), {}), ("randint", (1.5, 2), {}),
            ("getrandbits", (0,), {}), ("getrandbits", (-1,), {}), ("getrandbits", (1.5,), {}),
            ("getrandbits", (10.0,), {}), ("getrandbits", (), {}),
            ("choice", ([],), {}), ("choice", ("",), {}), ("choice", (b"",), {}), ("choice", ({1: 2},), {}),
            ("choice", ({1, 2},), {}), ("choices", ([],), {"k": 2}), ("choices", ([],), {"k": 0}),
            ("choices", ("abc",), {"k": -1}), ("choices", ("abc", [1, 2]), {}), ("choices", ("abc",), {"k": 1.5}),
            ("choices", ("abc", [0, 0, 0]), {}), ("choices", ("abc", [1, 2, 3]), {"cum_weights": [1, 2, 3]}),
            ("sample", ({"a": 1, "b": 2}, 1), {}),  # TypeError: a dict is not a sequence
            ("sample", ({1, 2, 3}, 1), {}), ("sample", (range(5), 2), {"counts": [1, 1, 1, 1, 1]}),
            ("sample", (range(5), 2), {"counts": [1, 1]}), ("sample", (range(5), 6), {}),
            ("sample", (range(5), -1), {}), ("sample", (range(3), 4), {"counts": [1, 1, 1]}),
            ("sample", ("ab", 2), {"counts": [-1, 3]}), ("sample", (range(5),), {}),
            ("shuffle", ([1, 2, 3],), {"random": lambda: 0.5}), ("shuffle", ((1, 2),), {}),
            ("shuffle", ("abc",), {}), ("uniform", ("a", 1), {}), ("uniform", (0, float("inf")), {}),
            ("seed", (), {}), ("seed", (100,), {}), ("seed", ("abc",), {"version": 1}),
            ("getstate", (), {}), ("setstate", (None,), {}), ("randbytes", (-1,), {}),
            ("randbytes", (1.5,), {}), ("randbytes", (0,), {}),
        ]
        for name, args, kwargs in cases:
            with self.subTest(name=name, args=args, kwargs=kwargs):
                if not hasattr(self.ref, name):
                    continue  # e.g. randbytes on 3.8: ours is an addition
                ours = outcome(lambda: getattr(self.gen, name)(*args, **kwargs))
                theirs = outcome(lambda: getattr(self.ref, name)(*args, **kwargs))
                self.assertEqual(ours, theirs)

    def test_module_functions_behave_as_this_cpythons_secrets(self):
        cases = [
            ("randbelow", (0,)), ("randbelow", (-1,)), ("randbelow", (1,)), ("randbelow", (2**100,)),
            ("randbits", (-1,)), ("randbits", (0,)), ("randbits", (7,)), ("choice", ([],)),
            ("choice", ("ab",)), ("token_bytes", (-1,)), ("token_bytes", (1.5,)), ("token_bytes", (None,)),
            ("token_hex", (-1,)), ("token_hex", ("3",)), ("token_urlsafe", (-1,)), ("token_urlsafe", (0,)),
            ("compare_digest", ("a", b"a")), ("compare_digest", ("é", "é")), ("compare_digest", (1, 1)),
            ("compare_digest", (b"a", bytearray(b"a"))),
        ]
        for name, args in cases:
            with self.subTest(name=name, args=args):
                self.assertEqual(outcome(lambda: getattr(libsecrets, name)(*args)),
                                 outcome(lambda: getattr(secrets, name)(*args)))

    def test_pickling_and_state_raise_as_cpython(self):
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            self.assertRaises(NotImplementedError, pickle.dumps, self.gen, proto)
        self.assertRaises(NotImplementedError, self.gen.getstate)
        self.assertIsNone(self.gen.seed(123))

    def test_sample_with_counts_is_uniform(self):
        if not hasattr(random.Random, "randbytes"):
            self.skipTest("sample(counts=) is new in Python 3.9")
        counts = collections.Counter(tuple(self.gen.sample("ab", 2, counts=[1, 2])) for _ in range(3000))
        # population a, b, b: ordered pairs (a,b) 2/6, (b,a) 2/6, (b,b) 2/6
        self.assertEqual(set(counts), {("a", "b"), ("b", "a"), ("b", "b")})
        assert_uniform(self, counts, list(counts), "sample with counts")

    def test_choices_and_list_shuffle_are_uniform(self):
        counts = collections.Counter(self.gen.choices(range(6), k=6000))
        assert_uniform(self, counts, range(6), "choices")
        orders = collections.Counter()
        for _ in range(6000):
            x = [1, 2, 3]
            self.gen.shuffle(x)
            orders[tuple(x)] += 1
        self.assertEqual(len(orders), 6)
        assert_uniform(self, orders, list(orders), "shuffle(list)")

    def test_large_bounds_are_exact_and_in_range(self):
        for n in (2**64 - 1, 2**64, 2**64 + 1, 3 * 2**100):
            for _ in range(50):
                self.assertTrue(0 <= self.gen._randbelow(n) < n)
        self.assertEqual(self.gen.getrandbits(200).bit_length() <= 200, True)
        top = [self.gen.getrandbits(130) >> 129 for _ in range(64)]
        self.assertIn(1, top)


if __name__ == "__main__":
    unittest.main()
