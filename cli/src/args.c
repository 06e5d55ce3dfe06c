#include "args.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output.h"

void cli_init(struct cli_parser *p, const char *prog, const char *help, const struct cli_opt *opts,
              int argc, char **argv) {
    p->prog = prog;
    p->help = help;
    p->opts = opts;
    p->argc = argc;
    p->argv = argv;
    p->index = 1;
    p->only_positional = false;
    p->current = NULL;
    p->seen = 0;
    p->count = 1;
}

static void vcomplain(const char *prog, const char *what, const char *fmt, va_list ap) {
    fprintf(stderr, "%s: ", prog);
    if (what != NULL) {
        fprintf(stderr, "%s: ", what);
    }
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_complain(const char *prog, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vcomplain(prog, NULL, fmt, ap);
    va_end(ap);
}

_Noreturn void cli_usage_error(const struct cli_parser *p, const char *what, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vcomplain(p->prog, what, fmt, ap);
    va_end(ap);
    /* Nothing is written to stdout on a usage error, even if something were pending. */
    out_abort(EXIT_TROUBLE);
}

_Noreturn void cli_unexpected(const struct cli_parser *p, const char *arg) {
    cli_usage_error(p, arg, "unexpected argument (see '%s --help')", p->prog);
}

const char *cli_current(const struct cli_parser *p) {
    return p->current != NULL ? p->current : "";
}

/* The option named by text (without its dashes and any "=value"). */
static const struct cli_opt *find_long(const struct cli_opt *opts, const char *name, size_t len) {
    for (const struct cli_opt *o = opts; o->name != NULL; o++) {
        if (strlen(o->name) == len && memcmp(o->name, name, len) == 0) {
            return o;
        }
    }
    return NULL;
}

static const struct cli_opt *find_short(const struct cli_opt *opts, char c) {
    for (const struct cli_opt *o = opts; o->name != NULL; o++) {
        if (o->short_name != 0 && o->short_name == c) {
            return o;
        }
    }
    return NULL;
}

static char spelled[64]; /* the option as typed, for messages: "--count" or "-n" */

static void remember(struct cli_parser *p, const char *arg, size_t len) {
    if (len >= sizeof spelled) {
        len = sizeof spelled - 1;
    }
    memcpy(spelled, arg, len);
    spelled[len] = '\0';
    p->current = spelled;
}

int cli_next(struct cli_parser *p, const char **value) {
    *value = NULL;
    if (p->index >= p->argc) {
        return CLI_DONE;
    }
    char *arg = p->argv[p->index++];
    if (p->only_positional || arg[0] != '-' || arg[1] == '\0') {
        *value = arg; /* "-" alone is a positional: stdin */
        return CLI_POSITIONAL;
    }
    if (strcmp(arg, "--") == 0) {
        p->only_positional = true;
        return cli_next(p, value);
    }

    const struct cli_opt *opt;
    const char *inline_value = NULL;
    if (arg[1] == '-') {
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
        remember(p, arg, (size_t)(name - arg) + len);
        opt = find_long(p->opts, name, len);
        if (eq != NULL) {
            inline_value = eq + 1;
        }
    } else {
        remember(p, arg, 2);
        opt = find_short(p->opts, arg[1]);
        if (arg[2] != '\0') {
            inline_value = arg + 2; /* -n5 */
        }
    }
    if (opt == NULL) {
        cli_usage_error(p, p->current, "unknown option (see '%s --help')", p->prog);
    }
    p->seen |= (uint64_t)1 << (opt - p->opts); /* commands have far fewer than 64 options */
    if (opt->id == OPT_HELP) {
        if (inline_value != NULL) {
            cli_usage_error(p, p->current, "takes no value");
        }
        fputs(p->help, stdout);
        exit(out_finish());
    }
    if (opt->takes_value) {
        if (inline_value == NULL) {
            if (p->index >= p->argc) {
                cli_usage_error(p, p->current, "needs a value");
            }
            inline_value = p->argv[p->index++];
        }
        *value = inline_value;
        if (opt->id == OPT_COUNT) {
            p->count = cli_parse_u64(p, p->current, inline_value, 1, CLI_MAX_COUNT);
            return cli_next(p, value);
        }
    } else if (inline_value != NULL) {
        cli_usage_error(p, p->current, "takes no value");
    }
    return opt->id;
}

uint64_t cli_parse_u64(const struct cli_parser *p, const char *what, const char *text, uint64_t min,
                       uint64_t max) {
    uint64_t v = 0;
    bool ok = text[0] != '\0';
    for (const char *c = text; ok && *c != '\0'; c++) {
        unsigned d = (unsigned)(*c - '0');
        if (d > 9 || v > (UINT64_MAX - d) / 10) {
            ok = false;
        } else {
            v = v * 10 + d;
        }
    }
    if (!ok || v < min || v > max) {
        cli_usage_error(p, what, "expected an integer from %llu to %llu, not \"%s\"",
                        (unsigned long long)min, (unsigned long long)max, text);
    }
    return v;
}

size_t cli_parse_choice(const struct cli_parser *p, const char *what, const char *text,
                        const char *const *names, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (strcmp(text, names[i]) == 0) {
            return i;
        }
    }
    char list[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof list; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
        used += w > 0 ? (size_t)w : 0;
    }
    cli_usage_error(p, what, "expected one of %s, not \"%s\"", list, text);
}

const char *cli_seen(const struct cli_parser *p, int id) {
    for (const struct cli_opt *o = p->opts; o->name != NULL; o++) {
        if (o->id == id && (p->seen >> (o - p->opts) & 1u)) {
            return o->name;
        }
    }
    return NULL;
}

void cli_refuse(const struct cli_parser *p, const int *ids, size_t n, const char *action) {
    for (size_t i = 0; i < n; i++) {
        const char *name = cli_seen(p, ids[i]);
        if (name != NULL) {
            char what[48];
            snprintf(what, sizeof what, "--%s", name);
            cli_usage_error(p, what, "not used by '%s'", action);
        }
    }
}

uint64_t cli_parse_time(const struct cli_parser *p, const char *text) {
    return cli_parse_u64(p, cli_current(p), text, 0, UINT64_MAX);
}

uint64_t cli_now(void) {
    time_t now = time(NULL);
    return now < 0 ? 0 : (uint64_t)now;
}
