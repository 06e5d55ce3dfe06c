#define _POSIX_C_SOURCE 200809L
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <secrets.h>

#include "output.h"

/* Keys, tokens and session ids are small; a larger input is a mistake
 * (the wrong file), not a key. */
#define KEY_MAX_BYTES (1u << 20)

bool source_option(const struct cli_parser *p, struct source *s, int base, int id,
                   const char *value) {
    if (id < base || id > base + 2) {
        return false;
    }
    if (s->kind != SOURCE_NONE) {
        cli_usage_error(p, cli_current(p), "conflicts with %s (give one source)", s->option);
    }
    static const enum source_kind kinds[] = {SOURCE_FILE, SOURCE_ENV, SOURCE_STDIN};
    s->kind = kinds[id - base];
    s->arg = value;
    snprintf(s->option, sizeof s->option, "%s", cli_current(p));
    if (s->kind != SOURCE_STDIN && value[0] == '\0') {
        cli_usage_error(p, s->option, "needs a non-empty value");
    }
    return true;
}

void source_stdin(struct source *s, const char *what) {
    s->kind = SOURCE_STDIN;
    s->arg = NULL;
    snprintf(s->option, sizeof s->option, "%s", what);
}

void source_file(struct source *s, const char *what, const char *path) {
    s->kind = SOURCE_FILE;
    s->arg = path;
    snprintf(s->option, sizeof s->option, "%s", what);
}

void source_require(const struct cli_parser *p, const struct source *s, const char *stem) {
    if (s->kind == SOURCE_NONE) {
        cli_usage_error(p, stem, "missing: give --%s-file FILE, --%s-env VAR or --%s-stdin", stem,
                        stem, stem);
    }
}

void sources_one_stdin(const struct cli_parser *p, const struct source *a, const struct source *b) {
    if (a->kind == SOURCE_STDIN && b->kind == SOURCE_STDIN) {
        /* Name the option the user gave, not a source that reads stdin by default. */
        bool b_given = strncmp(b->option, "--", 2) == 0;
        cli_usage_error(p, b_given ? b->option : a->option, "standard input is already read for %s",
                        b_given ? a->option : b->option);
    }
}

