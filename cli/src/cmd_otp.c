#include <secrets.h>

#include "args.h"
#include "commands.h"
#include "output.h"

static const char help[] =
    "usage: secrets otp [-a] [-l LENGTH] [-n COUNT]\n"
    "\n"
    "Prints a one-time code to send to a user (by mail or SMS), each\n"
    "character uniform: digits by default (6: 19.9 bits), or with -a from\n"
    "23456789ABCDEFGHJKLMNPQRSTUVWXYZ (8: 40 bits). Rate-limit guesses.\n"
    "\n"
    "  -a, --alphanumeric   use the 32 unambiguous letters and digits\n"
    "  -l, --length LENGTH  characters, 1 to 64 (default 6, or 8 with -a)\n"
    "  -n, --count COUNT    how many codes (default 1), one a line\n"
    "  -h, --help           this help\n";

enum { OPT_ALNUM = OPT_FIRST_OWN, OPT_LENGTH };

static secrets_status make_numeric(char *out, size_t out_size, void *ctx) {
    return secrets_otp_numeric(out, out_size, *(size_t *)ctx);
}

static secrets_status make_alnum(char *out, size_t out_size, void *ctx) {
    return secrets_otp_alphanumeric(out, out_size, *(size_t *)ctx);
}

int cmd_otp(int argc, char **argv) {
    static const struct cli_opt opts[] = {
        CLI_OPT_HELP, CLI_OPT_COUNT,
        {"alphanumeric", 'a', false, OPT_ALNUM},
        {"length", 'l', true, OPT_LENGTH},
        CLI_OPT_END,
    };
    const char *prog = "secrets otp";
    struct cli_parser p;
    cli_init(&p, prog, help, opts, argc, argv);
    bool alnum = false;
    size_t length = 0;
    const char *value;
    for (int id; (id = cli_next(&p, &value)) != CLI_DONE;) {
        switch (id) {
        case OPT_ALNUM:
            alnum = true;
            break;
        case OPT_LENGTH:
            length = (size_t)cli_parse_u64(&p, cli_current(&p), value, 1, SECRETS_OTP_CODE_MAX_LEN);
            break;
        default:
            cli_unexpected(&p, value);
        }
    }
    if (length == 0) {
        length = alnum ? 8 : 6;
    }
    return out_generate(prog, p.count, length + 1, alnum ? make_alnum : make_numeric, &length);
}
