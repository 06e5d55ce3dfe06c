#include <string.h>

#include <secrets.h>

#include "args.h"
#include "commands.h"
#include "input.h"
#include "output.h"

static const char help[] =
    "usage: secrets hmac sign KEY [--file FILE] [-f FORMAT]\n"
    "       secrets hmac verify TAG KEY [--file FILE]\n"
    "  where KEY is --key-file FILE | --key-env VAR | --key-stdin\n"
    "               [--key-encoding raw|hex|base32]\n"
    "\n"
    "'sign' prints the HMAC-SHA256 tag of a message (standard input, or\n"
    "FILE) under a key. 'verify' checks TAG (64 hex characters) in constant\n"
    "time: exit status 0 if it matches, 1 if not.\n"
    "\n"
    "  --key-file FILE      read the key from FILE\n"
    "  --key-env VAR        read the key from the environment variable VAR\n"
    "  --key-stdin          read the key from standard input (then the message\n"
    "                       must come from --file)\n"
    "  --key-encoding ENC   raw (the bytes as they are, a final newline\n"
    "                       included: the default), hex or base32\n"
    "  --file FILE          the message (default: standard input)\n"
    "  -f, --format FORMAT  sign: hex (default) or bytes (the raw 32 bytes)\n"
    "  -h, --help           this help\n";

enum { OPT_KEY = OPT_FIRST_OWN, OPT_FILE = OPT_KEY + 4, OPT_FORMAT };
enum { ACTION_SIGN, ACTION_VERIFY, ACTION_NONE };

static int sign(const char *prog, const struct secret_buf *key, const struct secret_buf *msg,
                bool raw) {
    int result = EXIT_OK;
    if (raw) {
        unsigned char tag[SECRETS_HMAC_SHA256_BYTES];
        secrets_status status = secrets_hmac_sha256(tag, key->data, key->len, msg->data, msg->len);
        if (status == SECRETS_OK) {
            out_bytes(tag, sizeof tag);
        } else {
            result = report_status(prog, NULL, status);
        }
        secrets_memzero(tag, sizeof tag);
    } else {
        char tag[SECRETS_HMAC_SHA256_HEX_SIZE];
        secrets_status status =
            secrets_hmac_sha256_hex(tag, sizeof tag, key->data, key->len, msg->data, msg->len);
        if (status == SECRETS_OK) {
            out_line(tag);
        } else {
            result = report_status(prog, NULL, status);
        }
        secrets_memzero(tag, sizeof tag);
    }
    return result;
}

int cmd_hmac(int argc, char **argv) {
    static const struct cli_opt opts[] = {
        CLI_OPT_HELP,
        KEY_OPTS(OPT_KEY),
        {"file", 0, true, OPT_FILE},
        {"format", 'f', true, OPT_FORMAT},
        CLI_OPT_END,
    };
    static const char *const actions[] = {"sign", "verify"};
    static const char *const formats[] = {"hex", "bytes"};
    const char *prog = "secrets hmac";
    struct cli_parser p;
    cli_init(&p, prog, help, opts, argc, argv);

    struct key_spec key = {SOURCE_INIT, KEY_RAW};
    size_t action = ACTION_NONE;
    const char *tag_text = NULL;
    const char *file = NULL;
    bool raw = false;
    const char *value;
    for (int id; (id = cli_next(&p, &value)) != CLI_DONE;) {
        if (key_option(&p, &key, OPT_KEY, id, value)) {
            continue;
        }
        switch (id) {
        case OPT_FILE:
            file = value;
            break;
        case OPT_FORMAT:
            raw = cli_parse_choice(&p, cli_current(&p), value, formats, 2) == 1;
            break;
        case CLI_POSITIONAL:
            if (action == ACTION_NONE) {
                action = cli_parse_choice(&p, "ACTION", value, actions, 2);
            } else if (action == ACTION_VERIFY && tag_text == NULL) {
                tag_text = value;
            } else {
                cli_unexpected(&p, value);
            }
            break;
        default:
            cli_unexpected(&p, value);
        }
    }
    if (action == ACTION_NONE) {
        cli_usage_error(&p, "ACTION", "missing: sign or verify (see '%s --help')", prog);
    }
    source_require(&p, &key.src, "key");
    struct source msg_src;
    if (file != NULL) {
        source_file(&msg_src, "--file", file);
    } else {
        source_stdin(&msg_src, "the message");
    }
    sources_one_stdin(&p, &key.src, &msg_src);
    unsigned char tag[SECRETS_HMAC_SHA256_BYTES];
    if (action == ACTION_VERIFY) {
        static const int sign_only[] = {OPT_FORMAT};
        cli_refuse(&p, sign_only, 1, "verify");
        if (tag_text == NULL) {
            cli_usage_error(&p, "TAG", "missing: the 64 hex characters to verify");
        }
        if (strlen(tag_text) != 2 * sizeof tag || !hex_decode(tag, tag_text, 2 * sizeof tag)) {
            cli_usage_error(&p, "TAG", "expected 64 hex characters (an HMAC-SHA256 tag)");
        }
    }

    struct secret_buf key_bytes = SECRET_BUF_INIT;
    struct secret_buf msg = SECRET_BUF_INIT;
    int result = EXIT_TROUBLE;
    if (key_read(prog, &key.src, key.enc, &key_bytes) &&
        source_read(prog, &msg_src, SIZE_MAX / 4, &msg)) {
        if (action == ACTION_SIGN) {
            result = sign(prog, &key_bytes, &msg, raw);
        } else {
            secrets_status status = secrets_hmac_sha256_verify(tag, sizeof tag, key_bytes.data,
                                                               key_bytes.len, msg.data, msg.len);
            result = status == SECRETS_OK ? EXIT_OK : report_status(prog, "TAG", status);
        }
    }
    secret_buf_free(&key_bytes);
    secret_buf_free(&msg);
    return result;
}
