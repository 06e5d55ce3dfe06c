/* Command-line parsing for the `secrets` tool: options, numbers, choices,
 * and the one-line usage errors that end the program with status 2. */
#ifndef SECRETS_CLI_ARGS_H
#define SECRETS_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses, as diff and cmp use them. */
enum {
    EXIT_OK = 0,
    EXIT_MISMATCH = 1, /* a verification failed */
    EXIT_TROUBLE = 2,  /* bad usage, unreadable input, or any other error */
};

/* One accepted option: `--name`, and `-c` when short_name is not 0. */
struct cli_opt {
    const char *name;
    char short_name;
    bool takes_value;
    int id; /* returned by cli_next */
};

/* Ids every command shares (commands number their own from OPT_FIRST_OWN). */
enum {
    OPT_HELP = 1,
    OPT_COUNT, /* -n COUNT */
    OPT_FIRST_OWN = 100,
};

#define CLI_OPT_HELP {"help", 'h', false, OPT_HELP}
#define CLI_OPT_COUNT {"count", 'n', true, OPT_COUNT}
#define CLI_OPT_END {NULL, 0, false, 0}

/* What cli_next returns besides an option id. */
enum { CLI_DONE = 0, CLI_POSITIONAL = -1 };

struct cli_parser {
    const char *prog; /* "secrets totp", for messages */
    const char *help; /* printed by --help */
    const struct cli_opt *opts;
    int argc;
    char **argv;
    int index;
    bool only_positional; /* after "--" */
    const char *current;  /* the option as the user spelled it, for messages */
    uint64_t seen;        /* bit i: opts[i] was given */
    uint64_t count;       /* -n COUNT, handled by cli_next; 1 by default */
};

/* argv[0] is the subcommand; parsing starts at argv[1]. */
void cli_init(struct cli_parser *p, const char *prog, const char *help, const struct cli_opt *opts,
              int argc, char **argv);

/* The next option's id (its value, if any, in *value), CLI_POSITIONAL with
 * the argument in *value, or CLI_DONE. --help prints the help and exits 0;
 * -n COUNT is stored in p->count; an unknown option, or a missing or
 * unexpected value, is a usage error. */
int cli_next(struct cli_parser *p, const char **value);

/* Prints "PROG: WHAT: message" on stderr and exits with status 2. WHAT
 * names the argument (an option as spelled, or a placeholder like CODE). */
_Noreturn void cli_usage_error(const struct cli_parser *p, const char *what, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Prints "PROG: message" on stderr (no exit). */
void cli_complain(const char *prog, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The option currently being handled, as the user spelled it ("-n", "--count"). */
const char *cli_current(const struct cli_parser *p);

/* A decimal integer in [min, max] (no sign, no spaces, no other base); anything else is
 * a usage error naming `what`. */
uint64_t cli_parse_u64(const struct cli_parser *p, const char *what, const char *text, uint64_t min,
                       uint64_t max);

/* The index of `text` in names[0..n]; anything else is a usage error listing them. */
size_t cli_parse_choice(const struct cli_parser *p, const char *what, const char *text,
                        const char *const *names, size_t n);

/* The largest -n COUNT. */
#define CLI_MAX_COUNT 1000000000u

/* The long name of option `id` ("window") if it was given, else NULL. */
const char *cli_seen(const struct cli_parser *p, int id);

/* A usage error naming the first of ids[0..n] that was given, for options
 * the chosen action does not use. */
void cli_refuse(const struct cli_parser *p, const int *ids, size_t n, const char *action);

/* --time UNIX: seconds since 1970 (for tests and replays); cli_now() otherwise. */
uint64_t cli_parse_time(const struct cli_parser *p, const char *text);
uint64_t cli_now(void);

/* A usage error when the command got a positional argument it does not take. */
_Noreturn void cli_unexpected(const struct cli_parser *p, const char *arg);

#endif
