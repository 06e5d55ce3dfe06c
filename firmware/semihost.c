/* Arm semihosting (BKPT 0xAB on M-profile). Output is buffered a line at a
 * time so that each SYS_WRITE0 trap carries a whole line. */
#include "semihost.h"

#define SYS_WRITE0 0x04
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static int semihost(int op, const void *arg)
{
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static char line[128];
static size_t used;

void sh_flush(void)
{
    if (used) {
        line[used] = '\0';
        semihost(SYS_WRITE0, line);
        used = 0;
    }
}

static void put_char(char c)
{
    if (used == sizeof line - 1)
        sh_flush();
    line[used++] = c;
    if (c == '\n')
        sh_flush();
}

void sh_puts(const char *s)
{
    while (*s)
        put_char(*s++);
}

void sh_put_uint(uint32_t v)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        put_char(digits[--n]);
}

void sh_put_hex(const void *p, size_t len)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < len; i++) {
        put_char("0123456789abcdef"[b[i] >> 4]);
        put_char("0123456789abcdef"[b[i] & 15]);
    }
}

void sh_exit(int status)
{
    /* SYS_EXIT_EXTENDED passes the status to the host (QEMU exits with it). */
    uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status};
    sh_flush();
    semihost(SYS_EXIT_EXTENDED, block);
    for (;;) {
    }
}
