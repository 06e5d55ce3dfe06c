/* The semihosting interface of semihost.h on a hosted system (stdio), so
 * that main.c also runs on the build machine and CI can compare the two
 * transcripts. */
#include <stdio.h>
#include <stdlib.h>

#include "semihost.h"

void sh_puts(const char *s) { fputs(s, stdout); }
void sh_put_uint(uint32_t v) { printf("%lu", (unsigned long)v); }
void sh_put_hex(const void *p, size_t len)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < len; i++)
        printf("%02x", b[i]);
}
void sh_flush(void) { fflush(stdout); }
void sh_exit(int status)
{
    fflush(stdout);
    exit(status);
}
