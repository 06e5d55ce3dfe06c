/* secrets: the libsecrets command-line tool. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <secrets.h>

#include "args.h"
#include "commands.h"
#include "output.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"token", cmd_token, "random token: urlsafe, hex, base32 or raw bytes"},
    {"password", cmd_password, "random password from character classes or an alphabet"},
    {"passphrase", cmd_passphrase, "random passphrase from the EFF list or a word list"},
    {"otp", cmd_otp, "one-time code, numeric or alphanumeric"},
    {"totp", cmd_totp, "RFC 6238 time-based codes: code, verify, uri (and QR code)"},
    {"hotp", cmd_hotp, "RFC 4226 counter-based codes: code, verify, uri (and QR code)"},
    {"uuid", cmd_uuid, "random UUID (version 4)"},
    {"api-key", cmd_api_key, "API key, plain or checksummed; check a key"},
    {"hmac", cmd_hmac, "HMAC-SHA256: sign, verify"},
    {"csrf", cmd_csrf, "stateless CSRF tokens: issue, verify"},
};

static void print_help(void) {
    printf("usage: secrets COMMAND [OPTIONS]\n"
           "       secrets COMMAND --help\n"
           "       secrets --version\n\n"
           "Secure random secrets and the codes built on them (libsecrets %s).\n\n"
           "Commands:\n",
           secrets_version());
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        printf("  %-11s %s\n", commands[i].name, commands[i].summary);
    }
    printf("\nKeys and other secrets are read from a file, an environment variable or\n"
           "standard input, never from the command line. Exit status: 0 success,\n"
           "1 a verification failed, 2 a usage or other error. See secrets(1).\n");
}

int main(int argc, char **argv) {
    /* A core dump would hold keys and secrets in clear. */
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    out_init();

    if (argc < 2) {
        fprintf(stderr, "secrets: COMMAND: missing (see 'secrets --help')\n");
        out_abort(EXIT_TROUBLE);
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_help();
        return out_finish();
    }
    if (strcmp(name, "--version") == 0) {
        printf("secrets (libsecrets %s)\n", secrets_version());
        return out_finish();
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(name, commands[i].name) == 0) {
            int status = commands[i].run(argc - 1, argv + 1);
            int written = out_finish();
            return status != EXIT_OK ? status : written;
        }
    }
    fprintf(stderr, "secrets: %s: unknown command (see 'secrets --help')\n", name);
    out_abort(EXIT_TROUBLE);
}
