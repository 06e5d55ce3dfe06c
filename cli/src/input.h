/* Where secrets come from: a file, an environment variable or standard
 * input — never the command line, which every user can read in ps. Each
 * secret a command reads has three options sharing a stem, e.g.
 * --key-file FILE, --key-env VAR, --key-stdin. */
#ifndef SECRETS_CLI_INPUT_H
#define SECRETS_CLI_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "args.h"

enum source_kind { SOURCE_NONE, SOURCE_FILE, SOURCE_ENV, SOURCE_STDIN };

struct source {
    enum source_kind kind;
    const char *arg;    /* the file name or variable name */
    char option[40];    /* the option that chose it, for messages: "--key-file" */
};

#define SOURCE_INIT {SOURCE_NONE, NULL, ""}

/* The three options of a stem; their ids are base, base + 1, base + 2. */
#define SOURCE_OPTS(stem, base)                                                                  \
    {stem "-file", 0, true, (base)}, {stem "-env", 0, true, (base) + 1}, {                       \
        stem "-stdin", 0, false, (base) + 2                                                      \
    }

/* When id is one of the three options at base, records the choice in *s
 * and returns true; a second choice for the same secret is a usage error. */
bool source_option(const struct cli_parser *p, struct source *s, int base, int id,
                   const char *value);

/* Sets *s to standard input, named `what` in messages (for inputs that
 * default to stdin, like a message to sign). */
void source_stdin(struct source *s, const char *what);

/* Sets *s to a file, named `what` in messages. */
void source_file(struct source *s, const char *what, const char *path);

/* A usage error unless the source was given: "needs one of --key-file, --key-env, --key-stdin". */
void source_require(const struct cli_parser *p, const struct source *s, const char *stem);

/* A usage error when both sources read standard input, naming the one
 * given by an option. */
void sources_one_stdin(const struct cli_parser *p, const struct source *a, const struct source *b);

/* Bytes that are wiped when freed; data[len] is always a NUL, so text can
 * be used as a C string once checked with secret_buf_is_text. */
struct secret_buf {
    unsigned char *data;
    size_t len;
    size_t cap;
};

#define SECRET_BUF_INIT {NULL, 0, 0}

void secret_buf_free(struct secret_buf *b);

/* Reads the whole source into b, at most max bytes. On failure prints
 * "PROG: OPTION: reason" and returns false. */
bool source_read(const char *prog, const struct source *s, size_t max, struct secret_buf *b);

/* Like source_read, for one line of text: a final "\n" or "\r\n" is
 * dropped; an empty text, a NUL byte or a second line is refused. */
bool source_read_line(const char *prog, const struct source *s, struct secret_buf *b);

/* How a key's bytes are written in its source. */
enum key_encoding { KEY_RAW, KEY_HEX, KEY_BASE32 };
#define KEY_ENCODING_NAMES {"raw", "hex", "base32"}

/* Reads a key and decodes it in place: raw keys are used byte for byte
 * (a trailing newline is part of the key); hex and base32 keys may be
 * surrounded by whitespace. An empty key is refused. Returns false after a
 * message on failure. */
bool key_read(const char *prog, const struct source *s, enum key_encoding enc,
              struct secret_buf *b);

/* A key and how to read it: the options --key-file, --key-env,
 * --key-stdin and --key-encoding, with ids base to base + 3. */
struct key_spec {
    struct source src;
    enum key_encoding enc;
};

#define KEY_OPTS(base) SOURCE_OPTS("key", base), {"key-encoding", 0, true, (base) + 3}

/* Handles the key options; false for any other id. */
bool key_option(const struct cli_parser *p, struct key_spec *k, int base, int id,
                const char *value);

/* Decodes in_len hex characters (in_len even) to out[0..in_len/2], in time
 * independent of the digits; out may be in. False when a character is not
 * a hex digit or in_len is odd. */
bool hex_decode(unsigned char *out, const char *in, size_t in_len);

#endif
