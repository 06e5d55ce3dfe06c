#include <stdlib.h>

#include <secrets.h>

#include "args.h"
#include "commands.h"
#include "output.h"

static const char help[] =
    "usage: secrets token [-f FORMAT] [-s BYTES] [-n COUNT]\n"
    "\n"
    "Prints a token of BYTES random bytes (default 32: 256 bits).\n"
    "\n"
    "  -f, --format FORMAT  urlsafe (unpadded base64url, the default), hex,\n"
    "                       base32 (RFC 4648, unpadded: a TOTP/HOTP key), or\n"
    "                       bytes (raw, without a newline)\n"
    "  -s, --size BYTES     random bytes in each token, 1 to 1048576\n"
    "  -n, --count COUNT    how many tokens (default 1), one a line\n"
    "  -h, --help           this help\n";

enum { FORMAT_URLSAFE, FORMAT_HEX, FORMAT_BASE32, FORMAT_BYTES };
enum { OPT_FORMAT = OPT_FIRST_OWN, OPT_SIZE };

struct token_job {
    size_t nbytes;
    unsigned char *scratch; /* base32: the random bytes before encoding */
};

static secrets_status make_urlsafe(char *out, size_t out_size, void *ctx) {
    return secrets_token_urlsafe(out, out_size, ((struct token_job *)ctx)->nbytes);
}

static secrets_status make_hex(char *out, size_t out_size, void *ctx) {
    return secrets_token_hex(out, out_size, ((struct token_job *)ctx)->nbytes);
}

static secrets_status make_base32(char *out, size_t out_size, void *ctx) {
    struct token_job *job = ctx;
    secrets_status status = secrets_token_bytes(job->scratch, job->nbytes);
    if (status == SECRETS_OK) {
        status = secrets_base32_encode(out, out_size, job->scratch, job->nbytes);
    }
    secrets_memzero(job->scratch, job->nbytes);
    return status;
}

static int raw_tokens(const char *prog, uint64_t count, struct token_job *job) {
    for (uint64_t i = 0; i < count; i++) {
        secrets_status status = secrets_token_bytes(job->scratch, job->nbytes);
        if (status != SECRETS_OK) {
            secrets_memzero(job->scratch, job->nbytes);
            return report_status(prog, NULL, status);
        }
        out_bytes(job->scratch, job->nbytes);
        secrets_memzero(job->scratch, job->nbytes);
    }
    return EXIT_OK;
}

int cmd_token(int argc, char **argv) {
    static const struct cli_opt opts[] = {
        CLI_OPT_HELP, CLI_OPT_COUNT,
        {"format", 'f', true, OPT_FORMAT},
        {"size", 's', true, OPT_SIZE},
        CLI_OPT_END,
    };
    static const char *const formats[] = {"urlsafe", "hex", "base32", "bytes"};
    const char *prog = "secrets token";
    struct cli_parser p;
    cli_init(&p, prog, help, opts, argc, argv);

    size_t format = FORMAT_URLSAFE;
    struct token_job job = {SECRETS_DEFAULT_ENTROPY, NULL};
    const char *value;
    for (int id; (id = cli_next(&p, &value)) != CLI_DONE;) {
        switch (id) {
        case OPT_FORMAT:
            format = cli_parse_choice(&p, cli_current(&p), value, formats, 4);
            break;
        case OPT_SIZE:
            job.nbytes = (size_t)cli_parse_u64(&p, cli_current(&p), value, 1, 1u << 20);
            break;
        default:
            cli_unexpected(&p, value);
        }
    }

    int result;
    if (format == FORMAT_URLSAFE) {
        result = out_generate(prog, p.count, secrets_token_urlsafe_size(job.nbytes), make_urlsafe,
                              &job);
    } else if (format == FORMAT_HEX) {
        result = out_generate(prog, p.count, secrets_token_hex_size(job.nbytes), make_hex, &job);
    } else {
        job.scratch = malloc(job.nbytes);
        if (job.scratch == NULL) {
            cli_complain(prog, "out of memory");
            return EXIT_TROUBLE;
        }
        result = format == FORMAT_BYTES
                     ? raw_tokens(prog, p.count, &job)
                     : out_generate(prog, p.count, secrets_base32_encode_size(job.nbytes),
                                    make_base32, &job);
        free(job.scratch);
    }
    return result;
}
