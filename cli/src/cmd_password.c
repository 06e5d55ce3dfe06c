#include <stdio.h>
#include <string.h>

#include <secrets.h>

#include "args.h"
#include "commands.h"
#include "output.h"

static const char help[] =
    "usage: secrets password [-l LENGTH] [-c CLASSES] [--no-ambiguous]\n"
    "                        [--no-each-class] [-e] [-n COUNT]\n"
    "       secrets password --alphabet CHARS [-l LENGTH] [-e] [-n COUNT]\n"
    "\n"
    "Prints a random password, uniform over every string the policy allows.\n"
    "The default, 16 characters of letters, digits and symbols with at least\n"
    "one of each class, carries about 104.6 bits.\n"
    "\n"
    "  -l, --length LENGTH  characters, 1 to 1048576 (default 16)\n"
    "  -c, --classes LIST   comma-separated classes: lower, upper, digits,\n"
    "                       symbols (the 32 ASCII punctuation characters) or\n"
    "                       safe-symbols (!@#$%^&*-_+.), not both symbol sets\n"
    "                       (default lower,upper,digits,symbols)\n"
    "      --no-ambiguous   leave out look-alikes: 0 O o 1 I l | ' \" `\n"
    "      --each-class     at least one character of every class (the default)\n"
    "      --no-each-class  any character anywhere\n"
    "      --alphabet CHARS draw each character from CHARS (2 to 127 distinct\n"
    "                       ASCII characters) instead of classes\n"
    "  -e, --entropy        also print the entropy in bits, on standard error\n"
    "  -n, --count COUNT    how many passwords (default 1), one a line\n"
    "  -h, --help           this help\n";

enum {
    OPT_LENGTH = OPT_FIRST_OWN,
    OPT_CLASSES,
    OPT_NO_AMBIGUOUS,
    OPT_EACH_CLASS,
    OPT_NO_EACH_CLASS,
    OPT_ALPHABET,
    OPT_ENTROPY,
};

struct password_job {
    size_t length;
    uint32_t flags;
    const char *alphabet; /* NULL: flags */
};

static secrets_status make_password(char *out, size_t out_size, void *ctx) {
    const struct password_job *job = ctx;
    if (job->alphabet != NULL) {
        return secrets_password_custom(out, out_size, job->length, job->alphabet);
    }
    return secrets_password(out, out_size, job->length, job->flags);
}

/* The classes named in a comma-separated list, as flags. */
static uint32_t parse_classes(const struct cli_parser *p, const char *what, const char *list) {
    static const char *const names[] = {"lower", "upper", "digits", "symbols", "safe-symbols"};
    static const uint32_t bits[] = {SECRETS_LOWER, SECRETS_UPPER, SECRETS_DIGITS, SECRETS_SYMBOLS,
                                    SECRETS_SAFE_SYMBOLS};
    uint32_t flags = 0;
    char item[32];
    for (const char *start = list;;) {
        size_t len = strcspn(start, ",");
        if (len == 0 || len >= sizeof item) {
            cli_usage_error(p, what, "expected a comma-separated list of classes, not \"%s\"",
                            list);
        }
        memcpy(item, start, len);
        item[len] = '\0';
        flags |= bits[cli_parse_choice(p, what, item, names, 5)];
        if (start[len] == '\0') {
            break;
        }
        start += len + 1;
    }
    if ((flags & SECRETS_SYMBOLS) && (flags & SECRETS_SAFE_SYMBOLS)) {
        cli_usage_error(p, what, "symbols and safe-symbols cannot be combined");
    }
    return flags;
}

static void check_alphabet(const struct cli_parser *p, const char *alphabet) {
    bool seen[128] = {false};
    size_t n = strlen(alphabet);
    bool ok = n >= 2 && n <= 127;
    for (size_t i = 0; ok && i < n; i++) {
        unsigned char c = (unsigned char)alphabet[i];
        ok = c < 128 && !seen[c];
        if (ok) {
            seen[c] = true;
        }
    }
    if (!ok) {
        cli_usage_error(p, "--alphabet", "needs 2 to 127 distinct ASCII characters");
    }
}

static unsigned count_classes(uint32_t flags) {
    uint32_t classes = flags & (SECRETS_LOWER | SECRETS_UPPER | SECRETS_DIGITS | SECRETS_SYMBOLS |
                                SECRETS_SAFE_SYMBOLS);
    unsigned n = 0;
    for (; classes != 0; classes &= classes - 1) {
        n++;
    }
    return n;
}

int cmd_password(int argc, char **argv) {
    static const struct cli_opt opts[] = {
        CLI_OPT_HELP, CLI_OPT_COUNT,
        {"length", 'l', true, OPT_LENGTH},
        {"classes", 'c', true, OPT_CLASSES},
        {"no-ambiguous", 0, false, OPT_NO_AMBIGUOUS},
        {"each-class", 0, false, OPT_EACH_CLASS},
        {"no-each-class", 0, false, OPT_NO_EACH_CLASS},
        {"alphabet", 0, true, OPT_ALPHABET},
        {"entropy", 'e', false, OPT_ENTROPY},
        CLI_OPT_END,
    };
    const char *prog = "secrets password";
    struct cli_parser p;
    cli_init(&p, prog, help, opts, argc, argv);

    struct password_job job = {16, SECRETS_LOWER | SECRETS_UPPER | SECRETS_DIGITS | SECRETS_SYMBOLS,
                               NULL};
    bool each_class = true;
    bool no_ambiguous = false;
    bool entropy = false;
    char policy_option[32] = ""; /* the last class-policy option, to name in a conflict */
    const char *value;
    for (int id; (id = cli_next(&p, &value)) != CLI_DONE;) {
        if (id == OPT_CLASSES || id == OPT_NO_AMBIGUOUS || id == OPT_EACH_CLASS ||
            id == OPT_NO_EACH_CLASS) {
            snprintf(policy_option, sizeof policy_option, "%s", cli_current(&p));
        }
        switch (id) {
        case OPT_LENGTH:
            job.length = (size_t)cli_parse_u64(&p, cli_current(&p), value, 1, 1u << 20);
            break;
        case OPT_CLASSES:
            job.flags = parse_classes(&p, cli_current(&p), value);
            break;
        case OPT_NO_AMBIGUOUS:
            no_ambiguous = true;
            break;
        case OPT_EACH_CLASS:
        case OPT_NO_EACH_CLASS:
            each_class = id == OPT_EACH_CLASS;
            break;
        case OPT_ALPHABET:
            check_alphabet(&p, value);
            job.alphabet = value;
            break;
        case OPT_ENTROPY:
            entropy = true;
            break;
        default:
            cli_unexpected(&p, value);
        }
    }

    double bits;
    if (job.alphabet != NULL) {
        if (policy_option[0] != '\0') {
            cli_usage_error(&p, policy_option, "cannot be combined with --alphabet");
        }
        bits = secrets_entropy_bits(job.length, strlen(job.alphabet));
    } else {
        job.flags |= no_ambiguous ? SECRETS_NO_AMBIGUOUS : 0u;
        job.flags |= each_class ? SECRETS_EACH_CLASS : 0u;
        unsigned classes = count_classes(job.flags);
        if (each_class && job.length < classes) {
            cli_usage_error(&p, "--length", "must be at least %u: one character of each class",
                            classes);
        }
        bits = secrets_password_entropy_bits(job.length, job.flags);
    }
    int result = out_generate(prog, p.count, job.length + 1, make_password, &job);
    if (result == EXIT_OK && entropy) {
        fprintf(stderr, "entropy: %.1f bits\n", bits);
    }
    return result;
}
