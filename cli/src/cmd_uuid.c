#include <secrets.h>

#include "args.h"
#include "commands.h"
#include "output.h"

static const char help[] =
    "usage: secrets uuid [-n COUNT]\n"
    "\n"
    "Prints a random UUID (RFC 9562 version 4: 122 random bits), lowercase.\n"
    "\n"
    "  -n, --count COUNT  how many UUIDs (default 1), one a line\n"
    "  -h, --help         this help\n";

static secrets_status make_uuid(char *out, size_t out_size, void *ctx) {
    (void)ctx;
    return secrets_uuid4(out, out_size);
}

int cmd_uuid(int argc, char **argv) {
    static const struct cli_opt opts[] = {CLI_OPT_HELP, CLI_OPT_COUNT, CLI_OPT_END};
    const char *prog = "secrets uuid";
    struct cli_parser p;
    cli_init(&p, prog, help, opts, argc, argv);
    const char *value;
    for (int id; (id = cli_next(&p, &value)) != CLI_DONE;) {
        cli_unexpected(&p, value);
    }
    return out_generate(prog, p.count, SECRETS_UUID_SIZE, make_uuid, NULL);
}
