"""The binding's C facts checked against the C header: the status enum, each
SECRETS_* constant the binding uses, and every function prototype (restype
and argtypes, in both directions: no export unbound, no binding without an
export).

The header is include/secrets.h of the checkout these tests sit in, or the
file named by LIBSECRETS_HEADER (how run-tests.sh points at it when the
tests run from a copy outside the source tree). Not finding it is a failure.
"""

import ast
import ctypes
import os
import re
import unittest
from ctypes import POINTER, c_bool, c_char_p, c_double, c_int32, c_int64, c_size_t, c_uint8, c_uint32, c_uint64, c_void_p

from libsecrets import _capi


def header_path():
    explicit = os.environ.get("LIBSECRETS_HEADER")
    if explicit:
        return explicit
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "..", "..", "include", "secrets.h")


def read_header():
    path = header_path()
    if not os.path.isfile(path):
        raise AssertionError(f"C header not found at {path}: set LIBSECRETS_HEADER")
    with open(path, encoding="utf-8") as f:
        return f.read()


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def parse_enum(text, name):
    body = re.search(r"enum\s+" + name + r"\b[^{;]*\{(.*?)\}", text, re.S)
    assert body, f"enum {name} not found in the header"
    return {m.group(1): int(m.group(2), 0) for m in re.finditer(r"(SECRETS_\w+)\s*=\s*(-?\w+)", body.group(1))}


def parse_defines(text):
    """Object-like SECRETS_* macros, evaluated: integers (suffixes and casts
    dropped, other macros substituted) and string literals."""
    raw = {}
    for m in re.finditer(r"^#define\s+(SECRETS_\w+)(?!\()[ \t]+(.+?)\s*$", text, re.M):
        raw[m.group(1)] = m.group(2)
    values = {}

    def value(name, depth=0):
        if name in values:
            return values[name]
        expr = raw[name]
        expr = re.sub(r"\((?:size_t|uint32_t|uint64_t|int32_t|int)\)", "", expr)
        expr = re.sub(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]+\b", r"\1", expr)
        expr = re.sub(r"\bSECRETS_\w+\b", lambda m: repr(value(m.group(0), depth + 1)), expr)
        tree = ast.parse(expr, mode="eval")
        allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.BitOr, ast.BitAnd,
                   ast.LShift, ast.RShift, ast.Add, ast.Sub, ast.Mult, ast.USub)
        for node in ast.walk(tree):
            if not isinstance(node, allowed):
                return None  # not a plain constant (e.g. an attribute macro)
        values[name] = eval(compile(tree, "<header>", "eval"), {"__builtins__": {}})
        return values[name]

    for name in raw:
        value(name)
    return {k: v for k, v in values.items() if v is not None}


TYPES = {
    "void": None,
    "bool": c_bool,
    "double": c_double,
    "size_t": c_size_t,
    "int32_t": c_int32,
    "uint32_t": c_uint32,
    "int64_t": c_int64,
    "uint64_t": c_uint64,
    "secrets_status": c_int32,
    "char *": c_char_p,
    "const char *": c_char_p,
    "const char *const *": POINTER(c_char_p),
    "void *": c_void_p,
    "const void *": c_void_p,
    "const uint8_t *": c_void_p,  # a byte input: any pointer
    "uint8_t *": POINTER(c_uint8),  # a byte output array
    "uint64_t *": POINTER(c_uint64),
    "int64_t *": POINTER(c_int64),
    "size_t *": POINTER(c_size_t),
    "double *": POINTER(c_double),
}


def normalize(decl, is_param):
    """'const uint8_t *key' -> 'const uint8_t *'; 'uint8_t out[32]' -> 'uint8_t *'."""
    array = re.search(r"\w+\s*\[\s*\w*\s*\]", decl)
    if array:  # 'uint8_t out[32]': an array parameter is a pointer
        decl = decl[: array.start()] + " *"
    tokens = re.findall(r"\w+|\*", decl)
    if is_param and not array and len(tokens) > 1 and tokens[-1] != "*" and tokens[-1] not in TYPES:
        tokens = tokens[:-1]  # the parameter's name
    return re.sub(r"\* (?=\w)", "*", " ".join(tokens))


