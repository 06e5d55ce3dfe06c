/* Startup code for the Cortex-M firmware example: the vector table, RAM
 * initialisation, the FPU enable for hard-float builds, then main(). Any
 * fault ends the run through semihosting with status 255, so a crash fails
 * CI instead of hanging QEMU. Built with FIRMWARE_BARE (the minimal image,
 * which is measured, not run) it has no console and stops instead. */
#include <stdint.h>

#include "secrets_platform.h"

#ifdef FIRMWARE_BARE
static void say(const char *text)
{
    (void)text;
}
__attribute__((noreturn)) static void finish(int status)
{
    (void)status;
    for (;;)
        __asm__ volatile("wfi");
}
#else
#include "semihost.h"
#define say sh_puts
#define finish sh_exit
#endif

extern uint32_t __stack_top[], __data_start[], __data_end[], __data_load[];
extern uint32_t __bss_start[], __bss_end[];
int main(void);

__attribute__((noreturn)) void reset_handler(void)
{
    const uint32_t *src = __data_load;
    for (uint32_t *dst = __data_start; dst < __data_end;)
        *dst++ = *src++;
    for (uint32_t *dst = __bss_start; dst < __bss_end;)
        *dst++ = 0;
#if defined(__ARM_FP)
    /* Full access to coprocessors 10 and 11 (the FPU) before any FP code. */
    volatile uint32_t *cpacr = (volatile uint32_t *)0xE000ED88u;
    *cpacr |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    finish(main());
}

__attribute__((noreturn)) static void fault_handler(void)
{
    say("FAULT: the firmware took an exception\n");
    finish(255);
}

/* Required by the library's `panic-handler` feature. The library is built so
 * that no panic path survives linking: CI fails if this function is still in
 * the image after --gc-sections. */
void secrets_platform_panic(void)
{
    say("PANIC inside libsecrets\n");
    finish(254);
}

/* Initial stack pointer, reset, then NMI, HardFault and the configurable
 * faults; nothing here enables interrupts. */
__attribute__((section(".vectors"), used)) static const void *const vectors[16] = {
    __stack_top,   reset_handler, fault_handler, fault_handler,
    fault_handler, fault_handler, fault_handler, 0,
    0,             0,             0,             fault_handler,
    fault_handler, 0,             fault_handler, fault_handler,
};
