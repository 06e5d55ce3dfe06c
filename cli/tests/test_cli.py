#!/usr/bin/env python3
"""Runs the `secrets` command as a user would and checks what it prints and
its exit status: every subcommand, usage errors (one line on stderr naming
the argument, status 2, nothing on stdout), known answers from RFC 4226
(HOTP), RFC 6238 (TOTP) and RFC 4231 (HMAC-SHA256), and the QR code:
its format bits (level M) always; decoded with zxing-cpp, compared module
for module with the `qrcode` package's symbol for the same mask, and its mask
checked to have the lowest penalty, when those Python packages are installed
(pip install zxing-cpp numpy qrcode).

Usage: test_cli.py PATH/TO/secrets
Ends with the line "N passed, N failed, N skipped"; exit status 1 on any failure.
"""
import base64
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

SECRETS = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "secrets"
TMP = tempfile.mkdtemp(prefix="secrets-cli-test-")

passed = failed = skipped = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def skip(what):
    global skipped
    skipped += 1
    print("SKIP:", what)


def run(args, stdin=b"", env=None):
    full_env = dict(os.environ)
    full_env.update(env or {})
    r = subprocess.run([SECRETS] + args, input=stdin, capture_output=True, env=full_env)
    return r.returncode, r.stdout, r.stderr.decode()


def ok(args, stdin=b"", env=None):
    """Runs a command that must succeed with an empty stderr; returns stdout as text."""
    rc, out, err = run(args, stdin, env)
    check(rc == 0 and err == "", f"{args}: status {rc}, stderr {err!r}")
    return out.decode()


def lines(args, stdin=b"", env=None):
    return ok(args, stdin, env).splitlines()