def parse_prototypes(text):
    code = strip_comments(text)
    code = re.sub(r"^\s*#.*$", " ", code, flags=re.M)  # preprocessor lines
    code = re.sub(r"\bSECRETS_[A-Z_]*(NODISCARD|DEPRECATED|EXPORT|API)\w*\b", " ", code)
    code = re.sub(r"__attribute__\s*\(\(.*?\)\)", " ", code)
    protos = {}
    for m in re.finditer(r"([A-Za-z_][\w\s\*]*?)\b(secrets_\w+)\s*\(([^)]*)\)\s*;", code):
        ret, name, params = m.group(1), m.group(2), m.group(3).strip()
        if "typedef" in ret:
            continue
        args = [] if params in ("", "void") else [normalize(p, True) for p in params.split(",")]
        protos[name] = (normalize(ret, False), args)
    return protos


def ctype_name(t):
    return "None" if t is None else t.__name__


class TestHeader(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text = read_header()

    def test_status_values_match_the_enum(self):
        enum = parse_enum(self.text, "secrets_status")
        ours = {"SECRETS_" + s.name: int(s) for s in _capi.Status}
        self.assertEqual(ours, enum)

    def test_constants_match_the_defines(self):
        defines = parse_defines(self.text)
        self.assertIn("SECRETS_PASSWORD_DEFAULT", defines)  # the parser evaluates expressions
        for name, value in _capi.CONSTANTS.items():
            self.assertIn("SECRETS_" + name, defines, name)
            self.assertEqual(defines["SECRETS_" + name], value, name)

    def test_version_macro_matches_the_library(self):
        defines = parse_defines(self.text)
        self.assertEqual(defines["SECRETS_VERSION_STRING"], _capi.lib.secrets_version().decode())

    def test_every_export_is_bound_with_its_prototype(self):
        protos = parse_prototypes(self.text)
        self.assertGreater(len(protos), 40)
        self.assertEqual(sorted(protos), sorted(_capi.PROTOTYPES), "functions in the header vs the binding")
        for name, (ret, args) in protos.items():
            with self.subTest(name):
                for t in [ret] + args:
                    self.assertIn(t, TYPES, f"{name}: no ctypes mapping for C type {t!r}")
                restype, argtypes = _capi.PROTOTYPES[name]
                self.assertEqual(ctype_name(restype), ctype_name(TYPES[ret]), f"{name} returns {ret}")
                self.assertEqual([ctype_name(a) for a in argtypes], [ctype_name(TYPES[a]) for a in args],
                                 f"{name}({', '.join(args)})")
                if restype is _capi.STATUS:
                    self.assertIs(getattr(_capi.lib, name).errcheck, _capi.raise_for_status)

    def test_a_missing_export_fails_the_import(self):
        saved = dict(_capi.PROTOTYPES)
        try:
            _capi.PROTOTYPES["secrets_no_such_function"] = (_capi.STATUS, [])
            with self.assertRaisesRegex(ImportError, "secrets_no_such_function"):
                _capi.bind()
        finally:
            _capi.PROTOTYPES.clear()
            _capi.PROTOTYPES.update(saved)

    def test_the_parser_reads_what_it_is_given(self):
        # A guard for the checks above: a changed prototype is seen.
        sample = "/** doc */\nSECRETS_NODISCARD secrets_status secrets_x(uint8_t out[32], const void *a, size_t n);\n"
        self.assertEqual(parse_prototypes(sample), {"secrets_x": ("secrets_status", ["uint8_t *", "const void *", "size_t"])})
        self.assertEqual(parse_defines("#define SECRETS_A 1u\n#define SECRETS_B (SECRETS_A | 4u)\n"),
                         {"SECRETS_A": 1, "SECRETS_B": 5})


if __name__ == "__main__":
    unittest.main()
