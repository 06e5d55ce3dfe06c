"""Runs CPython's own tests against libsecrets: Lib/test/test_secrets.py with
libsecrets in place of the secrets module, and the SystemRandom tests of
Lib/test/test_random.py (SystemRandom_TestBasicOps, with everything it
inherits from TestBasicOps) with libsecrets.SystemRandom as the generator.

The test files are the running interpreter's own (its stdlib ``test``
package), so each CPython version checks its own behaviour. While they
run, os.urandom as random.py sees it refuses to work: a draw that does not
come from the library fails. Exits non-zero on any failure, or when a suite
ran no test. Usage: python cpython_suites.py
"""

import os
import platform
import random
import sys
import unittest

import libsecrets


def load_suites():
    try:
        import test.test_random as test_random
        import test.test_secrets as test_secrets
    except ImportError as e:
        sys.exit(
            f"cpython_suites: this interpreter ({sys.executable}) has no stdlib test package ({e}); "
            "install it (Debian: libpython3.X-testsuite) or use a full CPython build"
        )
    test_secrets.secrets = libsecrets  # the module's tests call secrets.<name>

    class LibsecretsSystemRandomTests(test_random.SystemRandom_TestBasicOps):
        gen = libsecrets.SystemRandom()

    loader = unittest.TestLoader()
    return [
        ("test_secrets", test_secrets.__file__, loader.loadTestsFromModule(test_secrets)),
        ("test_random SystemRandom", test_random.__file__, loader.loadTestsFromTestCase(LibsecretsSystemRandomTests)),
    ]


def main():
    version = platform.python_version()
    failed = False

    def refuse(_n):
        raise AssertionError("a draw went to os.urandom instead of libsecrets")

    suites = load_suites()  # test_random draws once from os.urandom at import
    saved = random._urandom
    random._urandom = refuse  # tests that mock it restore this on exit
    try:
        for name, path, suite in suites:
            result = unittest.TextTestRunner(stream=sys.stderr, verbosity=1).run(suite)
            bad = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
            passed = result.testsRun - bad - len(result.skipped)
            print(f"CPython {version}: {name} ({path}): {passed} passed, {bad} failed, "
                  f"{len(result.skipped)} skipped", flush=True)
            if bad or passed == 0:
                failed = True
    finally:
        random._urandom = saved
    print(f"CPython {version}: libsecrets {libsecrets.version()} from {os.path.dirname(libsecrets.__file__)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
