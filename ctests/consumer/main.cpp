// A C++ consumer: the smallest user of secrets.hpp. .ci/packaging.sh builds
// it against an installed copy through find_package (whose targets ask for
// C++17 themselves: no CMAKE_CXX_STANDARD here). Exits 0 when it works.
#include <secrets.hpp>

#include <cstdint>
#include <cstdio>
#include <string>

int main() {
    try {
        const std::string token(secrets::token_urlsafe(32));
        if (token.size() != 43) {
            std::fprintf(stderr, "consumer_cxx: a 32-byte token has %zu characters\n",
                         token.size());
            return 1;
        }
        std::error_code ec;
        (void)secrets::token_hex(SIZE_MAX / 2, ec);
        if (!ec) {
            std::fprintf(stderr, "consumer_cxx: an impossible size did not set the error\n");
            return 1;
        }
    } catch (const secrets::error &e) {
        std::fprintf(stderr, "consumer_cxx: %s\n", e.what());
        return 1;
    }
    std::puts("consumer_cxx: ok");
    return 0;
}
