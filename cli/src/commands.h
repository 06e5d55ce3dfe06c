/* The subcommands. Each takes its own argv (argv[0] is its name) and
 * returns the exit status. */
#ifndef SECRETS_CLI_COMMANDS_H
#define SECRETS_CLI_COMMANDS_H

int cmd_token(int argc, char **argv);
int cmd_password(int argc, char **argv);
int cmd_passphrase(int argc, char **argv);
int cmd_otp(int argc, char **argv);
int cmd_totp(int argc, char **argv);
int cmd_hotp(int argc, char **argv);
int cmd_uuid(int argc, char **argv);
int cmd_api_key(int argc, char **argv);
int cmd_hmac(int argc, char **argv);
int cmd_csrf(int argc, char **argv);

#endif
