// secrets.hpp, the C++ API, built as C++17 and C++20 with -Wall -Wextra
// -Wpedantic -Werror (and under ASan + UBSan with SECRETS_SANITIZE): known
// answers (RFC 4231 HMAC, RFC 4226 HOTP, RFC 6238 TOTP, RFC 4648 base32),
// both error styles, every byte-input form, and that the wiping types wipe.
//
// The wiping is observed through this program's replacement of the global
// operator new/delete (allowed by the standard): operator delete looks for
// a watched byte pattern in each block before freeing it. Each wiping check
// has a control (a plain std::string, a std::vector) showing that the same
// look does find a secret left behind.
#include "secrets.hpp"
#include "secrets.hpp"  // include guard

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace std::literals;

namespace {

int passes = 0;
int failures = 0;

#define CHECK(cond) check((cond), #cond, __LINE__)
void check(bool ok, const char *what, int line) {
    if (ok) {
        ++passes;
    } else {
        ++failures;
        std::fprintf(stderr, "test_hpp.cpp:%d: CHECK(%s) failed\n", line, what);
    }
}

// Runs `f`, which must throw secrets::error with `status`.
template <class F>
bool throws(secrets_status status, F f) {
    try {
        f();
    } catch (const secrets::error &e) {
        return e.status() == status && e.code() == status;
    }
    return false;
}

// ---- the allocation observer ----------------------------------------------
// Blocks carry their size in a 16-byte header, so that every form of
// operator delete can scan the whole block.
const unsigned char *watch_data = nullptr;
std::size_t watch_len = 0;
int watch_found = 0;  // freed blocks that still held the pattern

bool contains(const unsigned char *p, std::size_t n, const unsigned char *pat, std::size_t m) {
    if (m == 0 || n < m) return false;
    for (std::size_t i = 0; i + m <= n; i++) {
        if (std::memcmp(p + i, pat, m) == 0) return true;
    }
    return false;
}

void watch(const void *pattern, std::size_t len) {
    watch_data = static_cast<const unsigned char *>(pattern);
    watch_len = len;
    watch_found = 0;
}
int unwatch() {
    watch_data = nullptr;
    watch_len = 0;
    return watch_found;
}

constexpr std::size_t header = 16;

void *observed_new(std::size_t n) {
    unsigned char *p = static_cast<unsigned char *>(std::malloc(n + header));
    if (p == nullptr) throw std::bad_alloc();
    std::memcpy(p, &n, sizeof n);
    return p + header;
}
void observed_delete(void *q) noexcept {
    if (q == nullptr) return;
    unsigned char *p = static_cast<unsigned char *>(q) - header;
    std::size_t n;
    std::memcpy(&n, p, sizeof n);
    if (watch_data != nullptr && contains(p + header, n, watch_data, watch_len)) ++watch_found;
    std::free(p);
}

// Whether the bytes of an object (or what is left of it) hold the pattern.
bool bytes_hold(const void *object, std::size_t size, std::string_view pattern) {
    return contains(static_cast<const unsigned char *>(object), size,
                    reinterpret_cast<const unsigned char *>(pattern.data()), pattern.size());
}
bool all_zero(const void *object, std::size_t size) {
    const unsigned char *p = static_cast<const unsigned char *>(object);
    return std::all_of(p, p + size, [](unsigned char c) { return c == 0; });
}

std::string hex(const secrets::secret_buffer &b) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : b) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

bool all_of_chars(std::string_view s, std::string_view allowed) {
    return s.find_first_not_of(allowed) == std::string_view::npos;
}

// ---- compile-time properties -----------------------------------------------
static_assert(std::is_nothrow_move_constructible_v<secrets::secret_string>);
static_assert(std::is_nothrow_move_assignable_v<secrets::secret_string>);
static_assert(std::is_copy_constructible_v<secrets::secret_string>);
static_assert(!std::is_convertible_v<secrets::secret_string, std::string>, "std::string only explicitly");
static_assert(std::is_constructible_v<std::string, secrets::secret_string>);
static_assert(std::is_convertible_v<secrets::secret_string, std::string_view>);
static_assert(!std::is_copy_constructible_v<secrets::secret_buffer>, "secret_buffer is move-only");
static_assert(!std::is_copy_assignable_v<secrets::secret_buffer>);
static_assert(std::is_nothrow_move_constructible_v<secrets::secret_buffer>);
static_assert(std::is_base_of_v<std::system_error, secrets::error>);
static_assert(std::is_error_code_enum<secrets_status>::value);
static_assert(std::is_same_v<decltype(secrets::randbelow(std::uint8_t{10})), std::uint8_t>);
static_assert(std::is_same_v<decltype(secrets::randbelow(10)), int>);
template <class T, class = void>
struct can_draw : std::false_type {};
template <class T>
struct can_draw<T, std::void_t<decltype(secrets::randbelow(std::declval<T>()))>> : std::true_type {};
static_assert(!can_draw<bool>::value && !can_draw<double>::value && can_draw<unsigned long long>::value);
static_assert(!std::is_convertible_v<const char *, secrets::byte_view>, "strlen would cut binary keys");
static_assert(!std::is_convertible_v<const char (&)[5], secrets::byte_view>, "a literal's NUL or strlen");
static_assert(std::is_convertible_v<const unsigned char (&)[5], secrets::byte_view>);
static_assert(std::is_convertible_v<std::vector<char>, secrets::byte_view>);
static_assert(!std::is_constructible_v<secrets::cstring_view, std::string_view>,
              "a string_view need not end in a NUL");

