#include "qr.h"

#include <stdint.h>
#include <string.h>

#include <secrets.h>

#include "../vendor/qrcodegen/qrcodegen.h"
#include "output.h"

#define QUIET 4

/* True where ink goes: the module at (x, y) has the inked colour; outside
 * the symbol (the quiet zone) everything is light. */
static bool inked(const uint8_t *qr, int size, int x, int y, bool dark_ink) {
    bool dark = x >= 0 && y >= 0 && x < size && y < size && qrcodegen_getModule(qr, x, y);
    return dark == dark_ink;
}

bool qr_print(const char *text, bool dark_ink) {
    enum { LEN = qrcodegen_BUFFER_LEN_FOR_VERSION(QR_MAX_VERSION) };
    uint8_t data[LEN]; /* the text, then the encoder's scratch space */
    uint8_t qr[LEN];
    size_t len = strlen(text);
    bool ok = len <= sizeof data;
    if (ok) {
        memcpy(data, text, len);
        /* encodeBinary always uses byte mode; boost_ecl false keeps level M. */
        ok = qrcodegen_encodeBinary(data, len, qr, qrcodegen_Ecc_MEDIUM, qrcodegen_VERSION_MIN,
                                    QR_MAX_VERSION, qrcodegen_Mask_AUTO, false);
    }
    if (ok) {
        static const char *const glyph[4] = {" ", "\xe2\x96\x84", "\xe2\x96\x80", "\xe2\x96\x88"};
        int size = qrcodegen_getSize(qr);
        char line[(QR_MAX_VERSION * 4 + 17 + 2 * QUIET) * 3 + 1]; /* 3 bytes a glyph */
        for (int y = -QUIET; y < size + QUIET; y += 2) {
            size_t used = 0;
            for (int x = -QUIET; x < size + QUIET; x++) {
                int top = inked(qr, size, x, y, dark_ink);
                int bottom = inked(qr, size, x, y + 1, dark_ink);
                const char *g = glyph[top << 1 | bottom]; /* space, lower, upper, full block */
                size_t n = strlen(g);
                memcpy(line + used, g, n);
                used += n;
            }
            line[used] = '\0';
            out_line(line);
        }
        secrets_memzero(line, sizeof line);
    }
    secrets_memzero(data, sizeof data);
    secrets_memzero(qr, sizeof qr);
    return ok;
}
