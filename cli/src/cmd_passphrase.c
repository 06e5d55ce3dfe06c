#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <secrets.h>

#include "args.h"
#include "commands.h"
#include "input.h"
#include "output.h"

static const char help[] =
    "usage: secrets passphrase [-w WORDS] [-s SEPARATOR] [--wordlist FILE]\n"
    "                          [-e] [-n COUNT]\n"
    "\n"
    "Prints a passphrase of words drawn uniformly and independently from the\n"
    "EFF large word list (7776 words, 12.9 bits a word; 6 words: 77.5 bits)\n"
    "or from your own list.\n"
    "\n"
    "  -w, --words WORDS     words, 1 to 1000 (default 6)\n"
    "  -s, --separator SEP   between words (default \"-\"; may be empty)\n"
    "      --wordlist FILE   one word a line; a line \"DIGITS<tab>WORD\" (the EFF\n"
    "                        dice files) counts as WORD; empty lines are skipped;\n"
    "                        words must be distinct, at least 2\n"
    "  -e, --entropy         also print the entropy in bits, on standard error\n"
    "  -n, --count COUNT     how many passphrases (default 1), one a line\n"
    "  -h, --help            this help\n";

enum { OPT_WORDS = OPT_FIRST_OWN, OPT_SEPARATOR, OPT_WORDLIST, OPT_ENTROPY };

struct wordlist {
    struct secret_buf text; /* the file, its lines cut in place */
    const char **words;
    size_t len;
};

struct passphrase_job {
    size_t words;
    const char *separator;
    const struct wordlist *list; /* NULL: the built-in list */
};

static secrets_status make_passphrase(char *out, size_t out_size, void *ctx) {
    const struct passphrase_job *job = ctx;
    if (job->list == NULL) {
        return secrets_passphrase(out, out_size, job->words, job->separator);
    }
    return secrets_passphrase_custom(out, out_size, job->words, job->list->words, job->list->len,
                                     job->separator);
}

/* The word of one line (cut in place): the line without trailing
 * whitespace, or its part after the last tab or space. */
static char *word_of_line(char *line) {
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t')) {
        line[--len] = '\0';
    }
    char *word = line;
    for (char *c = line; *c != '\0'; c++) {
        if (*c == '\t' || *c == ' ') {
            word = c + 1;
        }
    }
    return word;
}

static int compare_words(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The library refuses a list with a repeated word; finding it here lets the
 * message name it. */
static bool check_distinct(const char *prog, const char *path, const struct wordlist *list) {
    const char **sorted = malloc(list->len * sizeof *sorted);
    if (sorted == NULL) {
        cli_complain(prog, "out of memory");
        return false;
    }
    memcpy(sorted, list->words, list->len * sizeof *sorted);
    qsort(sorted, list->len, sizeof *sorted, compare_words);
    const char *repeated = NULL;
    for (size_t i = 1; i < list->len && repeated == NULL; i++) {
        if (strcmp(sorted[i - 1], sorted[i]) == 0) {
            repeated = sorted[i];
        }
    }
    if (repeated != NULL) {
        cli_complain(prog, "--wordlist: %s: the word \"%s\" appears twice", path, repeated);
    }
    free(sorted);
    return repeated == NULL;
}

/* Reads and splits the list; false after a message. */
static bool load_wordlist(const char *prog, const char *path, struct wordlist *list) {
    struct source src;
    source_file(&src, "--wordlist", path);
    if (!source_read(prog, &src, (size_t)1 << 26, &list->text)) {
        return false;
    }
    char *text = (char *)list->text.data;
    if (memchr(text, '\0', list->text.len) != NULL) {
        cli_complain(prog, "--wordlist: %s: contains a NUL byte", path);
        return false;
    }
    size_t lines = 1;
    for (size_t i = 0; i < list->text.len; i++) {
        lines += text[i] == '\n';
    }
    list->words = calloc(lines, sizeof *list->words);
    if (list->words == NULL) {
        cli_complain(prog, "out of memory");
        return false;
    }
    for (char *line = text; line != NULL;) {
        char *next = strchr(line, '\n');
        if (next != NULL) {
            *next++ = '\0';
        }
        char *word = word_of_line(line);
        if (word[0] != '\0') {
            list->words[list->len++] = word;
        }
        line = next;
    }
    if (list->len < 2) {
        cli_complain(prog, "--wordlist: %s: needs at least 2 words", path);
        return false;
    }
    return check_distinct(prog, path, list);
}

static void free_wordlist(struct wordlist *list) {
    free(list->words);
    secret_buf_free(&list->text);
}

int cmd_passphrase(int argc, char **argv) {
    static const struct cli_opt opts[] = {
        CLI_OPT_HELP, CLI_OPT_COUNT,
        {"words", 'w', true, OPT_WORDS},
        {"separator", 's', true, OPT_SEPARATOR},
        {"wordlist", 0, true, OPT_WORDLIST},
        {"entropy", 'e', false, OPT_ENTROPY},
        CLI_OPT_END,
    };
    const char *prog = "secrets passphrase";
    struct cli_parser p;
    cli_init(&p, prog, help, opts, argc, argv);

    struct passphrase_job job = {6, "-", NULL};
    const char *wordlist_path = NULL;
    bool entropy = false;
    const char *value;
    for (int id; (id = cli_next(&p, &value)) != CLI_DONE;) {
        switch (id) {
        case OPT_WORDS:
            job.words = (size_t)cli_parse_u64(&p, cli_current(&p), value, 1, 1000);
            break;
        case OPT_SEPARATOR:
            job.separator = value;
            break;
        case OPT_WORDLIST:
            wordlist_path = value;
            break;
        case OPT_ENTROPY:
            entropy = true;
            break;
        default:
            cli_unexpected(&p, value);
        }
    }

    struct wordlist list = {SECRET_BUF_INIT, NULL, 0};
    size_t out_size;
    double bits;
    if (wordlist_path == NULL) {
        out_size = secrets_passphrase_size(job.words, job.separator);
        bits = secrets_entropy_bits(job.words, SECRETS_EFF_WORDLIST_LEN);
    } else {
        if (!load_wordlist(prog, wordlist_path, &list)) {
            free_wordlist(&list);
            return EXIT_TROUBLE;
        }
        job.list = &list;
        out_size = secrets_passphrase_custom_size(job.words, list.words, list.len, job.separator);
        bits = secrets_entropy_bits(job.words, list.len);
    }
    int result = EXIT_TROUBLE;
    if (out_size == 0) {
        cli_complain(prog, "--words: the passphrase would be too long");
    } else {
        result = out_generate(prog, p.count, out_size, make_passphrase, &job);
    }
    if (result == EXIT_OK && entropy) {
        fprintf(stderr, "entropy: %.1f bits\n", bits);
    }
    free_wordlist(&list);
    return result;
}