void secret_buf_free(struct secret_buf *b) {
    if (b->data != NULL) {
        secrets_memzero(b->data, b->cap);
        free(b->data);
    }
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

/* Makes room for `extra` more bytes and the NUL. Never realloc: the old
 * block would be freed unwiped. */
static bool reserve(struct secret_buf *b, size_t extra) {
    if (b->cap - b->len > extra) {
        return true;
    }
    size_t cap = b->cap < 256 ? 256 : b->cap;
    while (cap - b->len <= extra) {
        if (cap > SIZE_MAX / 2) {
            return false;
        }
        cap *= 2;
    }
    unsigned char *data = malloc(cap);
    if (data == NULL) {
        return false;
    }
    if (b->data != NULL) {
        memcpy(data, b->data, b->len);
        secrets_memzero(b->data, b->cap);
        free(b->data);
    }
    b->data = data;
    b->cap = cap;
    b->data[b->len] = '\0';
    return true;
}

static bool append(struct secret_buf *b, const void *bytes, size_t n) {
    if (!reserve(b, n)) {
        return false;
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

/* Reads fd to its end straight into b (no stdio buffer that would keep a copy). */
static bool read_fd(const char *prog, const struct source *s, int fd, size_t max,
                    struct secret_buf *b) {
    for (;;) {
        if (!reserve(b, 4096)) {
            cli_complain(prog, "%s: out of memory", s->option);
            return false;
        }
        ssize_t got = read(fd, b->data + b->len, b->cap - b->len - 1);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            cli_complain(prog, "%s: cannot read%s%s: %s", s->option, s->arg ? " " : "",
                         s->arg ? s->arg : "", strerror(errno));
            return false;
        }
        if (got == 0) {
            return true;
        }
        b->len += (size_t)got;
        b->data[b->len] = '\0';
        if (b->len > max) {
            cli_complain(prog, "%s: longer than %zu bytes", s->option, max);
            return false;
        }
    }
}

bool source_read(const char *prog, const struct source *s, size_t max, struct secret_buf *b) {
    secret_buf_free(b);
    bool ok = false;
    switch (s->kind) {
    case SOURCE_ENV: {
        const char *value = getenv(s->arg);
        if (value == NULL) {
            cli_complain(prog, "%s: the variable %s is not set", s->option, s->arg);
        } else if (strlen(value) > max) {
            cli_complain(prog, "%s: longer than %zu bytes", s->option, max);
        } else {
            ok = append(b, value, strlen(value));
            if (!ok) {
                cli_complain(prog, "%s: out of memory", s->option);
            }
        }
        break;
    }
    case SOURCE_STDIN:
        ok = read_fd(prog, s, STDIN_FILENO, max, b);
        break;
    case SOURCE_FILE: {
        int fd = open(s->arg, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            cli_complain(prog, "%s: cannot open %s: %s", s->option, s->arg, strerror(errno));
        } else {
            ok = read_fd(prog, s, fd, max, b);
            close(fd);
        }
        break;
    }
    case SOURCE_NONE:
        cli_complain(prog, "internal error: no source to read");
        break;
    }
    if (ok && b->data == NULL) {
        ok = reserve(b, 0); /* an empty input is still a valid C string */
    }
    if (!ok) {
        secret_buf_free(b);
    }
    return ok;
}

static bool is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Drops leading and trailing whitespace in place. */
static void trim(struct secret_buf *b) {
    size_t start = 0;
    while (start < b->len && is_space(b->data[start])) {
        start++;
    }
    size_t end = b->len;
    while (end > start && is_space(b->data[end - 1])) {
        end--;
    }
    memmove(b->data, b->data + start, end - start);
    secrets_memzero(b->data + (end - start), b->len - (end - start));
    b->len = end - start;
}

bool source_read_line(const char *prog, const struct source *s, struct secret_buf *b) {
    if (!source_read(prog, s, KEY_MAX_BYTES, b)) {
        return false;
    }
    if (b->len > 0 && b->data[b->len - 1] == '\n') {
        b->data[--b->len] = '\0';
        if (b->len > 0 && b->data[b->len - 1] == '\r') {
            b->data[--b->len] = '\0';
        }
    }
    const char *problem = NULL;
    if (b->len == 0) {
        problem = "is empty";
    } else if (memchr(b->data, '\0', b->len) != NULL) {
        problem = "contains a NUL byte";
    } else if (memchr(b->data, '\n', b->len) != NULL) {
        problem = "has more than one line";
    }
    if (problem != NULL) {
        cli_complain(prog, "%s: %s", s->option, problem);
        secret_buf_free(b);
        return false;
    }
    return true;
}

/* The value of a hex digit, or -1, computed without branches on c (a key
 * character): *bad collects whether any character was not a hex digit. */
static unsigned hex_value(unsigned char c, unsigned *bad) {
    int d = (int)c - '0';
    int l = (int)(c | 0x20u) - 'a';
    unsigned is_d = (unsigned)((-1 - d) & (d - 10)) >> (sizeof(int) * 8 - 1);
    unsigned is_l = (unsigned)((-1 - l) & (l - 6)) >> (sizeof(int) * 8 - 1);
    *bad |= (is_d | is_l) ^ 1u;
    return ((unsigned)d & (0u - is_d)) | ((unsigned)(l + 10) & (0u - is_l));
}

bool hex_decode(unsigned char *out, const char *in, size_t in_len) {
    if (in_len % 2 != 0) {
        return false;
    }
    unsigned bad = 0;
    for (size_t i = 0; i < in_len / 2; i++) {
        unsigned hi = hex_value((unsigned char)in[2 * i], &bad);
        unsigned lo = hex_value((unsigned char)in[2 * i + 1], &bad);
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return bad == 0;
}

static bool decode_hex(struct secret_buf *b) {
    bool ok = hex_decode(b->data, (const char *)b->data, b->len);
    size_t n = b->len / 2;
    secrets_memzero(b->data + n, b->len - n);
    b->len = n;
    return ok;
}

static bool decode_base32(struct secret_buf *b, secrets_status *status) {
    struct secret_buf out = SECRET_BUF_INIT;
    size_t room = secrets_base32_decode_size(b->len);
    if (!reserve(&out, room)) {
        *status = SECRETS_ERR_INVALID_ARGUMENT;
        return false;
    }
    size_t out_len = 0;
    *status = secrets_base32_decode((unsigned char *)out.data, out.cap, &out_len,
                                    (const char *)b->data);
    if (*status != SECRETS_OK) {
        secret_buf_free(&out);
        return false;
    }
    out.len = out_len;
    out.data[out.len] = '\0';
    secret_buf_free(b);
    *b = out;
    return true;
}

bool key_read(const char *prog, const struct source *s, enum key_encoding enc,
              struct secret_buf *b) {
    if (!source_read(prog, s, KEY_MAX_BYTES, b)) {
        return false;
    }
    const char *problem = NULL;
    if (enc != KEY_RAW) {
        trim(b);
        if (memchr(b->data, '\0', b->len) != NULL) {
            problem = "contains a NUL byte";
        }
    }
    if (problem == NULL && enc == KEY_HEX && !decode_hex(b)) {
        problem = "is not hex (an even number of 0-9, a-f, A-F)";
    }
    secrets_status status = SECRETS_OK;
    if (problem == NULL && enc == KEY_BASE32 && !decode_base32(b, &status)) {
        problem = status == SECRETS_ERR_MALFORMED ? "is not base32 (A-Z, 2-7)"
                                                   : secrets_strerror(status);
    }
    if (problem == NULL && b->len == 0) {
        problem = "the key is empty";
    }
    if (problem != NULL) {
        cli_complain(prog, "%s: %s", s->option, problem);
        secret_buf_free(b);
        return false;
    }
    return true;
}

bool key_option(const struct cli_parser *p, struct key_spec *k, int base, int id,
                const char *value) {
    static const char *const names[] = KEY_ENCODING_NAMES;
    if (id == base + 3) {
        k->enc = (enum key_encoding)cli_parse_choice(p, cli_current(p), value, names, 3);
        return true;
    }
    return source_option(p, &k->src, base, id, value);
}
