#include <stdio.h>
#include <string.h>

#include <secrets.h>

#include "args.h"
#include "commands.h"
#include "input.h"
#include "output.h"

static const char help[] =
    "usage: secrets api-key [-p PREFIX] [-s BYTES] [-n COUNT]\n"
    "       secrets api-key --checksummed -p PREFIX [-n COUNT]\n"
    "       secrets api-key check [-p PREFIX] [--key-file FILE | --key-env VAR |\n"
    "                             --key-stdin]\n"
    "\n"
    "Prints an API key PREFIX_HEX of BYTES random bytes (default 32), or with\n"
    "--checksummed a key in GitHub's token format: PREFIX_, 30 random base62\n"
    "characters (178 bits) and a 6-character CRC-32 checksum that secret\n"
    "scanners and 'check' verify offline.\n"
    "\n"
    "'check' reads checksummed keys, one a line, from standard input (the\n"
    "default), a file or a variable, never from the command line. It prints\n"
    "nothing on standard output and exits 1 if any key is malformed (a typo,\n"
    "a truncation) or, with --prefix, has another prefix.\n"
    "\n"
    "  -p, --prefix PREFIX   1 to 32 of A-Z a-z 0-9 _ (e.g. myapp)\n"
    "  -s, --size BYTES      random bytes of a plain key, 1 to 1024 (default 32)\n"
    "  -c, --checksummed     a checksummed key (needs --prefix)\n"
    "      --key-file FILE   check: read the keys from FILE\n"
    "      --key-env VAR     check: read the key from the variable VAR\n"
    "      --key-stdin       check: read the keys from standard input (default)\n"
    "  -n, --count COUNT     how many keys (default 1), one a line\n"
    "  -h, --help            this help\n";

enum { OPT_PREFIX = OPT_FIRST_OWN, OPT_SIZE, OPT_CHECKSUMMED, OPT_KEY };

struct key_job {
    const char *prefix;
    size_t nbytes;
};

static secrets_status make_plain(char *out, size_t out_size, void *ctx) {
    const struct key_job *job = ctx;
    return secrets_api_key(out, out_size, job->prefix, job->nbytes);
}

static secrets_status make_checksummed(char *out, size_t out_size, void *ctx) {
    return secrets_api_key_checksummed(out, out_size, ((const struct key_job *)ctx)->prefix);
}

/* Checks every non-empty line of text; EXIT_MISMATCH if one fails. */
static int check_keys(const char *prog, const struct source *src, char *text, const char *prefix) {
    int result = EXIT_OK;
    size_t line_no = 0;
    size_t keys = 0;
    for (char *line = text; line != NULL;) {
        char *next = strchr(line, '\n');
        if (next != NULL) {
            *next++ = '\0';
        }
        line_no++;
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\r') {
            line[len - 1] = '\0';
        }
        if (line[0] != '\0') {
            keys++;
            secrets_status status = prefix != NULL ? secrets_api_key_check_prefix(line, prefix)
                                                   : secrets_api_key_check(line);
            if (status != SECRETS_OK) {
                char where[64];
                snprintf(where, sizeof where, "%s: line %zu", src->option, line_no);
                result = report_status(prog, where, status);
            }
        }
        line = next;
    }
    if (keys == 0) {
        cli_complain(prog, "%s: no key to check", src->option);
        result = EXIT_TROUBLE;
    }
    return result;
}

static const char *valid_prefix(const struct cli_parser *p, const char *prefix) {
    if (secrets_api_key_checksummed_size(prefix) == 0) {
        cli_usage_error(p, "--prefix", "expected 1 to 32 of A-Z a-z 0-9 _, not \"%s\"", prefix);
    }
    return prefix;
}

int cmd_api_key(int argc, char **argv) {
    static const struct cli_opt opts[] = {
        CLI_OPT_HELP, CLI_OPT_COUNT,
        {"prefix", 'p', true, OPT_PREFIX},
        {"size", 's', true, OPT_SIZE},
        {"checksummed", 'c', false, OPT_CHECKSUMMED},
        SOURCE_OPTS("key", OPT_KEY),
        CLI_OPT_END,
    };
    const char *prog = "secrets api-key";
    struct cli_parser p;
    cli_init(&p, prog, help, opts, argc, argv);

    struct key_job job = {NULL, SECRETS_DEFAULT_ENTROPY};
    bool checksummed = false;
    bool check = false;
    struct source src = SOURCE_INIT;
    const char *value;
    for (int id; (id = cli_next(&p, &value)) != CLI_DONE;) {
        if (source_option(&p, &src, OPT_KEY, id, value)) {
            continue;
        }
        switch (id) {
        case OPT_PREFIX:
            job.prefix = valid_prefix(&p, value);
            break;
        case OPT_SIZE:
            job.nbytes = (size_t)cli_parse_u64(&p, cli_current(&p), value, 1, 1024);
            break;
        case OPT_CHECKSUMMED:
            checksummed = true;
            break;
        case CLI_POSITIONAL:
            if (strcmp(value, "check") == 0 && !check) {
                check = true;
                break;
            }
            if (check) {
                cli_usage_error(&p, value, "keys are read from standard input, --key-file or "
                                           "--key-env, never from the command line");
            }
            cli_unexpected(&p, value);
        default:
            cli_unexpected(&p, value);
        }
    }

    if (check) {
        static const int generate_only[] = {OPT_CHECKSUMMED, OPT_SIZE, OPT_COUNT};
        cli_refuse(&p, generate_only, 3, "check");
        if (src.kind == SOURCE_NONE) {
            source_stdin(&src, "standard input");
        }
        struct secret_buf keys = SECRET_BUF_INIT;
        if (!source_read(prog, &src, (size_t)1 << 26, &keys)) {
            return EXIT_TROUBLE;
        }
        int result = check_keys(prog, &src, (char *)keys.data, job.prefix);
        secret_buf_free(&keys);
        return result;
    }
    if (src.kind != SOURCE_NONE) {
        cli_usage_error(&p, src.option, "only 'check' reads keys");
    }
    if (checksummed) {
        if (job.prefix == NULL) {
            cli_usage_error(&p, "--checksummed", "needs --prefix");
        }
        if (cli_seen(&p, OPT_SIZE) != NULL) {
            cli_usage_error(&p, "--size", "a checksummed key has a fixed size");
        }
        return out_generate(prog, p.count, secrets_api_key_checksummed_size(job.prefix),
                            make_checksummed, &job);
    }
    return out_generate(prog, p.count, secrets_api_key_size(job.prefix, job.nbytes), make_plain,
                        &job);
}
