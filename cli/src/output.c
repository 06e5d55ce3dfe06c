#define _POSIX_C_SOURCE 200809L
#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"

static char stdout_buffer[8192];

void out_init(void) {
    /* Fully buffered even on a terminal: the buffer is ours to wipe. */
    setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
}

void out_line(const char *text) {
    fputs(text, stdout);
    fputc('\n', stdout);
}

void out_bytes(const void *data, size_t len) {
    fwrite(data, 1, len, stdout);
}

int out_finish(void) {
    int failed = fflush(stdout) != 0 || ferror(stdout);
    int saved = errno;
    secrets_memzero(stdout_buffer, sizeof stdout_buffer);
    if (failed) {
        fprintf(stderr, "secrets: cannot write the output: %s\n", strerror(saved));
        return EXIT_TROUBLE;
    }
    return EXIT_OK;
}

_Noreturn void out_abort(int status) {
    secrets_memzero(stdout_buffer, sizeof stdout_buffer);
    fflush(stderr);
    _exit(status);
}

int report_status(const char *prog, const char *what, secrets_status status) {
    if (what != NULL) {
        fprintf(stderr, "%s: %s: %s\n", prog, what, secrets_strerror(status));
    } else {
        fprintf(stderr, "%s: %s\n", prog, secrets_strerror(status));
    }
    switch (status) {
    case SECRETS_ERR_MISMATCH:
    case SECRETS_ERR_EXPIRED:
    case SECRETS_ERR_MALFORMED:
        return EXIT_MISMATCH;
    default:
        return EXIT_TROUBLE;
    }
}

int out_generate(const char *prog, uint64_t count, size_t out_size, out_maker make, void *ctx) {
    char *out = out_size != 0 ? malloc(out_size) : NULL;
    if (out == NULL) {
        cli_complain(prog, "out of memory");
        return EXIT_TROUBLE;
    }
    int result = EXIT_OK;
    for (uint64_t i = 0; i < count && result == EXIT_OK; i++) {
        secrets_status status = make(out, out_size, ctx);
        if (status == SECRETS_OK) {
            out_line(out);
        } else {
            result = report_status(prog, NULL, status);
        }
        secrets_memzero(out, out_size);
    }
    free(out);
    return result;
}