def keyfile(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def usage_error(args, names, stdin=b"", env=None):
    """Status 2, nothing on stdout, one line on stderr naming the argument."""
    rc, out, err = run(args, stdin, env)
    what = f"{args}: status {rc}, stdout {out!r}, stderr {err!r}"
    check(rc == 2, what + " (expected status 2)")
    check(out == b"", what + " (expected nothing on stdout)")
    check(err.count("\n") == 1 and err.endswith("\n"), what + " (expected one line)")
    check(names in err, what + f" (expected {names!r} named)")


def fails(args, status, stdin=b"", env=None):
    """A verification that fails: the status, nothing on stdout, one line on stderr."""
    rc, out, err = run(args, stdin, env)
    what = f"{args}: status {rc}, stdout {out!r}, stderr {err!r}"
    check(rc == status and out == b"" and err.count("\n") == 1, what)


# ---------------------------------------------------------------- general
def test_general():
    out = ok(["--help"])
    for cmd in ["token", "password", "passphrase", "otp", "totp", "hotp", "uuid", "api-key",
                "hmac", "csrf"]:
        check(re.search(rf"^  {cmd} ", out, re.M), f"--help lists {cmd}")
        help_text = ok([cmd, "--help"])
        check(help_text.startswith(f"usage: secrets {cmd}"), f"{cmd} --help: {help_text[:40]!r}")
        check(ok([cmd, "-h"]) == help_text, f"{cmd} -h is --help")
        usage_error([cmd, "--no-such-option"], "--no-such-option")
        usage_error([cmd, "--help=x"], "--help")
    check(re.fullmatch(r"secrets \(libsecrets \d+\.\d+\.\d+\)\n", ok(["--version"])), "--version")
    # No option takes a secret's value from the command line.
    for cmd in [["hmac", "sign"], ["totp", "code"], ["hotp", "code"], ["csrf", "issue"],
                ["api-key", "check"]]:
        for opt in ["--key", "--secret", "--session", "--token", "--password"]:
            for args in ([opt, "s3cr3t"], [opt + "=s3cr3t"]):
                usage_error(cmd + args, opt)
                check("s3cr3t" not in run(cmd + args)[2], f"{cmd + args}: the value is not echoed")
    usage_error([], "COMMAND")
    usage_error(["frobnicate"], "frobnicate")


# ---------------------------------------------------------------- token
def test_token():
    t = lines(["token"])
    check(len(t) == 1 and re.fullmatch(r"[A-Za-z0-9_-]{43}", t[0]), f"token default {t}")
    t = lines(["token", "-f", "hex", "-s", "16", "-n", "5"])
    check(len(t) == 5 and all(re.fullmatch(r"[0-9a-f]{32}", x) for x in t), f"hex {t}")
    check(len(set(t)) == 5, "five different tokens")
    t = lines(["token", "--format=base32", "--size=20"])
    check(re.fullmatch(r"[A-Z2-7]{32}", t[0]) and len(base64.b32decode(t[0])) == 20, f"base32 {t}")
    t = lines(["token", "-f", "urlsafe", "-s", "1"])
    check(re.fullmatch(r"[A-Za-z0-9_-]{2}", t[0]), f"urlsafe of 1 byte {t}")
    rc, out, err = run(["token", "-f", "bytes", "-s", "7", "-n", "3"])
    check(rc == 0 and len(out) == 21 and err == "", f"raw bytes: {rc} {len(out)}")
    usage_error(["token", "-s", "0"], "-s")
    usage_error(["token", "--size", "1048577"], "--size")
    usage_error(["token", "--size", "12x"], "--size")
    usage_error(["token", "--size"], "--size")
    usage_error(["token", "-f", "base64"], "-f")
    usage_error(["token", "-n", "0"], "-n")
    usage_error(["token", "--count", "-1"], "--count")
    usage_error(["token", "extra"], "extra")


# ---------------------------------------------------------------- password
SYMBOLS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
AMBIGUOUS = "0Oo1Il|'\"`"


def test_password():
    p = lines(["password", "-n", "50"])
    check(len(p) == 50, "50 passwords")
    for x in p:
        check(len(x) == 16 and any(c.islower() for c in x) and any(c.isupper() for c in x)
              and any(c.isdigit() for c in x) and any(c in SYMBOLS for c in x),
              f"default password has every class: {x!r}")
    p = lines(["password", "-l", "40", "-c", "lower,digits", "-n", "20"])
    check(all(re.fullmatch(r"[a-z0-9]{40}", x) for x in p), f"lower,digits {p[:2]}")
    p = "".join(lines(["password", "-l", "100", "--no-ambiguous", "-n", "20"]))
    check(not set(p) & set(AMBIGUOUS), "--no-ambiguous leaves out look-alikes")
    p = lines(["password", "-c", "safe-symbols", "-l", "30"])
    check(set(p[0]) <= set("!@#$%^&*-_+."), f"safe symbols {p}")
    p = lines(["password", "--alphabet", "ab", "-l", "64", "-n", "3"])
    check(all(re.fullmatch(r"[ab]{64}", x) for x in p), f"alphabet {p}")
    # Each class: with 4 classes and 4 characters every password has one of each.
    p = lines(["password", "-l", "4", "-n", "30"])
    check(all(sum(1 for c in x if c in SYMBOLS) == 1 and sum(c.isdigit() for c in x) == 1
              for x in p), f"length 4, each class once {p[:3]}")
    rc, out, err = run(["password", "--entropy"])
    check(rc == 0 and len(out.splitlines()) == 1 and err == "entropy: 104.6 bits\n",
          f"--entropy: {err!r}")
    rc, out, err = run(["password", "--alphabet", "0123456789", "-l", "10", "-e"])
    check(rc == 0 and err == "entropy: 33.2 bits\n", f"custom entropy {err!r}")
    rc, out, err = run(["password", "-c", "lower", "-l", "10", "--no-each-class", "-e"])
    check(err == f"entropy: {10 * math.log2(26):.1f} bits\n", f"lower entropy {err!r}")
    usage_error(["password", "-c", "lower,upper,digits", "-l", "2"], "--length")
    usage_error(["password", "-c", "symbols,safe-symbols"], "-c")
    usage_error(["password", "-c", "lower,,upper"], "-c")
    usage_error(["password", "--classes", "vowels"], "--classes")
    usage_error(["password", "--alphabet", "a"], "--alphabet")
    usage_error(["password", "--alphabet", "aba"], "--alphabet")
    usage_error(["password", "--alphabet", "ab\u00e9"], "--alphabet")
    usage_error(["password", "--alphabet", "abc", "--no-ambiguous"], "--no-ambiguous")
    usage_error(["password", "--alphabet", "abc", "-c", "lower"], "-c")
    usage_error(["password", "-l", "0"], "-l")


# ---------------------------------------------------------------- passphrase
def test_passphrase():
    p = lines(["passphrase", "-n", "10"])
    check(all(re.fullmatch(r"[a-z-]+", x) and len(x) >= 6 * 3 + 5 for x in p), f"default {p[:2]}")
    p = lines(["passphrase", "-w", "4", "-s", " "])
    check(len(p[0].split(" ")) == 4, f"4 words, spaces {p}")
    p = lines(["passphrase", "-w", "3", "--separator="])
    check(re.fullmatch(r"[a-z-]+", p[0]), f"empty separator {p}")
    rc, out, err = run(["passphrase", "-e"])
    check(rc == 0 and err == "entropy: 77.5 bits\n", f"entropy {err!r}")
    words = keyfile("words.txt", b"11111\talpha\n11112\tbravo\r\ncharlie\n\ndelta\n"
                                 b"echo\nfoxtrot\ngolf \t\nhotel")
    p = lines(["passphrase", "--wordlist", words, "-w", "5", "-s", ".", "-n", "50"])
    allowed = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}
    check(all(len(x.split(".")) == 5 and set(x.split(".")) <= allowed for x in p),
          f"custom list {p[:2]}")
    check(set(".".join(p).split(".")) == allowed, "every word of the list is drawn")
    rc, out, err = run(["passphrase", "--wordlist", words, "-w", "4", "-e"])
    check(rc == 0 and err == "entropy: 12.0 bits\n", f"custom entropy {err!r}")
    dup = keyfile("dup.txt", b"one\ntwo\none\n")
    usage_error(["passphrase", "--wordlist", dup], "--wordlist")
    usage_error(["passphrase", "--wordlist", keyfile("one.txt", b"only\n")], "--wordlist")
    usage_error(["passphrase", "--wordlist", os.path.join(TMP, "missing")], "--wordlist")
    usage_error(["passphrase", "-w", "0"], "-w")
    usage_error(["passphrase", "--words", "1001"], "--words")


