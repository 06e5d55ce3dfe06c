"""Checked by `mypy --strict` against the *installed* package (run-tests.sh):
shows that the wheel carries its types (py.typed) and that they describe
the API as a caller uses it. Also runs as a plain script."""

from __future__ import annotations

import random
from typing import Optional

import libsecrets


def main() -> None:
    token: str = libsecrets.token_urlsafe(16)
    raw: bytes = libsecrets.token_bytes()
    n: int = libsecrets.randbelow(10) + libsecrets.randbits(8) + libsecrets.randrange(0, 10, 2)
    letter: str = libsecrets.choice("abc")
    byte: int = libsecrets.choice(b"abc")
    picks: list[int] = libsecrets.sample(range(10), 3) + libsecrets.choices([1, 2, 3], k=2)
    gen: random.Random = libsecrets.SystemRandom()
    x: float = gen.random() + libsecrets.uniform(1.0, 2.0)
    same: bool = libsecrets.compare_digest(token, token)

    policy = libsecrets.Policy.LOWER | libsecrets.Policy.DIGITS
    pw: str = libsecrets.password(20, policy) + libsecrets.passphrase(4, separator=" ")
    bits: float = libsecrets.password_entropy_bits(20, policy)

    key = bytearray(libsecrets.token_bytes(20))
    code: str = libsecrets.totp(key, digits=8, algorithm="sha256")
    result: libsecrets.Verification = libsecrets.totp_verify(code, key, digits=8, algorithm="sha256")
    counter: Optional[int] = result.counter
    csrf = libsecrets.csrf_token(key, "session", now=1_700_000_000)
    check = libsecrets.csrf_verify(csrf, key, "session", now=1_700_000_100, max_age=600)
    if not check and check.verdict is libsecrets.Verdict.EXPIRED:
        raise SystemExit("expired")
    libsecrets.memzero(key)
    try:
        libsecrets.base32_decode("not base32!")
    except libsecrets.MalformedError as e:
        status: Optional[int] = e.status
        assert status == libsecrets.Status.ERR_MALFORMED
    assert result and counter is not None and check and same and n >= 0 and bits > 0
    print(len(raw), letter, byte, picks, x, pw)


if __name__ == "__main__":
    main()
