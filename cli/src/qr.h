/* A text as a QR code on the terminal, for phone enrolment (otpauth URIs). */
#ifndef SECRETS_CLI_QR_H
#define SECRETS_CLI_QR_H

#include <stdbool.h>

/* Largest QR version drawn: 77 modules a side, about 85 columns with the quiet zone. */
#define QR_MAX_VERSION 15

/* Encodes text in byte mode with error correction level M, in the smallest
 * version from 1 to QR_MAX_VERSION, with the mask of lowest penalty, and
 * writes it to the output with Unicode half blocks (two rows of modules a
 * line) inside a 4-module quiet zone. With dark_ink false the light modules
 * are drawn, for light text on a dark terminal; with true, the dark ones.
 * Every buffer that held the text is wiped. Returns false, writing nothing,
 * when the text does not fit. */
bool qr_print(const char *text, bool dark_ink);

#endif
