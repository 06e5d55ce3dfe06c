// Compiled (not linked) by ctest twice with -Werror: as it is it must
// compile; with -DSECRETS_IGNORE_RESULT a verification's result is dropped,
// which [[nodiscard]] must turn into an error.
#include "secrets.hpp"

using namespace std::literals;

bool use(const secrets::secret_buffer &tag) {
#ifdef SECRETS_IGNORE_RESULT
    secrets::hmac_sha256_verify(tag, "key"sv, "message"sv);
    return true;
#else
    return secrets::hmac_sha256_verify(tag, "key"sv, "message"sv);
#endif
}