// ---- core randomness ---------------------------------------------------------
void test_tokens() {
    const secrets::secret_string h = secrets::token_hex(16);
    CHECK(h.size() == 32 && all_of_chars(h, "0123456789abcdef"));
    CHECK(secrets::token_hex().size() == 2 * SECRETS_DEFAULT_ENTROPY);
    CHECK(secrets::token_hex(16) != h);
    CHECK(secrets::token_hex(0).empty());

    const secrets::secret_string u = secrets::token_urlsafe(32);
    CHECK(u.size() == 43);
    CHECK(all_of_chars(u, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"));
    CHECK(secrets::token_urlsafe(1).size() == 2);

    const secrets::secret_buffer b = secrets::token_bytes(32);
    CHECK(b.size() == 32 && secrets::token_bytes().size() == SECRETS_DEFAULT_ENTROPY);
    CHECK(b != secrets::token_bytes(32));
    CHECK(secrets::token_bytes(0).empty() && secrets::token_bytes(0).data() == nullptr);

    unsigned char raw[64] = {};
    secrets::token_bytes(raw, sizeof raw);
    CHECK(!all_zero(raw, sizeof raw));
#ifdef SECRETS_HPP_SPAN
    std::array<std::byte, 48> arr{};
    secrets::token_bytes(std::span<std::byte>(arr));
    CHECK(!all_zero(arr.data(), arr.size()));
    unsigned char more[40] = {};
    secrets::token_bytes(std::span<unsigned char>(more));
    CHECK(!all_zero(more, sizeof more));
#endif
}

void test_integers() {
    bool seen[10] = {};
    for (int i = 0; i < 400; i++) {
        const std::uint8_t r = secrets::randbelow(std::uint8_t{10});
        CHECK(r < 10);
        seen[r < 10 ? r : 0] = true;
    }
    CHECK(std::all_of(std::begin(seen), std::end(seen), [](bool s) { return s; }));
    const int r = secrets::randbelow(7);
    CHECK(r >= 0 && r < 7);
    CHECK(secrets::randbelow(std::uint64_t{1}) == 0);
    CHECK(secrets::randbelow(std::numeric_limits<std::int64_t>::max()) >= 0);

    CHECK(secrets::randbits(0) == 0);
    CHECK(secrets::randbits(8) < 256);
    std::uint64_t ored = 0;
    for (int i = 0; i < 64; i++) ored |= secrets::randbits(64);
    CHECK(ored >> 60 != 0);  // the top bits are drawn too (fails with probability 2^-256)

    for (int i = 0; i < 100; i++) {
        const std::int64_t v = secrets::randrange(10, 0, -3);
        CHECK(v == 10 || v == 7 || v == 4 || v == 1);
        const std::int64_t w = secrets::randrange(5);
        CHECK(w >= 0 && w < 5);
        const std::int64_t x = secrets::randrange(-5, 5);
        CHECK(x >= -5 && x < 5);
    }

    const double d = secrets::random_double();
    CHECK(d >= 0.0 && d < 1.0);
    const double u = secrets::uniform(2.0, 3.0);
    CHECK(u >= 2.0 && u <= 3.0);
}

void test_choice_sample_shuffle() {
    std::set<char> picked;
    for (int i = 0; i < 200; i++) picked.insert(secrets::choice(std::string_view("abcd")));
    CHECK(picked == std::set<char>({'a', 'b', 'c', 'd'}));  // each missed with probability (3/4)^200

    const std::vector<std::string> names = {"ann", "bob", "cy"};
    std::set<std::string> got;
    for (int i = 0; i < 100; i++) got.insert(secrets::choice(names));
    CHECK(got.size() == 3);
    const std::array<std::byte, 2> two = {std::byte{7}, std::byte{9}};
    const std::byte b = secrets::choice(two);
    CHECK(b == std::byte{7} || b == std::byte{9});

    const secrets::secret_vector<std::size_t> s = secrets::sample(5, 10);
    CHECK(s.size() == 5);
    CHECK(std::set<std::size_t>(s.begin(), s.end()).size() == 5);
    CHECK(std::all_of(s.begin(), s.end(), [](std::size_t i) { return i < 10; }));
    CHECK(secrets::sample(0, 0).empty());
    const secrets::secret_vector<std::size_t> all = secrets::sample(10, 10);
    CHECK(std::set<std::size_t>(all.begin(), all.end()).size() == 10);

    // Trivially copyable elements: secrets_shuffle.
    std::vector<int> v(64);
    for (int i = 0; i < 64; i++) v[static_cast<std::size_t>(i)] = i;
    const std::vector<int> sorted = v;
    secrets::shuffle(v);
    CHECK(v != sorted);  // 1/64! to stay in order
    std::vector<int> back = v;
    std::sort(back.begin(), back.end());
    CHECK(back == sorted);
    std::array<std::uint16_t, 4> arr = {1, 2, 3, 4};
    secrets::shuffle(arr);
    CHECK(std::is_permutation(arr.begin(), arr.end(), std::array<std::uint16_t, 4>{1, 2, 3, 4}.begin()));
    int carr[3] = {5, 6, 7};
    secrets::shuffle(carr);
    CHECK(std::is_permutation(std::begin(carr), std::end(carr), std::array<int, 3>{5, 6, 7}.begin()));
#ifdef SECRETS_HPP_SPAN
    secrets::shuffle(std::span<int>(v).subspan(0, 8));
    std::vector<int> again = v;
    std::sort(again.begin(), again.end());
    CHECK(again == sorted);
#endif

    // Other elements: moved along a permutation from secrets_sample. Long
    // strings (on the heap) and short ones (inline) both keep their values.
    std::vector<std::string> words;
    for (int i = 0; i < 40; i++) words.push_back(std::string(static_cast<std::size_t>(i % 2 ? 3 : 40), char('A' + i)));
    const std::vector<std::string> original = words;
    secrets::shuffle(words);
    CHECK(words != original);
    CHECK(std::is_permutation(words.begin(), words.end(), original.begin()));
    std::vector<std::string> one = {"x"};
    secrets::shuffle(one);
    CHECK(one == std::vector<std::string>{"x"});
    std::vector<std::string> none;
    secrets::shuffle(none);
    CHECK(none.empty());

    CHECK(secrets::compare_digest("abc"sv, std::string("abc")));
    CHECK(!secrets::compare_digest("abc"sv, "abd"sv));
    CHECK(!secrets::compare_digest("abc"sv, "ab"sv));
    CHECK(secrets::compare_digest({}, ""sv));

    unsigned char wipe_me[16];
    std::memset(wipe_me, 0xa5, sizeof wipe_me);
    secrets::memzero(wipe_me, sizeof wipe_me);
    CHECK(all_zero(wipe_me, sizeof wipe_me));
}

// ---- human-facing secrets ------------------------------------------------------
void test_human() {
    const secrets::secret_string pw = secrets::password(20);
    CHECK(pw.size() == 20);
    CHECK(std::any_of(pw.begin(), pw.end(), [](char c) { return c >= 'a' && c <= 'z'; }));
    CHECK(std::any_of(pw.begin(), pw.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
    CHECK(std::any_of(pw.begin(), pw.end(), [](char c) { return c >= '0' && c <= '9'; }));
    CHECK(all_of_chars(secrets::password(30, SECRETS_DIGITS), "0123456789"));
    CHECK(all_of_chars(secrets::password_custom(30, "ab"), "ab"));
    CHECK(secrets::password_custom(30, std::string("xyz")).size() == 30);
    CHECK(secrets::password_entropy_bits(16, SECRETS_PASSWORD_DEFAULT) ==
          secrets_password_entropy_bits(16, SECRETS_PASSWORD_DEFAULT));
    CHECK(secrets::entropy_bits(6, SECRETS_EFF_WORDLIST_LEN) > 77.5);

    const secrets::secret_string pp = secrets::passphrase(6);
    CHECK(std::count(pp.begin(), pp.end(), '-') >= 5);
    CHECK(all_of_chars(pp, "abcdefghijklmnopqrstuvwxyz-"));
    const secrets::secret_string spaced = secrets::passphrase(4, " ");
    CHECK(std::count(spaced.begin(), spaced.end(), ' ') == 3);
    CHECK(secrets::passphrase(3, "").size() >= 3);

    const std::vector<std::string> list = {"alpha", "beta", "gamma", "delta"};
    const secrets::secret_string custom = secrets::passphrase_custom(5, list, std::string("+"));
    CHECK(std::count(custom.begin(), custom.end(), '+') == 4);
    std::string rest(custom.view());
    for (const std::string &w : list) {
        for (std::size_t at; (at = rest.find(w)) != std::string::npos;) rest.erase(at, w.size());
    }
    CHECK(rest == "++++");
    const char *const arr[] = {"x", "yy"};
    const secrets::secret_string fromarr = secrets::passphrase_custom(3, arr);
    CHECK(fromarr.size() >= 5 && all_of_chars(fromarr, "xy-"));
    const std::vector<const char *> ptrs = {"one", "two"};
    CHECK(all_of_chars(secrets::passphrase_custom(2, ptrs, "."), "onetw."));

    const secrets::secret_string code = secrets::otp_numeric(6);
    CHECK(code.size() == 6 && all_of_chars(code, "0123456789"));
    CHECK(secrets::otp_numeric(64).size() == 64);
    CHECK(all_of_chars(secrets::otp_alphanumeric(8), "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"));

    const secrets::secret_string key = secrets::api_key("myapp", 16);
    CHECK(key.size() == 6 + 32 && key.view().substr(0, 6) == "myapp_");
    CHECK(all_of_chars(key.view().substr(6), "0123456789abcdef"));
    CHECK(secrets::api_key().size() == 2 * SECRETS_DEFAULT_ENTROPY);
    CHECK(secrets::api_key("").size() == 2 * SECRETS_DEFAULT_ENTROPY);

    secrets::secret_string ck = secrets::api_key_checksummed("myapp");
    CHECK(ck.size() == 5 + 37);
    CHECK(secrets::api_key_check(ck));
    CHECK(secrets::api_key_check(std::string(ck)));
    ck[10] = ck[10] == 'A' ? 'B' : 'A';
    CHECK(!secrets::api_key_check(ck));

    const secrets::secret_string id = secrets::uuid4();
    CHECK(id.size() == 36 && id[8] == '-' && id[13] == '-' && id[14] == '4' && id[18] == '-' && id[23] == '-');
    CHECK(std::string_view("89ab").find(id[19]) != std::string_view::npos);
    CHECK(all_of_chars(id, "0123456789abcdef-"));
}

// ---- authentication --------------------------------------------------------------
void test_hmac_rfc4231() {
    const std::string key1(20, '\x0b');
    CHECK(secrets::hmac_sha256_hex(key1, "Hi There"sv) ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    const secrets::secret_buffer tag2 = secrets::hmac_sha256("Jefe"sv, "what do ya want for nothing?"sv);
    CHECK(hex(tag2) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    const std::vector<unsigned char> key6(131, 0xaa);  // longer than a block: hashed first
    CHECK(secrets::hmac_sha256_hex(key6, "Test Using Larger Than Block-Size Key - Hash Key First"sv) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");

    // Every byte-input form of the same key and message gives the same tag.
    const std::string_view msg = "what do ya want for nothing?";
    const unsigned char jefe[4] = {'J', 'e', 'f', 'e'};
    const std::array<unsigned char, 4> jefe_array = {'J', 'e', 'f', 'e'};
    const std::vector<std::uint8_t> jefe_vector(jefe, jefe + 4);
    const secrets::secret_buffer jefe_buffer(secrets::byte_view(jefe, 4));
    const secrets::secret_string jefe_string("Jefe");
    CHECK(secrets::hmac_sha256(jefe, msg) == tag2);
    CHECK(secrets::hmac_sha256(jefe_array, msg) == tag2);
    CHECK(secrets::hmac_sha256(jefe_vector, std::string(msg)) == tag2);
    CHECK(secrets::hmac_sha256(jefe_buffer, {msg.data(), msg.size()}) == tag2);
    CHECK(secrets::hmac_sha256(jefe_string, msg) == tag2);
    CHECK(secrets::hmac_sha256({static_cast<const void *>(jefe), 4}, msg) == tag2);
#ifdef SECRETS_HPP_SPAN
    CHECK(secrets::hmac_sha256(std::span<const unsigned char>(jefe), msg) == tag2);
    CHECK(secrets::hmac_sha256(std::as_bytes(std::span<const unsigned char>(jefe)), msg) == tag2);
    CHECK(secrets::hmac_sha256(jefe_buffer.as_bytes(), msg) == tag2);
#endif
    CHECK(secrets::hmac_sha256({}, {}).size() == 32);  // empty key and message are valid
    // Zero bytes are data: a key is never cut at one.
    const std::vector<char> zero_inside = {'a', '\0', 'b'};
    CHECK(secrets::hmac_sha256(zero_inside, msg) != secrets::hmac_sha256("a"sv, msg));
    CHECK(secrets::hmac_sha256(zero_inside, msg) == secrets::hmac_sha256("a\0b"sv, msg));

    CHECK(secrets::hmac_sha256_verify(tag2, "Jefe"sv, msg));
    CHECK(!secrets::hmac_sha256_verify(tag2, "Jeff"sv, msg));
    CHECK(!secrets::hmac_sha256_verify(secrets::byte_view(tag2.data(), 31), "Jefe"sv, msg));
    std::error_code ec;
    CHECK(!secrets::hmac_sha256_verify(tag2, "Jefe"sv, "other"sv, ec) && ec == SECRETS_ERR_MISMATCH);
    CHECK(secrets::hmac_sha256_verify(tag2, "Jefe"sv, msg, ec) && !ec);
}

constexpr std::string_view SEED20 = "12345678901234567890";
constexpr std::string_view SEED32 = "12345678901234567890123456789012";
constexpr std::string_view SEED64 = "1234567890123456789012345678901234567890123456789012345678901234";

void test_otp() {
    // RFC 4226 appendix D.
    const char *const codes[10] = {"755224", "287082", "359152", "969429", "338314",
                                   "254676", "287922", "162583", "399871", "520489"};
    for (std::uint64_t c = 0; c < 10; c++) CHECK(secrets::hotp(SEED20, c) == codes[c]);
    CHECK(secrets::hotp(SEED20, 0, 10) == "1284755224");

    // RFC 6238 appendix B.
    struct row {
        std::uint64_t time;
        const char *sha1, *sha256, *sha512;
    };
    const row rows[] = {
        {59, "94287082", "46119246", "90693936"},
        {1111111109, "07081804", "68084774", "25091201"},
        {1234567890, "89005924", "91819424", "93441116"},
        {20000000000ull, "65353130", "77737706", "47863826"},
    };
    for (const row &r : rows) {
        CHECK(secrets::totp(SEED20, r.time, 30, 8, SECRETS_OTP_SHA1) == r.sha1);
        CHECK(secrets::totp(SEED32, r.time, 30, 8, SECRETS_OTP_SHA256) == r.sha256);
        CHECK(secrets::totp(SEED64, r.time, 30, 8, SECRETS_OTP_SHA512) == r.sha512);
        const std::optional<std::uint64_t> m = secrets::totp_verify(r.sha512, SEED64, r.time, 30, 8, SECRETS_OTP_SHA512);
        CHECK(m.has_value() && *m == r.time / 30);
    }
    // A code from the step before is within the default window of 1.
    const secrets::secret_string prev = secrets::totp(SEED20, 1111111109 - 30);
    const std::optional<std::uint64_t> m = secrets::totp_verify(prev, SEED20, 1111111109);
    CHECK(m && *m == 1111111109 / 30 - 1);
    CHECK(!secrets::totp_verify(prev, SEED20, 1111111109, 30, 6, SECRETS_OTP_SHA1, 0));
    // Now, by default.
    CHECK(secrets::totp_verify(secrets::totp(SEED20), SEED20).has_value());

    std::error_code ec;
    CHECK(!secrets::totp_verify("12345", SEED20, 59, 30, 6, SECRETS_OTP_SHA1, 1, ec) && ec == SECRETS_ERR_MALFORMED);
    CHECK(!secrets::totp_verify("94287082", SEED20, 59 + 300, 30, 8, SECRETS_OTP_SHA1, 1, ec) &&
          ec == SECRETS_ERR_MISMATCH);
    CHECK(!secrets::totp_verify("12345", SEED20));  // a verdict: no exception
    CHECK(!secrets::totp_verify(std::string("942870\0" "82", 9), SEED20, 59, 30, 8, SECRETS_OTP_SHA1, 1, ec) &&
          ec == SECRETS_ERR_MALFORMED);
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::totp_verify("123456", SEED20, 59, 30, 6, SECRETS_OTP_SHA1, 11); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::hotp(SEED20, 0, 5); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::totp(SEED20, 59, 0); }));

#ifdef SECRETS_HPP_HAS_0_2
    // RFC 4226 with a look-ahead window: the matched counter is returned.
    for (std::uint64_t c = 0; c < 10; c++) {
        const std::optional<std::uint64_t> h = secrets::hotp_verify(codes[c], SEED20, 0, 9);
        CHECK(h && *h == c);
    }
    CHECK(!secrets::hotp_verify(codes[5], SEED20, 0, 4));
    CHECK(!secrets::hotp_verify(codes[5], SEED20, 0, 4, 6, SECRETS_OTP_SHA1, ec) && ec == SECRETS_ERR_MISMATCH);
    CHECK(!secrets::hotp_verify("75522", SEED20, 0, 0, 6, SECRETS_OTP_SHA1, ec) && ec == SECRETS_ERR_MALFORMED);
    const secrets::secret_string huri = secrets::otpauth_uri_hotp("ACME", "bob", SEED20, 7);
    CHECK(huri.view().substr(0, 20) == "otpauth://hotp/ACME:");
    CHECK(huri.view().find("counter=7") != std::string_view::npos);
    const secrets::secret_string pk = secrets::api_key_checksummed("ghp");
    CHECK(secrets::api_key_check_prefix(pk, "ghp"));
    CHECK(!secrets::api_key_check_prefix(pk, "gho", ec) && ec == SECRETS_ERR_MISMATCH);
    CHECK(!secrets::api_key_check_prefix("ghp_x", "ghp", ec) && ec == SECRETS_ERR_MALFORMED);
#endif
}

void test_base32_rfc4648() {
    const char *const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char *const encoded[] = {"", "MY", "MZXQ", "MZXW6", "MZXW6YQ", "MZXW6YTB", "MZXW6YTBOI"};
    const char *const padded[] = {"", "MY======", "MZXQ====", "MZXW6===", "MZXW6YQ=", "MZXW6YTB", "MZXW6YTBOI======"};
    for (std::size_t i = 0; i < 7; i++) {
        CHECK(secrets::base32_encode(std::string_view(plain[i])) == encoded[i]);
        const secrets::secret_buffer d = secrets::base32_decode(padded[i]);
        CHECK(d == std::string_view(plain[i]));
        CHECK(secrets::base32_decode(std::string(encoded[i])) == std::string_view(plain[i]));
    }
    CHECK(secrets::base32_decode("mzxw 6ytb-oi") == "foobar"sv);
    const secrets::secret_buffer key = secrets::token_bytes(20);
    CHECK(secrets::base32_decode(secrets::base32_encode(key)) == key);
    CHECK(throws(SECRETS_ERR_MALFORMED, [] { (void)secrets::base32_decode("A"); }));
    CHECK(throws(SECRETS_ERR_MALFORMED, [] { (void)secrets::base32_decode("MZ!W6"); }));
    std::error_code ec;
    CHECK(secrets::base32_decode("A", ec).empty() && ec == SECRETS_ERR_MALFORMED);
    CHECK(throws(SECRETS_ERR_NULL_POINTER, [] { (void)secrets::base32_decode(nullptr); }));
}

void test_otpauth_uri() {
    CHECK(secrets::otpauth_uri("ACME Co", "j.doe+2fa@x.org", SEED20, 60, 8, SECRETS_OTP_SHA256) ==
          "otpauth://totp/ACME%20Co:j.doe%2B2fa%40x.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
          "&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60");
    const unsigned char key10[] = {'H', 'e', 'l', 'l', 'o', '!', 0xde, 0xad, 0xbe, 0xef};
    CHECK(secrets::otpauth_uri(nullptr, "bob", key10) ==
          "otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30");
    // The worst case for the size: every byte percent-encoded, a long key,
    // the longest parameters.
    const std::string slashes(300, '/');
    const secrets::secret_buffer big = secrets::token_bytes(64);
    const secrets::secret_string uri =
        secrets::otpauth_uri(slashes, slashes, big, 4294967295u, 10, SECRETS_OTP_SHA512);
    CHECK(uri.size() == 15 + 900 + 1 + 900 + 8 + 103 + 8 + 900 + 17 + 10 + 8 + 10);
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::otpauth_uri("a:b", "bob", SEED20); }));
    CHECK(throws(SECRETS_ERR_NULL_POINTER, [] { (void)secrets::otpauth_uri("x", nullptr, SEED20); }));
}

void test_csrf() {
    const secrets::secret_buffer key = secrets::token_bytes(32);
    const std::uint64_t now = 1700000000;
    const secrets::secret_string bound = secrets::csrf_token(key, "session-1", now);
    CHECK(bound.size() == SECRETS_CSRF_TOKEN_SIZE - 1);
    CHECK(secrets::csrf_verify(bound, key, "session-1", now + 10, 3600));
    CHECK(secrets::csrf_verify(std::string(bound), key, std::string("session-1"), now, 0));

    std::error_code ec;
    CHECK(!secrets::csrf_verify(bound, key, "session-2", now, 3600, ec) && ec == SECRETS_ERR_MISMATCH);
    CHECK(!secrets::csrf_verify(bound, key, nullptr, now, 3600, ec) && ec == SECRETS_ERR_MISMATCH);
    CHECK(!secrets::csrf_verify(bound, key, "session-1", now + 3601, 3600, ec) && ec == SECRETS_ERR_EXPIRED);
    CHECK(!secrets::csrf_verify("not a token", key, nullptr, now, 3600, ec) && ec == SECRETS_ERR_MALFORMED);
    CHECK(!secrets::csrf_verify(bound, secrets::token_bytes(32), "session-1", now, 3600, ec) &&
          ec == SECRETS_ERR_MISMATCH);
    // The throwing form gives the verdict as false...
    CHECK(!secrets::csrf_verify(bound, key, "session-1", now + 3601, 3600));
    // ...and throws for misuse (a key below 16 bytes).
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [&] { (void)secrets::csrf_verify(bound, "short"sv, nullptr, now, 1); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::csrf_token("short"sv); }));
    // A session id with a NUL inside cannot be bound (C would cut it).
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT,
                 [&] { (void)secrets::csrf_token(key, std::string("ab\0cd", 5), now); }));
    CHECK(!secrets::csrf_verify(bound, key, std::string("session-1\0x", 11), now, 3600));

    const secrets::secret_string unbound = secrets::csrf_token(key);  // now, no session
    CHECK(secrets::csrf_verify(unbound, key, nullptr, secrets::unix_now(), 60));
}

