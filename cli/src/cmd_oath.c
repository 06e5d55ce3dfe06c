/* totp and hotp: one implementation, since they differ only in what moves
 * the code on (the clock or a counter). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <secrets.h>

#include "args.h"
#include "commands.h"
#include "input.h"
#include "output.h"
#include "qr.h"

static const char totp_help[] =
    "usage: secrets totp code KEY [--time UNIX] [PARAMETERS]\n"
    "       secrets totp verify CODE KEY [--window STEPS] [--time UNIX] [PARAMETERS]\n"
    "       secrets totp uri KEY --account NAME [--issuer NAME] [--qr | --qr-invert]\n"
    "                        [PARAMETERS]\n"
    "  where KEY is --key-file FILE | --key-env VAR | --key-stdin\n"
    "               [--key-encoding base32|hex|raw]\n"
    "    PARAMETERS are [--digits 6..10] [--algorithm sha1|sha256|sha512]\n"
    "                   [--period SECONDS]\n"
    "\n"
    "RFC 6238 time-based one-time passwords, as authenticator apps show.\n"
    "'code' prints the current code. 'verify' checks CODE (its digits, or -\n"
    "to read it from standard input) against the steps within --window of\n"
    "now: on a match it prints the matched time step and exits 0 (store the\n"
    "step and refuse later codes whose step is not greater: a code must not\n"
    "be accepted twice); otherwise it exits 1. 'uri' prints the otpauth://\n"
    "URI that enrols the key in an app, or with --qr draws it as a QR code\n"
    "to scan with the phone. A new key: 'secrets token -f base32 -s 20'.\n"
    "\n"
    "  --key-file FILE     read the key from FILE\n"
    "  --key-env VAR       read the key from the environment variable VAR\n"
    "  --key-stdin         read the key from standard input\n"
    "  --key-encoding ENC  base32 (the default, as apps show keys), hex or raw\n"
    "  -d, --digits N      code length, 6 to 10 (default 6)\n"
    "  -a, --algorithm A   sha1 (default; what most apps support), sha256, sha512\n"
    "  --period SECONDS    time step (default 30)\n"
    "  --time UNIX         the time to use, in seconds since 1970 (default: now)\n"
    "  -w, --window STEPS  verify: also accept codes up to STEPS steps early or\n"
    "                      late, 0 to 10 (default 1)\n"
    "  --account NAME      uri: the user's account, e.g. alice@example.com\n"
    "  --issuer NAME       uri: the service, e.g. Example (no ':')\n"
    "  --qr                uri: draw a QR code for a dark terminal\n"
    "  --qr-invert         uri: draw a QR code for a light terminal\n"
    "  -h, --help          this help\n";

static const char hotp_help[] =
    "usage: secrets hotp code KEY --counter C [-n COUNT] [PARAMETERS]\n"
    "       secrets hotp verify CODE KEY --counter C [--look-ahead N] [PARAMETERS]\n"
    "       secrets hotp uri KEY --account NAME [--issuer NAME] [--counter C]\n"
    "                        [--qr | --qr-invert] [PARAMETERS]\n"
    "  where KEY is --key-file FILE | --key-env VAR | --key-stdin\n"
    "               [--key-encoding base32|hex|raw]\n"
    "    PARAMETERS are [--digits 6..10] [--algorithm sha1|sha256|sha512]\n"
    "\n"
    "RFC 4226 counter-based one-time passwords. 'code' prints the code for\n"
    "counter C (with -n, for C, C+1, ...). 'verify' checks CODE (its digits,\n"
    "or - to read it from standard input) against counters C to C+N: on a\n"
    "match it prints the counter to store for next time (the matched counter\n"
    "plus one) and exits 0; otherwise it exits 1. 'uri' prints the\n"
    "otpauth://hotp URI that enrols the key in an app (starting at counter\n"
    "C, default 0), or with --qr draws it as a QR code.\n"
    "\n"
    "  --key-file FILE       read the key from FILE\n"
    "  --key-env VAR         read the key from the environment variable VAR\n"
    "  --key-stdin           read the key from standard input\n"
    "  --key-encoding ENC    base32 (the default), hex or raw\n"
    "  -d, --digits N        code length, 6 to 10 (default 6)\n"
    "  -a, --algorithm A     sha1 (default), sha256, sha512\n"
    "  -c, --counter C       the counter, 0 to 18446744073709551615\n"
    "  -l, --look-ahead N    verify: also try the next N counters (default 0, at most 20)\n"
    "  -n, --count COUNT     code: how many codes, for C, C+1, ... (default 1)\n"
    "  --account NAME        uri: the user's account, e.g. alice@example.com\n"
    "  --issuer NAME         uri: the service, e.g. Example (no ':')\n"
    "  --qr                  uri: draw a QR code for a dark terminal\n"
    "  --qr-invert           uri: draw a QR code for a light terminal\n"
    "  -h, --help            this help\n";

enum {
    OPT_KEY = OPT_FIRST_OWN,
    OPT_DIGITS = OPT_KEY + 4,
    OPT_ALGORITHM,
    OPT_ACCOUNT,
    OPT_ISSUER,
    OPT_QR,
    OPT_QR_INVERT,
    OPT_PERIOD,
    OPT_TIME,
    OPT_WINDOW,
    OPT_COUNTER,
    OPT_LOOK_AHEAD,
};
enum { ACTION_CODE, ACTION_VERIFY, ACTION_URI, ACTION_NONE };

#define OATH_OPTS                                                                                \
    CLI_OPT_HELP, KEY_OPTS(OPT_KEY), {"digits", 'd', true, OPT_DIGITS},                          \
        {"algorithm", 'a', true, OPT_ALGORITHM}, {"account", 0, true, OPT_ACCOUNT},              \
        {"issuer", 0, true, OPT_ISSUER}, {"qr", 0, false, OPT_QR},                               \
        {"qr-invert", 0, false, OPT_QR_INVERT}

struct oath {
    bool hotp;
    const char *prog;
    size_t action;
    struct key_spec key;
    struct secret_buf key_bytes;
    uint32_t digits;
    uint32_t algorithm;
    uint32_t period;
    uint32_t window;
    uint32_t look_ahead;
    uint64_t time;
    uint64_t counter; /* hotp: the next code's counter */
    const char *code_arg; /* verify: the CODE argument */
    const char *account;
    const char *issuer;
    bool qr;
    bool qr_invert;
};