# ---------------------------------------------------------------- otp, uuid
def test_otp_uuid():
    p = lines(["otp", "-n", "20"])
    check(all(re.fullmatch(r"[0-9]{6}", x) for x in p), f"numeric {p[:3]}")
    p = lines(["otp", "-a", "-n", "20"])
    check(all(re.fullmatch(r"[2-9A-HJ-NP-Z]{8}", x) for x in p), f"alphanumeric {p[:3]}")
    p = lines(["otp", "-l", "64"])
    check(re.fullmatch(r"[0-9]{64}", p[0]), "64 digits")
    usage_error(["otp", "-l", "65"], "-l")
    usage_error(["otp", "--length", "0"], "--length")
    u = lines(["uuid", "-n", "20"])
    v4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
    check(all(re.fullmatch(v4, x) for x in u), f"uuid {u[:2]}")
    check(len(set(u)) == 20, "distinct uuids")
    usage_error(["uuid", "-n", "x"], "-n")
    usage_error(["uuid", "extra"], "extra")


# ---------------------------------------------------------------- api-key
def test_api_key():
    k = lines(["api-key"])
    check(re.fullmatch(r"[0-9a-f]{64}", k[0]), f"bare key {k}")
    k = lines(["api-key", "-p", "myapp", "-s", "16", "-n", "3"])
    check(all(re.fullmatch(r"myapp_[0-9a-f]{32}", x) for x in k), f"prefixed {k}")
    k = lines(["api-key", "--checksummed", "--prefix", "ghp", "-n", "20"])
    check(all(re.fullmatch(r"ghp_[0-9A-Za-z]{36}", x) for x in k), f"checksummed {k[:2]}")
    keys = "\n".join(k).encode() + b"\n"
    ok(["api-key", "check"], stdin=keys)
    ok(["api-key", "check", "--prefix", "ghp", "--key-file", keyfile("keys", keys)])
    ok(["api-key", "check", "--key-env", "API_KEY"], env={"API_KEY": k[0]})
    # One changed character, a truncation, another prefix.
    bad = k[0][:-1] + ("A" if k[0][-1] != "A" else "B")
    fails(["api-key", "check"], 1, stdin=bad.encode() + b"\n")
    fails(["api-key", "check"], 1, stdin=k[0][:-1].encode())
    fails(["api-key", "check", "--prefix", "myapp"], 1, stdin=k[0].encode())
    rc, out, err = run(["api-key", "check"], stdin=(k[0] + "\n" + bad + "\n" + k[1]).encode())
    check(rc == 1 and out == b"" and "line 2" in err and err.count("\n") == 1,
          f"the bad line is named: {err!r}")
    usage_error(["api-key", "check", k[0]], k[0])  # keys never from argv
    usage_error(["api-key", "check", "-n", "2"], "--count")
    usage_error(["api-key", "check", "--checksummed"], "--checksummed")
    usage_error(["api-key", "--checksummed"], "--checksummed")
    usage_error(["api-key", "--checksummed", "-p", "x", "-s", "8"], "--size")
    usage_error(["api-key", "-p", "my-app"], "--prefix")
    usage_error(["api-key", "-p", "x" * 33], "--prefix")
    usage_error(["api-key", "--key-stdin"], "--key-stdin")
    usage_error(["api-key", "check", "--key-stdin", "--key-env", "X"], "--key-env")
    rc, out, err = run(["api-key", "check"], stdin=b"\n\n")
    check(rc == 2 and out == b"", "no key to check")


BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def github_checksum(random_part):
    """GitHub's token checksum: CRC-32 of the 30 random characters, 6 base62 digits."""
    n, digits = zlib.crc32(random_part.encode()), ""
    for _ in range(6):
        n, d = divmod(n, 62)
        digits = BASE62[d] + digits
    return digits


def library_version():
    return tuple(int(x) for x in re.search(r"(\d+)\.(\d+)\.(\d+)", ok(["--version"])).groups())