// ---- errors: exceptions and error_code -------------------------------------------
void test_errors() {
    try {
        (void)secrets::token_hex(SIZE_MAX);
        CHECK(false);
    } catch (const std::system_error &e) {  // catchable as the standard type
        CHECK(e.code() == SECRETS_ERR_INVALID_ARGUMENT);
        CHECK(e.code().category() == secrets::category());
        CHECK(std::string(e.code().category().name()) == "secrets");
        CHECK(e.code().message() == secrets_strerror(SECRETS_ERR_INVALID_ARGUMENT));
        CHECK(std::string(e.what()).find("token_hex") != std::string::npos);
        CHECK(e.code() == std::errc::invalid_argument);
    }
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::password(16, 0); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::password(0); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::password(SIZE_MAX); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::password_custom(8, "aa"); }));
    CHECK(throws(SECRETS_ERR_NULL_POINTER, [] { (void)secrets::password_custom(8, nullptr); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::password_custom(8, std::string("ab\0c", 4)); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::passphrase(0); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT,
                 [] { (void)secrets::passphrase_custom(3, std::vector<std::string>{"a", "a"}); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT,
                 [] { (void)secrets::passphrase_custom(3, std::vector<std::string>{"a", std::string("b\0c", 3)}); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT,
                 [] { (void)secrets::passphrase_custom(3, std::vector<std::string>{"only"}); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::otp_numeric(65); }));  // refused before sizing
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::otp_alphanumeric(0); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::api_key("bad prefix", 16); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::api_key("p", 0); }));
    // The size helper says 0 for a NULL prefix; the C function says why.
    CHECK(throws(SECRETS_ERR_NULL_POINTER, [] { (void)secrets::api_key_checksummed(nullptr); }));
    CHECK(throws(SECRETS_ERR_NULL_POINTER, [] { (void)secrets::api_key_check(nullptr); }));
    CHECK(!secrets::api_key_check("nonsense"));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::randbelow(0u); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::randbelow(-3); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::randbits(65); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::randrange(5, 5); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::randrange(0, 10, 0); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::uniform(0.0, HUGE_VAL); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::choice(std::vector<int>{}); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::choice(std::string_view()); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::sample(11, 10); }));
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::sample(SIZE_MAX, SIZE_MAX); }));  // not allocated
    CHECK(throws(SECRETS_ERR_INVALID_ARGUMENT, [] { (void)secrets::token_bytes(SIZE_MAX); }));
    CHECK(throws(SECRETS_ERR_NULL_POINTER, [] { secrets::token_bytes(nullptr, 4); }));

    // The error_code forms: set on failure with an empty result, cleared on success.
    std::error_code ec = make_error_code(SECRETS_ERR_ENTROPY);
    secrets::secret_string s = secrets::token_hex(8, ec);
    CHECK(!ec && s.size() == 16);
    s = secrets::password(16, 0x80, ec);
    CHECK(ec == SECRETS_ERR_INVALID_ARGUMENT && s.empty());
    CHECK(ec.message() == secrets_strerror(SECRETS_ERR_INVALID_ARGUMENT));
    CHECK(secrets::randbelow(0u, ec) == 0 && ec == SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(secrets::randbelow(5u, ec) < 5 && !ec);
    CHECK(secrets::token_bytes(SIZE_MAX, ec).empty() && ec == SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(secrets::uuid4(ec).size() == 36 && !ec);
    CHECK(secrets::choice(std::vector<int>{}, ec) == 0 && ec == SECRETS_ERR_INVALID_ARGUMENT);
    CHECK(secrets::sample(3, 2, ec).empty() && ec == SECRETS_ERR_INVALID_ARGUMENT);
    std::vector<std::string> v = {"a", "b"};
    secrets::shuffle(v, ec);
    CHECK(!ec);
    CHECK(!secrets::api_key_check(std::string("x\0y", 3), ec) && ec == SECRETS_ERR_MALFORMED);
    CHECK(secrets::hmac_sha256({nullptr, 3}, "m"sv, ec).empty() && ec == SECRETS_ERR_NULL_POINTER);
    CHECK(secrets::otp_numeric(1000, ec).empty() && ec == SECRETS_ERR_INVALID_ARGUMENT);

    // Unknown statuses still have a message; the enum compares with codes.
    CHECK(!secrets::category().message(1000).empty());
    CHECK(secrets::error(SECRETS_ERR_EXPIRED).status() == SECRETS_ERR_EXPIRED);
    CHECK(std::string(secrets::version()).find('.') != std::string::npos);
}

// ---- the wiping types ------------------------------------------------------------------
void test_secret_string_interface() {
    secrets::secret_string a("hunter2");
    const secrets::secret_string b = a;  // a copy is another secret_string
    CHECK(a == b && a == "hunter2" && "hunter2" == a && a != "hunter3" && a != "hunter");
    CHECK(std::string(a) == "hunter2");
    const std::string_view v = a;
    CHECK(v == "hunter2" && a.c_str()[7] == '\0' && a.length() == 7);
    std::ostringstream out;
    out << a;
    CHECK(out.str() == "hunter2");
    a += "-and-more";
    a.push_back('!');
    CHECK(a == "hunter2-and-more!");
    a.truncate(7);
    CHECK(a == "hunter2" && b == "hunter2");
    secrets::secret_string moved = std::move(a);
    CHECK(moved == "hunter2" && a.empty());  // NOLINT: moved-from is empty by contract
    a = moved;
    CHECK(a == moved);
    a.clear();
    CHECK(a.empty() && a.c_str()[0] == '\0');
    CHECK(secrets::secret_string().empty());
}

void test_wiping_heap() {
    const std::string_view secret = "correct-horse-battery-staple-and-then-some-more";  // not inline anywhere

    watch(secret.data(), secret.size());
    { const std::string plain(secret); }
    CHECK(unwatch() == 1);  // control: a plain std::string leaves it in the freed block

    watch(secret.data(), secret.size());
    { const secrets::wiping_string w(secret.data(), secret.size()); }
    CHECK(unwatch() == 0);
    watch(secret.data(), secret.size());
    { const secrets::secret_string s(secret); }
    CHECK(unwatch() == 0);

    // Growing reallocates: the old block is wiped too.
    secrets::secret_string grows(secret);
    watch(secret.data(), secret.size());
    for (int i = 0; i < 8; i++) grows += secret;
    CHECK(unwatch() == 0);

    // Results of the library, through their whole life (moves included).
    char copy[65] = {};
    {
        secrets::secret_string pw = secrets::password(64);
        std::memcpy(copy, pw.data(), 64);
        watch(copy, 64);
        secrets::secret_string other = std::move(pw);
        secrets::secret_string third;
        third = std::move(other);
    }
    CHECK(watch_len == 64 && unwatch() == 0);
    {
        secrets::secret_string pw = secrets::token_hex(48);
        std::memcpy(copy, pw.data(), 64);
        watch(copy, 64);
        pw.clear();
        CHECK(unwatch() == 0);
    }

    // secret_buffer and secret_vector, with a std::vector as the control.
    const std::vector<unsigned char> bytes(secret.begin(), secret.end());
    watch(bytes.data(), bytes.size());
    { const std::vector<unsigned char> control = bytes; }
    CHECK(unwatch() == 1);
    watch(bytes.data(), bytes.size());
    {
        secrets::secret_buffer b{secrets::byte_view(bytes)};
        secrets::secret_buffer moved = std::move(b);
        secrets::secret_buffer assigned;
        assigned = std::move(moved);
    }
    CHECK(unwatch() == 0);
    watch(bytes.data(), bytes.size());
    { const secrets::secret_vector<unsigned char> sv(bytes.begin(), bytes.end()); }
    CHECK(unwatch() == 0);
    {
        secrets::secret_buffer key = secrets::token_bytes(40);
        unsigned char kcopy[40];
        std::memcpy(kcopy, key.data(), sizeof kcopy);
        watch(kcopy, sizeof kcopy);
        key.clear();
        CHECK(key.empty() && unwatch() == 0);
    }
    // truncate zeroes the dropped tail in place.
    secrets::secret_buffer t{secrets::byte_view(secret)};
    const unsigned char *p = t.data();
    t.truncate(5);
    CHECK(t.size() == 5 && std::memcmp(p, secret.data(), 5) == 0 && all_zero(p + 5, secret.size() - 5));
}

// Short strings live inside the object: destroy one in storage of our own
// and look at what is left there.
void test_wiping_inline() {
    const std::string_view shortie = "hunter2";
    using wstring = secrets::wiping_string;

    alignas(wstring) unsigned char raw[sizeof(wstring)];
    wstring *w = ::new (static_cast<void *>(raw)) wstring(shortie.data(), shortie.size());
    const bool inline_storage = static_cast<const void *>(w->data()) >= static_cast<const void *>(raw) &&
                                static_cast<const void *>(w->data()) < static_cast<const void *>(raw + sizeof raw);
    w->~wstring();
    // Control: with the small-string optimisation the allocator never sees
    // the text, and it outlives the string. This is why secret_string exists.
    CHECK(!inline_storage || bytes_hold(raw, sizeof raw, shortie));

    alignas(secrets::secret_string) unsigned char box[sizeof(secrets::secret_string)];
    auto *s = ::new (static_cast<void *>(box)) secrets::secret_string(shortie);
    CHECK(*s == shortie);
    s->~secret_string();
    CHECK(all_zero(box, sizeof box));

    // Moving from inline to the heap leaves stale characters in the object
    // (past what the capacity field overwrites): wiped at destruction.
    s = ::new (static_cast<void *>(box)) secrets::secret_string("0123456789abcd");
    *s += std::string(100, 'z');
    s->~secret_string();
    CHECK(all_zero(box, sizeof box));

    // A moved-from or cleared secret_string holds nothing of the text.
    secrets::secret_string from(shortie);
    secrets::secret_string to(std::move(from));
    CHECK(!bytes_hold(&from, sizeof from, "unter2"));
    secrets::secret_string target("abcdefghij");
    target = std::move(to);
    CHECK(target == shortie && !bytes_hold(&to, sizeof to, "unter2"));
    secrets::secret_string cleared("abcdefghij");
    cleared.clear();
    CHECK(!bytes_hold(&cleared, sizeof cleared, "bcdefghij"));
    // A short library result, e.g. an OTP code, in its own storage.
    auto *code = ::new (static_cast<void *>(box)) secrets::secret_string(secrets::otp_numeric(6));
    CHECK(code->size() == 6);
    code->~secret_string();
    CHECK(all_zero(box, sizeof box));
}

}  // namespace

// The observer: the replaceable global allocation functions.
void *operator new(std::size_t n) { return observed_new(n); }
void *operator new[](std::size_t n) { return observed_new(n); }
void operator delete(void *p) noexcept { observed_delete(p); }
void operator delete[](void *p) noexcept { observed_delete(p); }
void operator delete(void *p, std::size_t) noexcept { observed_delete(p); }
void operator delete[](void *p, std::size_t) noexcept { observed_delete(p); }

int main() {
    test_tokens();
    test_integers();
    test_choice_sample_shuffle();
    test_human();
    test_hmac_rfc4231();
    test_otp();
    test_base32_rfc4648();
    test_otpauth_uri();
    test_csrf();
    test_errors();
    test_secret_string_interface();
    test_wiping_heap();
    test_wiping_inline();
#ifdef SECRETS_HPP_HAS_0_2
    const char *const api = "0.2 additions included";
#else
    const char *const api = "0.1 header: 0.2 additions not built";
#endif
    std::printf("test_hpp (C++ %ld, libsecrets %s, %s): %d passed, %d failed\n", static_cast<long>(__cplusplus),
                secrets::version(), api, passes, failures);
    return failures == 0 ? 0 : 1;
}
