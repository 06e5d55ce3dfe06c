/*
 * libsecrets demo: one of each kind of value the library makes, the way
 * Python's `secrets` examples print them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "secrets.h"

/* Prints the failing call's status text and exits. */
static void must(secrets_status status, const char *what) {
    if (status != SECRETS_OK) {
        fprintf(stderr, "%s failed: %s\n", what, secrets_strerror(status));
        exit(1);
    }
}

static void demo_core_randomness(void) {
}

static void demo_human_facing(void) {
}

static void demo_authentication(void) {
}

int main(void) {
    printf("libsecrets %s\n", secrets_version());
    demo_core_randomness();
    demo_human_facing();
    demo_authentication();
    return 0;
}