static void parse(struct cli_parser *p, struct oath *o) {
    static const char *const actions[] = {"code", "verify", "uri"};
    static const char *const algorithms[] = {"sha1", "sha256", "sha512"};
    static const uint32_t algorithm_ids[] = {SECRETS_OTP_SHA1, SECRETS_OTP_SHA256,
                                             SECRETS_OTP_SHA512};
    const char *value;
    for (int id; (id = cli_next(p, &value)) != CLI_DONE;) {
        if (key_option(p, &o->key, OPT_KEY, id, value)) {
            continue;
        }
        switch (id) {
        case OPT_DIGITS:
            o->digits = (uint32_t)cli_parse_u64(p, cli_current(p), value, SECRETS_HOTP_MIN_DIGITS,
                                                SECRETS_HOTP_MAX_DIGITS);
            break;
        case OPT_ALGORITHM:
            o->algorithm = algorithm_ids[cli_parse_choice(p, cli_current(p), value, algorithms, 3)];
            break;
        case OPT_ACCOUNT:
        case OPT_ISSUER:
            if (value[0] == '\0' || strchr(value, ':') != NULL) {
                cli_usage_error(p, cli_current(p), "needs a non-empty name without ':'");
            }
            *(id == OPT_ACCOUNT ? &o->account : &o->issuer) = value;
            break;
        case OPT_QR:
        case OPT_QR_INVERT:
            o->qr = true;
            o->qr_invert = id == OPT_QR_INVERT;
            break;
        case OPT_PERIOD:
            o->period = (uint32_t)cli_parse_u64(p, cli_current(p), value, 1, UINT32_MAX);
            break;
        case OPT_TIME:
            o->time = cli_parse_time(p, value);
            break;
        case OPT_WINDOW:
            o->window =
                (uint32_t)cli_parse_u64(p, cli_current(p), value, 0, SECRETS_TOTP_MAX_WINDOW);
            break;
        case OPT_COUNTER:
            o->counter = cli_parse_u64(p, cli_current(p), value, 0, UINT64_MAX);
            break;
        case OPT_LOOK_AHEAD:
            o->look_ahead =
                (uint32_t)cli_parse_u64(p, cli_current(p), value, 0, SECRETS_HOTP_MAX_LOOK_AHEAD);
            break;
        case CLI_POSITIONAL:
            if (o->action == ACTION_NONE) {
                o->action = cli_parse_choice(p, "ACTION", value, actions, 3);
            } else if (o->action == ACTION_VERIFY && o->code_arg == NULL) {
                o->code_arg = value;
            } else {
                cli_unexpected(p, value);
            }
            break;
        default:
            cli_unexpected(p, value);
        }
    }
}

