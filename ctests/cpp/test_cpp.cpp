// The public header used from C++ (built as strict C++11 and C++17 with
// -Wall -Wextra -Wpedantic -Werror, see cmake/SecretsTests.cmake): the
// extern "C" guards must give C linkage (this links only if they do), the
// status enum must behave as a C++ type with a 32-bit underlying type, and
// the usual C++ idioms (std::string buffers, exceptions, templates) must fit
// the buffer conventions.
#include "secrets.h"
#include "secrets.h"  // include guard

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace {

int passes = 0;
int failures = 0;

void expect(bool ok, const char *what) {
    if (ok) {
        ++passes;
    } else {
        ++failures;
        std::fprintf(stderr, "test_cpp: %s\n", what);
    }
}

// What a C++ wrapper typically does: turn a status into an exception.
struct secrets_error : std::runtime_error {
    secrets_status status;
    explicit secrets_error(secrets_status s)
        : std::runtime_error(secrets_strerror(s)), status(s) {}
};

void check(secrets_status s) {
    if (s != SECRETS_OK) throw secrets_error(s);
}

// A text output into a std::string: size the buffer with the size helper,
// let the library write the NUL, then drop it.
std::string token_hex(std::size_t nbytes) {
    std::string out(secrets_token_hex_size(nbytes), '\0');
    check(secrets_token_hex(&out[0], out.size(), nbytes));
    out.resize(std::strlen(out.c_str()));
    return out;
}

template <typename T>
void shuffle(std::vector<T> &v) {
    check(secrets_shuffle(v.data(), v.size(), sizeof(T)));
}

}  // namespace

int main() {
    static_assert(std::is_enum<secrets_status>::value, "secrets_status is an enum in C++");
    static_assert(sizeof(secrets_status) == sizeof(std::int32_t), "32-bit status");
    static_assert(std::is_same<std::underlying_type<secrets_status>::type, std::int32_t>::value,
                  "the status enum's underlying type is int32_t");
    static_assert(SECRETS_TOKEN_HEX_SIZE(16) == 33, "SECRETS_TOKEN_HEX_SIZE is a constant expression");

    std::string hex = token_hex(16);
    expect(hex.size() == 32, "token_hex(16) has 32 characters");
    expect(hex.find_first_not_of("0123456789abcdef") == std::string::npos, "token_hex is lowercase hex");
    expect(token_hex(16) != hex, "two 128-bit tokens differ");

    char small[4];
    bool threw = false;
    try {
        check(secrets_token_hex(small, sizeof small, 16));
    } catch (const secrets_error &e) {
        threw = e.status == SECRETS_ERR_BUFFER_TOO_SMALL && std::strlen(e.what()) > 0;
    }
    expect(threw, "a too-small buffer reports SECRETS_ERR_BUFFER_TOO_SMALL");
    expect(small[0] == 0 && small[3] == 0, "the failed output is zeroed");

    std::vector<std::uint32_t> v;
    for (std::uint32_t i = 0; i < 64; i++) v.push_back(i);
    std::vector<std::uint32_t> sorted = v;
    shuffle(v);
    std::vector<std::uint32_t> back = v;
    std::sort(back.begin(), back.end());
    expect(back == sorted, "shuffle permutes a std::vector in place");
    expect(v != sorted, "shuffle moved something (fails with probability 1/64!)");

    std::uint64_t r = 99;
    expect(secrets_randbelow(&r, 10) == SECRETS_OK && r < 10, "randbelow through a C++ pointer");
    expect(secrets_randbelow(&r, 0) == SECRETS_ERR_INVALID_ARGUMENT && r == 0,
           "randbelow(0) is INVALID_ARGUMENT and zeroes *out");
    expect(secrets_compare_digest(hex.data(), hex.size(), hex.c_str(), hex.size()),
           "compare_digest returns a C++ bool");
    expect(std::string(secrets_version()).find('.') != std::string::npos, "secrets_version");

    std::printf("test_cpp (C++ %ld): %d passed, %d failed\n", static_cast<long>(__cplusplus), passes,
                failures);
    return failures == 0 ? 0 : 1;
}
