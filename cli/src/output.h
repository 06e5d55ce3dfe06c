/* Standard output for secrets: stdio writes through a buffer this module
 * owns, so that it can be wiped when the program ends (libc's own buffer
 * could not be). Every secret is built whole in the caller's buffer, its
 * status checked, and only then handed here. */
#ifndef SECRETS_CLI_OUTPUT_H
#define SECRETS_CLI_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

#include <secrets.h>

/* Installs the wipeable buffer on stdout; call before any output. */
void out_init(void);

/* Writes text and a newline. */
void out_line(const char *text);

/* Writes len bytes as they are. */
void out_bytes(const void *data, size_t len);

/* Flushes stdout and wipes the buffer. EXIT_OK, or EXIT_TROUBLE (with a
 * message) when the output could not be written. */
int out_finish(void);

/* Ends the program with `status` after wiping the buffer, without writing
 * what it may still hold (stdio would otherwise flush the wiped bytes). */
_Noreturn void out_abort(int status);

/* Makes `count` secrets with make(out, out_size, ctx), each in a buffer
 * of out_size bytes, and writes each as a line once its status is OK. The
 * buffer is wiped after every secret. Stops at the first failure, which is
 * reported. Returns the exit status. */
typedef secrets_status (*out_maker)(char *out, size_t out_size, void *ctx);
int out_generate(const char *prog, uint64_t count, size_t out_size, out_maker make, void *ctx);

/* Reports a failed libsecrets call on stderr as "PROG: WHAT: text" (WHAT
 * may be NULL) and returns the exit status for it: EXIT_MISMATCH for a
 * verification that failed (mismatch, expired, malformed token), else
 * EXIT_TROUBLE. */
int report_status(const char *prog, const char *what, secrets_status status);

#endif