/* Usage errors that need every option seen. */
static void check(const struct cli_parser *p, const struct oath *o) {
    static const int uri_only[] = {OPT_ACCOUNT, OPT_ISSUER, OPT_QR, OPT_QR_INVERT};
    static const int not_uri[] = {OPT_TIME, OPT_WINDOW, OPT_LOOK_AHEAD, OPT_COUNT};
    static const int verify_only[] = {OPT_WINDOW, OPT_LOOK_AHEAD};
    static const int code_only[] = {OPT_COUNT};
    switch (o->action) {
    case ACTION_NONE:
        cli_usage_error(p, "ACTION", "missing: code, verify or uri (see '%s --help')", o->prog);
    case ACTION_CODE:
        cli_refuse(p, uri_only, 4, "code");
        cli_refuse(p, verify_only, 2, "code");
        break;
    case ACTION_VERIFY:
        cli_refuse(p, uri_only, 4, "verify");
        cli_refuse(p, code_only, 1, "verify");
        if (o->code_arg == NULL) {
            cli_usage_error(p, "CODE", "missing: the code to verify, or - to read it");
        }
        break;
    default:
        cli_refuse(p, not_uri, 4, "uri");
        if (o->account == NULL) {
            cli_usage_error(p, "--account", "missing: the account the key belongs to");
        }
        break;
    }
    if (o->hotp && o->action != ACTION_URI && cli_seen(p, OPT_COUNTER) == NULL) {
        cli_usage_error(p, "--counter", "missing: the counter of the code");
    }
    if (o->hotp && p->count - 1 > UINT64_MAX - o->counter) {
        cli_usage_error(p, "-n", "the counters would pass 18446744073709551615");
    }
    source_require(p, &o->key.src, "key");
    if (o->code_arg != NULL && strcmp(o->code_arg, "-") == 0 && o->key.src.kind == SOURCE_STDIN) {
        cli_usage_error(p, "CODE", "standard input is already read for --key-stdin");
    }
}

static secrets_status make_code(char *out, size_t out_size, void *ctx) {
    struct oath *o = ctx;
    if (!o->hotp) {
        return secrets_totp(out, out_size, o->key_bytes.data, o->key_bytes.len, o->time, o->period,
                            o->digits, o->algorithm);
    }
    return secrets_hotp(out, out_size, o->key_bytes.data, o->key_bytes.len, o->counter++, o->digits,
                        o->algorithm);
}

/* Reports a failure of the library: a MALFORMED code is the user's argument (2). */
static int code_failure(const struct oath *o, secrets_status status) {
    if (status == SECRETS_ERR_MALFORMED) {
        cli_complain(o->prog, "CODE: expected %" PRIu32 " digits", o->digits);
        return EXIT_TROUBLE;
    }
    return report_status(o->prog, status == SECRETS_ERR_MISMATCH ? "CODE" : NULL, status);
}