def test_api_key_github_scheme():
    """Interop from libsecrets 0.2.0 on (0.1 checksummed the prefix as well)."""
    if library_version() < (0, 2, 0):
        skip("GitHub token scheme: libsecrets before 0.2.0 uses its own checksum")
        return
    for key in lines(["api-key", "-c", "-p", "ghp", "-n", "20"]):
        check(key[-6:] == github_checksum(key[-36:-6]), f"{key} passes a GitHub-format verifier")
    random_part = "16C7e42F292c6912E7710c838347Ae"
    token = "gho_" + random_part + github_checksum(random_part)
    ok(["api-key", "check", "--prefix", "gho"], stdin=token.encode())
    fails(["api-key", "check"], 1, stdin=("gho_" + random_part + "000000").encode())


# ---------------------------------------------------------------- hmac (RFC 4231)
RFC4231 = [
    (b"\x0b" * 20, b"Hi There",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (b"Jefe", b"what do ya want for nothing?",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    (b"\xaa" * 20, b"\xdd" * 50,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    (bytes(range(1, 26)), b"\xcd" * 50,
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    (b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    (b"\xaa" * 131, b"This is a test using a larger than block-size key and a larger than "
                    b"block-size data. The key needs to be hashed before being used by the "
                    b"HMAC algorithm.",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]


def test_hmac():
    for i, (key, msg, tag) in enumerate(RFC4231):
        raw = keyfile(f"hmac{i}.raw", key)
        hexf = keyfile(f"hmac{i}.hex", key.hex().encode() + b"\n")
        msgf = keyfile(f"msg{i}", msg)
        check(ok(["hmac", "sign", "--key-file", raw], stdin=msg) == tag + "\n", f"RFC 4231 #{i}")
        check(ok(["hmac", "sign", "--key-file", hexf, "--key-encoding", "hex", "--file", msgf])
              == tag + "\n", f"RFC 4231 #{i}, hex key, --file")
        check(ok(["hmac", "sign", "--key-stdin", "--file", msgf], stdin=key) == tag + "\n",
              f"RFC 4231 #{i}, key on stdin")
        rc, out, err = run(["hmac", "sign", "--key-file", raw, "-f", "bytes"], stdin=msg)
        check(rc == 0 and out == bytes.fromhex(tag), f"RFC 4231 #{i} raw tag")
        ok(["hmac", "verify", tag, "--key-file", raw], stdin=msg)
        ok(["hmac", "verify", tag.upper(), "--key-file", raw], stdin=msg)
        fails(["hmac", "verify", tag, "--key-file", raw], 1, stdin=msg + b"!")
        wrong = tag[:-1] + ("0" if tag[-1] != "0" else "1")
        fails(["hmac", "verify", wrong, "--key-file", raw], 1, stdin=msg)
    check(ok(["hmac", "sign", "--key-env", "K"], stdin=b"what do ya want for nothing?",
             env={"K": "Jefe"}) == RFC4231[1][2] + "\n", "key from the environment")
    b32 = keyfile("jefe.b32", base64.b32encode(b"Jefe").rstrip(b"=") + b"\n")
    check(ok(["hmac", "sign", "--key-file", b32, "--key-encoding", "base32"],
             stdin=b"what do ya want for nothing?") == RFC4231[1][2] + "\n", "base32 key")
    raw = keyfile("hmac0.raw", RFC4231[0][0])
    usage_error(["hmac"], "ACTION")
    usage_error(["hmac", "mac", "--key-file", raw], "ACTION")
    usage_error(["hmac", "sign"], "key")
    usage_error(["hmac", "sign", "--key", "secret"], "--key")  # never from argv
    usage_error(["hmac", "sign", "--key-stdin"],
                "--key-stdin: standard input is already read for the message")
    usage_error(["hmac", "sign", "--key-file", raw, "--key-env", "K"], "--key-env")
    usage_error(["hmac", "sign", "--key-file", raw, "--key-encoding", "b64"], "--key-encoding")
    usage_error(["hmac", "verify", "--key-file", raw], "TAG")
    usage_error(["hmac", "verify", "abcd", "--key-file", raw], "TAG")
    usage_error(["hmac", "verify", "g" * 64, "--key-file", raw], "TAG")
    usage_error(["hmac", "verify", "0" * 64, "--key-file", raw, "-f", "hex"], "--format")
    usage_error(["hmac", "sign", "--key-file", os.path.join(TMP, "nope")], "--key-file")
    usage_error(["hmac", "sign", "--key-env", "SECRETS_TEST_UNSET"], "--key-env")
    usage_error(["hmac", "sign", "--key-file", keyfile("empty", b"")], "--key-file")
    usage_error(["hmac", "sign", "--key-file", keyfile("odd.hex", b"abc"), "--key-encoding", "hex"],
                "--key-file")
    usage_error(["hmac", "sign", "--key-file", keyfile("bad.hex", b"zz"), "--key-encoding", "hex"],
                "--key-file")
    usage_error(["hmac", "sign", "--key-file", keyfile("bad.b32", b"A1"), "--key-encoding",
                 "base32"], "--key-file")


# ---------------------------------------------------------------- totp, hotp
SEED20 = b"12345678901234567890"
SEED32 = b"12345678901234567890123456789012"
SEED64 = b"1234567890123456789012345678901234567890123456789012345678901234"
RFC6238 = [  # time, SHA1, SHA256, SHA512 (8 digits)
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]
RFC4226 = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
           "399871", "520489"]


def b32(data):
    return base64.b32encode(data).rstrip(b"=") + b"\n"


def test_totp():
    seeds = {"sha1": SEED20, "sha256": SEED32, "sha512": SEED64}
    files = {a: keyfile(f"totp-{a}.b32", b32(s)) for a, s in seeds.items()}
    for t, *codes in RFC6238:
        for alg, code in zip(["sha1", "sha256", "sha512"], codes):
            got = ok(["totp", "code", "--key-file", files[alg], "-a", alg, "-d", "8",
                      "--time", str(t)])
            check(got == code + "\n", f"RFC 6238 {alg} t={t}: {got!r} != {code}")
            step = ok(["totp", "verify", code, "--key-file", files[alg], "-a", alg, "-d", "8",
                       "--time", str(t)])
            check(step == f"{t // 30}\n", f"verify prints the step: {step!r}")
    # Raw and hex keys, the key from stdin or the environment.
    raw = keyfile("seed20.raw", SEED20)
    hexf = keyfile("seed20.hex", SEED20.hex().encode())
    base = ["-d", "8", "--time", "59"]
    check(ok(["totp", "code", "--key-file", raw, "--key-encoding", "raw"] + base) == "94287082\n",
          "raw key")
    check(ok(["totp", "code", "--key-file", hexf, "--key-encoding", "hex"] + base) == "94287082\n",
          "hex key")
    check(ok(["totp", "code", "--key-stdin"] + base, stdin=b32(SEED20)) == "94287082\n",
          "key on stdin")
    check(ok(["totp", "code", "--key-env", "TOTP_KEY"] + base,
             env={"TOTP_KEY": b32(SEED20).decode().strip().lower()}) == "94287082\n",
          "key in the environment, lowercase")
    # 6 digits: the last 6 of the 8.
    check(ok(["totp", "code", "--key-file", files["sha1"], "--time", "1111111109"]) == "081804\n",
          "6 digits")
    # Window: the code of the previous step passes with window 1, not 0.
    k = files["sha1"]
    prev = ok(["totp", "code", "--key-file", k, "--time", "1111111079"]).strip()
    check(ok(["totp", "verify", prev, "--key-file", k, "--time", "1111111109"])
          == f"{1111111079 // 30}\n", "window 1 accepts the previous step")
    fails(["totp", "verify", prev, "--key-file", k, "--time", "1111111109", "-w", "0"], 1)
    fails(["totp", "verify", prev, "--key-file", k, "--time", "1111111200", "--window", "1"], 1)
    check(ok(["totp", "verify", "-", "--key-file", k, "--time", "1111111109"],
             stdin=b"081804\n") == f"{1111111109 // 30}\n", "code from stdin")
    check(ok(["totp", "code", "--key-file", k, "--time", "119", "--period", "60", "-d", "8"])
          == ok(["hotp", "code", "--key-file", k, "-c", "1", "-d", "8"]), "period 60 = step 1")
    usage_error(["totp", "verify", "12345", "--key-file", k], "CODE")
    usage_error(["totp", "verify", "12a456", "--key-file", k], "CODE")
    usage_error(["totp", "verify", "--key-file", k], "CODE")
    usage_error(["totp", "verify", "-", "--key-stdin"], "CODE")
    usage_error(["totp", "code"], "key")
    usage_error(["totp", "code", "--key", "GEZDGNBV"], "--key")  # never from argv
    usage_error(["totp", "code", "GEZDGNBV", "--key-file", k], "GEZDGNBV")
    usage_error(["totp", "code", "--key-file", k, "-d", "5"], "-d")
    usage_error(["totp", "code", "--key-file", k, "-d", "11"], "-d")
    usage_error(["totp", "code", "--key-file", k, "-a", "md5"], "-a")
    usage_error(["totp", "code", "--key-file", k, "--period", "0"], "--period")
    usage_error(["totp", "code", "--key-file", k, "--window", "1"], "--window")
    usage_error(["totp", "verify", "123456", "--key-file", k, "-w", "11"], "-w")
    usage_error(["totp", "code", "--key-file", k, "--time", "-1"], "--time")
    usage_error(["totp", "code", "--key-file", k, "-n", "2"], "-n")
    usage_error(["totp", "code", "--key-file", k, "--counter", "2"], "--counter")
    usage_error(["totp"], "ACTION")
    usage_error(["totp", "codes"], "ACTION")


def test_hotp():
    k = keyfile("seed20.b32", b32(SEED20))
    got = lines(["hotp", "code", "--key-file", k, "--counter", "0", "-n", "10"])
    check(got == RFC4226, f"RFC 4226 codes {got}")
    for c, code in enumerate(RFC4226):
        check(ok(["hotp", "code", "--key-file", k, "-c", str(c)]) == code + "\n", f"RFC 4226 #{c}")
    # verify prints the next counter to store.
    check(ok(["hotp", "verify", RFC4226[7], "--key-file", k, "-c", "7"]) == "8\n", "exact counter")
    check(ok(["hotp", "verify", RFC4226[7], "--key-file", k, "-c", "3", "-l", "4"]) == "8\n",
          "look-ahead reaches the code")
    check(ok(["hotp", "verify", RFC4226[1], "--key-file", k, "-c", "0", "--look-ahead", "9"])
          == "2\n", "lowest matching counter")
    fails(["hotp", "verify", RFC4226[7], "--key-file", k, "-c", "3", "-l", "3"], 1)
    fails(["hotp", "verify", RFC4226[7], "--key-file", k, "-c", "8", "-l", "20"], 1)
    check(ok(["hotp", "verify", "-", "--key-file", k, "-c", "0"], stdin=b"755224\r\n") == "1\n",
          "code from stdin")
    usage_error(["hotp", "code", "--key-file", k], "--counter")
    usage_error(["hotp", "verify", "755224", "--key-file", k], "--counter")
    usage_error(["hotp", "verify", "75522", "--key-file", k, "-c", "0"], "CODE")
    usage_error(["hotp", "code", "--key-file", k, "-c", "18446744073709551616"], "-c")
    usage_error(["hotp", "code", "--key-file", k, "-c", "18446744073709551615", "-n", "2"], "-n")
    usage_error(["hotp", "code", "--key-file", k, "-c", "0", "--time", "5"], "--time")
    usage_error(["hotp", "verify", "755224", "--key-file", k, "-c", "0", "-n", "2"], "--count")
    usage_error(["hotp", "code", "--key-file", k, "-c", "0", "--look-ahead", "1"], "--look-ahead")
    usage_error(["hotp", "verify", RFC4226[1], "--key-file", k, "-c", "0", "--look-ahead", "21"],
                "--look-ahead")
    usage_error(["hotp", "code", "--key-file", k, "-c", "0", "--window", "1"], "--window")


# ---------------------------------------------------------------- otpauth URIs and QR codes
def test_uri():
    k = keyfile("seed20.b32", b32(SEED20))
    uri = ok(["totp", "uri", "--key-file", k, "--account", "alice@example.com", "--issuer",
              "ACME Co"]).strip()
    check(uri == "otpauth://totp/ACME%20Co:alice%40example.com?secret="
                 "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co&algorithm=SHA1&digits=6"
                 "&period=30", f"totp uri {uri}")
    uri = ok(["totp", "uri", "--key-file", k, "--account", "bob", "-a", "sha256", "-d", "8",
              "--period", "60"]).strip()
    check(uri == "otpauth://totp/bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256"
                 "&digits=8&period=60", f"totp uri without issuer {uri}")
    uri = ok(["hotp", "uri", "--key-file", k, "--account", "alice", "--issuer", "ACME",
              "--counter", "42"]).strip()
    check(re.fullmatch(r"otpauth://hotp/ACME:alice\?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                       r"&issuer=ACME&algorithm=SHA1&digits=6&counter=42", uri), f"hotp uri {uri}")
    uri = ok(["hotp", "uri", "--key-file", k, "--account", "alice"]).strip()
    check(uri.endswith("&counter=0"), f"hotp uri, counter 0 by default {uri}")
    usage_error(["totp", "uri", "--key-file", k], "--account")
    usage_error(["totp", "uri", "--key-file", k, "--account", "a:b"], "--account")
    usage_error(["totp", "uri", "--key-file", k, "--account", "a", "--issuer", ""], "--issuer")
    usage_error(["totp", "uri", "--key-file", k, "--account", "a", "--time", "5"], "--time")
    usage_error(["totp", "code", "--key-file", k, "--qr"], "--qr")
    usage_error(["totp", "uri", "--key-file", k, "--account", "a" * 400, "--qr"], "--qr")


GLYPHS = {" ": (0, 0), "\u2584": (0, 1), "\u2580": (1, 0), "\u2588": (1, 1)}


def parse_qr(text, inked_is_dark):
    """The module matrix (1 = dark) of a QR code drawn with half blocks, quiet zone removed."""
    rows = []
    for line in text.splitlines():
        top, bottom = zip(*(GLYPHS[c] for c in line))
        rows += [list(top), list(bottom)]
    width = len(rows[0])
    check(all(len(r) == width for r in rows), "every QR line has the same width")
    rows = rows[:width]  # an odd height leaves one light half row at the bottom
    dark = [[v if inked_is_dark else 1 - v for v in r] for r in rows]
    quiet = [dark[y][x] for y in range(width) for x in range(width)
             if min(x, y) < 4 or max(x, y) >= width - 4]
    check(not any(quiet), "4 light modules of quiet zone")
    return [r[4:width - 4] for r in dark[4:width - 4]]


def format_info(m):
    """(error correction level, mask) from the format bits around the top-left finder."""
    bits = [m[8][i] for i in (0, 1, 2, 3, 4, 5, 7, 8)] + [m[i][8] for i in (7, 5, 4, 3, 2, 1, 0)]
    value = int("".join(map(str, bits)), 2) ^ 0x5412
    return "MLHQ"[value >> 13], (value >> 10) & 7


def mask_penalty(m):
    """ISO/IEC 18004 section 7.8.3 penalty of a symbol (N1 + N2 + N3 + N4). The finder-like
    rule (N3) is read as qrcodegen reads it: 1:1:3:1:1 runs at any module size n,
    outside the symbol light, counted once for each side with 4n light modules."""
    n = len(m)
    score = 0
    for line in [list(r) for r in m] + [[m[y][x] for y in range(n)] for x in range(n)]:
        runs = []  # [colour, length], with n light modules of border on each side
        for v in [0] * n + line + [0] * n:
            if runs and runs[-1][0] == v:
                runs[-1][1] += 1
            else:
                runs.append([v, 1])
        runs[0][1] -= n  # N1 counts runs inside the symbol only
        runs[-1][1] -= n
        score += sum(3 + length - 5 for _, length in runs if length >= 5)
        runs[0][1] += n
        runs[-1][1] += n
        for i in range(1, len(runs) - 5):
            c = [length for _, length in runs[i:i + 5]]
            u = c[0]
            if runs[i][0] == 1 and c == [u, u, 3 * u, u, u]:
                before, after = runs[i - 1][1], runs[i + 5][1]
                score += 40 * ((before >= 4 * u and after >= u) + (after >= 4 * u and before >= u))
    score += 3 * sum(m[y][x] == m[y][x + 1] == m[y + 1][x] == m[y + 1][x + 1]
                     for y in range(n - 1) for x in range(n - 1))
    dark = sum(map(sum, m))
    score += 10 * ((abs(dark * 20 - n * n * 10) + n * n - 1) // (n * n) - 1)
    return score


def test_qr():
    k = keyfile("seed20.b32", b32(SEED20))
    cases = [["--account", "alice@example.com", "--issuer", "ACME Co"],
             ["--account", "a"],
             ["--account", "x" * 60, "--issuer", "Example"],
             ["--account", "\u00e9l\u00e8ve@example.org", "-a", "sha512", "-d", "8"],
             ["--account", "z" * 250]]
    try:
        import numpy
        import zxingcpp
    except ImportError:
        zxingcpp = None
    try:
        import qrcode
    except ImportError:
        qrcode = None
    for args in cases:
        uri = ok(["totp", "uri", "--key-file", k] + args).strip()
        for invert in (False, True):
            drawn = ok(["totp", "uri", "--key-file", k, "--qr-invert" if invert else "--qr"] + args)
            m = parse_qr(drawn, invert)
            n = len(m)
            version = (n - 17) // 4
            check(n == 17 + 4 * version and 1 <= version <= 15, f"QR size {n}")
            # Finder pattern corners are dark, whatever the colours of the terminal.
            check(m[0][0] == m[0][n - 1] == m[n - 1][0] == 1 and m[1][1] == 0, "finder patterns")
            level, mask = format_info(m)
            check(level == "M", f"error correction level {level}")
            if zxingcpp is not None:
                img = numpy.kron(numpy.array([[255 * (1 - v) for v in r] for r in m],
                                             dtype=numpy.uint8), numpy.ones((4, 4), numpy.uint8))
                img = numpy.pad(img, 16, constant_values=255)
                found = zxingcpp.read_barcodes(img)
                check(len(found) == 1 and found[0].text == uri and found[0].ec_level == "M",
                      f"zxing-cpp decodes the QR code of {uri[:40]}...")
            if qrcode is not None:
                # Byte mode, level M, the smallest version: the same symbol as the
                # qrcode package's for the mask chosen, and no other mask scores lower.
                symbols = []
                for candidate in range(8):
                    q = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                                      border=0, mask_pattern=candidate)
                    q.add_data(qrcode.util.QRData(uri.encode(), mode=qrcode.util.MODE_8BIT_BYTE))
                    q.make(fit=True)
                    symbols.append([[int(v) for v in r] for r in q.get_matrix()])
                check(symbols[mask] == m,
                      f"same matrix as the qrcode package (version {version}, mask {mask})")
                if not invert:
                    scores = [mask_penalty(s) for s in symbols]
                    check(scores[mask] == min(scores),
                          f"mask {mask} has the lowest penalty {scores}")
    if zxingcpp is None:
        skip("QR decoding: pip install zxing-cpp numpy")
    if qrcode is None:
        skip("QR matrix comparison: pip install qrcode")


# ---------------------------------------------------------------- csrf
def test_csrf():
    key = keyfile("csrf.key", bytes(range(32)))
    hexkey = keyfile("csrf.hex", bytes(range(32)).hex().encode())
    session = keyfile("session", b"session-1234\n")
    t = "1700000000"
    tokens = lines(["csrf", "issue", "--key-file", key, "--session-file", session, "--time", t,
                    "-n", "3"])
    check(len(tokens) == 3 and all(re.fullmatch(r"[A-Za-z0-9_-]{76}", x) for x in tokens),
          f"tokens {tokens}")
    check(len(set(tokens)) == 3, "distinct tokens")
    tok = tokens[0].encode() + b"\n"
    good = ["csrf", "verify", "--key-file", key, "--session-file", session]
    ok(good + ["--time", t], stdin=tok)
    ok(["csrf", "verify", "--key-file", hexkey, "--key-encoding", "hex", "--session-env", "SID",
        "--time", "1700003600"], stdin=tok, env={"SID": "session-1234"})
    ok(good + ["--time", t, "--token-env", "TOK"], env={"TOK": tokens[0]})
    ok(good + ["--time", t, "--token-file", keyfile("tok", tok)])
    fails(good + ["--time", "1700003601"], 1, stdin=tok)  # expired
    fails(good + ["--time", "1700000100", "--max-age", "99"], 1, stdin=tok)
    fails(["csrf", "verify", "--key-file", key, "--time", t], 1, stdin=tok)  # unbound
    fails(["csrf", "verify", "--key-file", key, "--session-env", "SID", "--time", t], 1,
          stdin=tok, env={"SID": "session-9999"})
    fails(["csrf", "verify", "--key-file", keyfile("csrf2.key", bytes(32)), "--session-file",
           session, "--time", t], 1, stdin=tok)
    flipped = tokens[0][:10] + ("A" if tokens[0][10] != "A" else "B") + tokens[0][11:]
    fails(good + ["--time", t], 1, stdin=flipped.encode())
    fails(good + ["--time", t], 1, stdin=b"not-a-token\n")
    unbound = lines(["csrf", "issue", "--key-stdin"], stdin=bytes(range(32)))[0]
    ok(["csrf", "verify", "--key-file", key, "--token-stdin"], stdin=unbound.encode())
    usage_error(["csrf", "issue"], "key")
    usage_error(["csrf", "issue", "--key-file", keyfile("short.key", bytes(15))], "--key-file")
    usage_error(["csrf", "issue", "--key-file", key, "--max-age", "5"], "--max-age")
    usage_error(["csrf", "issue", "--key-file", key, "--token-stdin"], "--token-stdin")
    usage_error(["csrf", "verify", "--key-stdin"],
                "--key-stdin: standard input is already read for the token")
    usage_error(["csrf", "verify", "--key-file", key, "--session-stdin"],
                "--session-stdin: standard input is already read for the token")
    usage_error(["csrf", "verify", "--key-file", key, "-n", "2"], "--count")
    usage_error(["csrf", "verify", "--key-file", key, "--token-file", "a", "--token-env", "b"],
                "--token-env")
    usage_error(["csrf", "issue", "--key-file", key, "--session-env", "SID"], "--session-env",
                env={"SID": ""})
    usage_error(["csrf", "verify", "--key-file", key], "the token: is empty", stdin=b"")
    usage_error(["csrf", "verify", tokens[0], "--key-file", key], tokens[0])
    usage_error(["csrf"], "ACTION")


def main():
    if not os.access(SECRETS, os.X_OK):
        print(f"usage: {sys.argv[0]} PATH/TO/secrets")
        return 2
    try:
        run_all()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


def run_all():
    for test in [test_general, test_token, test_password, test_passphrase, test_otp_uuid,
                 test_api_key, test_api_key_github_scheme, test_hmac, test_totp, test_hotp,
                 test_uri, test_qr, test_csrf]:
        test()


if __name__ == "__main__":
    sys.exit(main())
