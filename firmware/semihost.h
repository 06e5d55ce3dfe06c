/* Arm semihosting for the firmware example: text to the host's console and
 * an exit status, through the debugger (here QEMU's -semihosting). */
#ifndef FIRMWARE_SEMIHOST_H
#define FIRMWARE_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

void sh_puts(const char *s);                 /* writes s as is (no newline added) */
void sh_put_uint(uint32_t v);                /* decimal */
void sh_put_hex(const void *p, size_t len);  /* lowercase hex of len bytes */
void sh_flush(void);
__attribute__((noreturn)) void sh_exit(int status);

#endif