static int verify(struct oath *o) {
    struct secret_buf from_stdin = SECRET_BUF_INIT;
    const char *code = o->code_arg;
    if (strcmp(code, "-") == 0) {
        struct source src;
        source_stdin(&src, "CODE");
        if (!source_read_line(o->prog, &src, &from_stdin)) {
            return EXIT_TROUBLE;
        }
        code = (const char *)from_stdin.data;
    }
    uint64_t matched = 0;
    secrets_status status =
        o->hotp ? secrets_hotp_verify(&matched, code, o->key_bytes.data, o->key_bytes.len, o->counter,
                                  o->look_ahead, o->digits, o->algorithm)
                : secrets_totp_verify(&matched, code, o->key_bytes.data, o->key_bytes.len, o->time,
                                      o->period, o->digits, o->algorithm, o->window);
    secret_buf_free(&from_stdin);
    if (status != SECRETS_OK) {
        return code_failure(o, status);
    }
    if (o->hotp && matched == UINT64_MAX) {
        cli_complain(o->prog, "CODE: matched the last counter; the key cannot be used again");
        return EXIT_MISMATCH;
    }
    char line[24];
    snprintf(line, sizeof line, "%" PRIu64, o->hotp ? matched + 1 : matched);
    out_line(line);
    return EXIT_OK;
}

static int uri(const struct oath *o) {
    size_t size = secrets_otpauth_uri_size(o->issuer, o->account, o->key_bytes.len);
    char *text = size != 0 ? malloc(size) : NULL;
    if (text == NULL) {
        cli_complain(o->prog, "out of memory");
        return EXIT_TROUBLE;
    }
    secrets_status status =
        o->hotp ? secrets_otpauth_uri_hotp(text, size, o->issuer, o->account, o->key_bytes.data,
                                       o->key_bytes.len, o->counter, o->digits, o->algorithm)
                : secrets_otpauth_uri(text, size, o->issuer, o->account, o->key_bytes.data,
                                      o->key_bytes.len, o->period, o->digits, o->algorithm);
    int result = EXIT_OK;
    if (status != SECRETS_OK) {
        result = report_status(o->prog, NULL, status);
    } else if (!o->qr) {
        out_line(text);
    } else if (!qr_print(text, o->qr_invert)) {
        cli_complain(o->prog, "--qr: the URI (%zu bytes) does not fit a QR code of version %d; "
                              "shorten --issuer or --account", strlen(text), QR_MAX_VERSION);
        result = EXIT_TROUBLE;
    }
    secrets_memzero(text, size);
    free(text);
    return result;
}

static int run(bool hotp, int argc, char **argv) {
    static const struct cli_opt totp_opts[] = {
        OATH_OPTS,
        {"period", 0, true, OPT_PERIOD},
        {"time", 0, true, OPT_TIME},
        {"window", 'w', true, OPT_WINDOW},
        CLI_OPT_END,
    };
    static const struct cli_opt hotp_opts[] = {
        OATH_OPTS,
        CLI_OPT_COUNT,
        {"counter", 'c', true, OPT_COUNTER},
        {"look-ahead", 'l', true, OPT_LOOK_AHEAD},
        CLI_OPT_END,
    };
    struct oath o = {
        .hotp = hotp,
        .prog = hotp ? "secrets hotp" : "secrets totp",
        .action = ACTION_NONE,
        .key = {SOURCE_INIT, KEY_BASE32},
        .key_bytes = SECRET_BUF_INIT,
        .digits = 6,
        .algorithm = SECRETS_OTP_SHA1,
        .period = 30,
        .window = 1,
        .time = cli_now(),
    };
    struct cli_parser p;
    cli_init(&p, o.prog, hotp ? hotp_help : totp_help, hotp ? hotp_opts : totp_opts, argc, argv);
    parse(&p, &o);
    check(&p, &o);

    if (!key_read(o.prog, &o.key.src, o.key.enc, &o.key_bytes)) {
        return EXIT_TROUBLE;
    }
    int result;
    switch (o.action) {
    case ACTION_CODE:
        result = out_generate(o.prog, p.count, SECRETS_HOTP_CODE_SIZE, make_code, &o);
        break;
    case ACTION_VERIFY:
        result = verify(&o);
        break;
    default:
        result = uri(&o);
        break;
    }
    secret_buf_free(&o.key_bytes);
    return result;
}

int cmd_totp(int argc, char **argv) {
    return run(false, argc, argv);
}

int cmd_hotp(int argc, char **argv) {
    return run(true, argc, argv);
}
