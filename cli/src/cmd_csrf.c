#include <secrets.h>

#include "args.h"
#include "commands.h"
#include "input.h"
#include "output.h"

static const char help[] =
    "usage: secrets csrf issue KEY [SESSION] [--time UNIX] [-n COUNT]\n"
    "       secrets csrf verify KEY [SESSION] [TOKEN] [--max-age SECONDS]\n"
    "                           [--time UNIX]\n"
    "  where KEY is --key-file FILE | --key-env VAR | --key-stdin\n"
    "               [--key-encoding raw|hex|base32]\n"
    "    SESSION is --session-file FILE | --session-env VAR | --session-stdin\n"
    "    TOKEN   is --token-file FILE | --token-env VAR | --token-stdin\n"
    "\n"
    "Stateless CSRF tokens: 'issue' prints a signed, timestamped token (76\n"
    "URL-safe characters) bound to a session id, or unbound without one.\n"
    "'verify' reads a token (from standard input by default) and exits 0 if\n"
    "it is authentic for the key and session and at most SECONDS old, 1 if\n"
    "not (forged, another session, expired or malformed). The key needs at\n"
    "least 16 bytes (32 random bytes are best: 'secrets token -f bytes').\n"
    "\n"
    "  --key-file, --key-env, --key-stdin          where the key is\n"
    "  --key-encoding ENC       raw (default), hex or base32\n"
    "  --session-file, --session-env, --session-stdin\n"
    "                           where the session id is (one line)\n"
    "  --token-file, --token-env, --token-stdin\n"
    "                           verify: where the token is (default: stdin)\n"
    "  --max-age SECONDS        verify: oldest token accepted (default 3600)\n"
    "  --time UNIX              the current time (default: the clock)\n"
    "  -n, --count COUNT        issue: how many tokens (default 1)\n"
    "  -h, --help               this help\n";

enum {
    OPT_KEY = OPT_FIRST_OWN,
    OPT_SESSION = OPT_KEY + 4,
    OPT_TOKEN = OPT_SESSION + 3,
    OPT_MAX_AGE = OPT_TOKEN + 3,
    OPT_TIME,
};
enum { ACTION_ISSUE, ACTION_VERIFY, ACTION_NONE };

struct csrf_job {
    const struct secret_buf *key;
    const char *session; /* NULL: unbound */
    uint64_t now;
};

static secrets_status make_token(char *out, size_t out_size, void *ctx) {
    const struct csrf_job *job = ctx;
    return secrets_csrf_token(out, out_size, job->key->data, job->key->len, job->session, job->now);
}

static int verify(const char *prog, const struct source *token_src, const struct csrf_job *job,
                  uint64_t max_age) {
    struct secret_buf token = SECRET_BUF_INIT;
    if (!source_read_line(prog, token_src, &token)) {
        return EXIT_TROUBLE;
    }
    secrets_status status = secrets_csrf_verify((const char *)token.data, job->key->data,
                                                job->key->len, job->session, job->now, max_age);
    secret_buf_free(&token);
    return status == SECRETS_OK ? EXIT_OK : report_status(prog, token_src->option, status);
}

int cmd_csrf(int argc, char **argv) {
    static const struct cli_opt opts[] = {
        CLI_OPT_HELP, CLI_OPT_COUNT,
        KEY_OPTS(OPT_KEY),
        SOURCE_OPTS("session", OPT_SESSION),
        SOURCE_OPTS("token", OPT_TOKEN),
        {"max-age", 0, true, OPT_MAX_AGE},
        {"time", 0, true, OPT_TIME},
        CLI_OPT_END,
    };
    static const char *const actions[] = {"issue", "verify"};
    const char *prog = "secrets csrf";
    struct cli_parser p;
    cli_init(&p, prog, help, opts, argc, argv);

    struct key_spec key = {SOURCE_INIT, KEY_RAW};
    struct source session_src = SOURCE_INIT;
    struct source token_src = SOURCE_INIT;
    size_t action = ACTION_NONE;
    uint64_t max_age = 3600;
    struct csrf_job job = {NULL, NULL, cli_now()};
    const char *value;
    for (int id; (id = cli_next(&p, &value)) != CLI_DONE;) {
        if (key_option(&p, &key, OPT_KEY, id, value) ||
            source_option(&p, &session_src, OPT_SESSION, id, value) ||
            source_option(&p, &token_src, OPT_TOKEN, id, value)) {
            continue;
        }
        switch (id) {
        case OPT_MAX_AGE:
            max_age = cli_parse_u64(&p, cli_current(&p), value, 0, UINT64_MAX);
            break;
        case OPT_TIME:
            job.now = cli_parse_time(&p, value);
            break;
        case CLI_POSITIONAL:
            if (action != ACTION_NONE) {
                cli_unexpected(&p, value);
            }
            action = cli_parse_choice(&p, "ACTION", value, actions, 2);
            break;
        default:
            cli_unexpected(&p, value);
        }
    }
    if (action == ACTION_NONE) {
        cli_usage_error(&p, "ACTION", "missing: issue or verify (see '%s --help')", prog);
    }
    if (action == ACTION_ISSUE) {
        static const int verify_only[] = {OPT_TOKEN, OPT_TOKEN + 1, OPT_TOKEN + 2, OPT_MAX_AGE};
        cli_refuse(&p, verify_only, 4, "issue");
    } else {
        static const int issue_only[] = {OPT_COUNT};
        cli_refuse(&p, issue_only, 1, "verify");
        if (token_src.kind == SOURCE_NONE) {
            source_stdin(&token_src, "the token");
        }
    }
    source_require(&p, &key.src, "key");
    sources_one_stdin(&p, &key.src, &session_src);
    sources_one_stdin(&p, &key.src, &token_src);
    sources_one_stdin(&p, &session_src, &token_src);

    struct secret_buf key_bytes = SECRET_BUF_INIT;
    struct secret_buf session = SECRET_BUF_INIT;
    int result = EXIT_TROUBLE;
    if (!key_read(prog, &key.src, key.enc, &key_bytes) ||
        (session_src.kind != SOURCE_NONE && !source_read_line(prog, &session_src, &session))) {
        goto done;
    }
    if (key_bytes.len < SECRETS_CSRF_MIN_KEY_BYTES) {
        cli_complain(prog, "%s: the key has %zu bytes; a CSRF key needs at least %d",
                     key.src.option,
                     key_bytes.len, SECRETS_CSRF_MIN_KEY_BYTES);
        goto done;
    }
    job.key = &key_bytes;
    job.session = session.data != NULL ? (const char *)session.data : NULL;
    if (action == ACTION_ISSUE) {
        result = out_generate(prog, p.count, SECRETS_CSRF_TOKEN_SIZE, make_token, &job);
    } else {
        result = verify(prog, &token_src, &job, max_age);
    }
done:
    secret_buf_free(&key_bytes);
    secret_buf_free(&session);
    return result;
}
