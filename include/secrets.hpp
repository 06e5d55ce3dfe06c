/*
 * libsecrets for C++17 and later: a header-only layer over secrets.h.
 *
 *   #include <secrets.hpp>
 *   secrets::secret_string pw = secrets::password(16);        // throws secrets::error
 *   std::error_code ec;
 *   secrets::secret_string tok = secrets::token_urlsafe(32, ec); // or sets ec
 *
 * What it adds to the C API:
 *  - Text results are secrets::secret_string and byte results
 *    secrets::secret_buffer: both zero their memory when destroyed, so a
 *    secret does not linger in freed heap blocks or in the dead object. The
 *    buffers are sized with the library's size helpers: callers never size
 *    anything.
 *  - Byte inputs are secrets::byte_view: a std::string_view or std::string,
 *    {pointer, length}, or any contiguous container of bytes
 *    (std::vector<unsigned char>, std::array, unsigned char[N], and under
 *    C++20 std::span<const std::byte> / std::span<const unsigned char>);
 *    never a bare char pointer or char array, whose length strlen would
 *    guess (`"key"sv` for a literal).
 *    Text inputs are secrets::cstring_view: a C string or a std::string
 *    (never a std::string_view, which need not end in a NUL).
 *  - Every function that can fail comes twice: one throws secrets::error (a
 *    std::system_error whose code() is the C status, in the "secrets" error
 *    category); the other takes a std::error_code& as its last argument and
 *    sets it instead (these throw nothing but std::bad_alloc, as
 *    std::filesystem's do). The C statuses are error-code enums:
 *    `ec == SECRETS_ERR_EXPIRED` works, and ec.message() is
 *    secrets_strerror's text.
 *  - Verifications return bool (or std::optional<counter> for HOTP/TOTP):
 *    false when the input is not authentic (mismatch, expired, malformed);
 *    the error_code overload also says which. Misuse (a bad argument)
 *    throws, or sets ec, as everywhere.
 *
 * Why secret_string is a class and not just a std::basic_string with a
 * wiping allocator: an allocator only ever sees heap blocks. The standard
 * libraries keep short strings (15 chars in libstdc++ and MSVC's, 22 in libc++) inside
 * the string object itself (the small-string optimisation), and leaves
 * stale characters there when the string moves to the heap or is moved
 * from; no allocator call covers those bytes, and most passwords and codes
 * are short. So secret_string keeps its wiping_string in storage of its
 * own, and after destroying the string zeroes that whole storage:
 * heap blocks are zeroed by wiping_allocator when freed (also when the
 * string grows), the object's inline bytes by secret_string. The plain
 * wiping_string alias is still offered for containers of text you build
 * yourself, with that caveat: only its heap blocks are wiped.
 *
 * What is still yours to wipe: copies you make into other types
 * (`std::string(s)`, a std::string_view kept past the secret's lifetime,
 * stream buffers), and a wiping_string's inline bytes.
 *
 * Sizes: a request too large to allocate gives std::bad_alloc; one the C
 * API would refuse (above PTRDIFF_MAX) gives SECRETS_ERR_INVALID_ARGUMENT
 * before anything is allocated.
 *
 * Works with secrets.h 0.1 and 0.2: byte inputs are passed through
 * `const void *` (cast to the 0.1 header's `const uint8_t *`), and the 0.2
 * additions (HOTP verification and URIs, prefix checks, the otpauth and
 * custom passphrase size helpers) are wrapped when SECRETS_VERSION_NUM says
 * they exist.
 */
#ifndef SECRETS_HPP
#define SECRETS_HPP

#if !defined(__cplusplus) || (__cplusplus < 201703L && (!defined(_MSVC_LANG) || _MSVC_LANG < 201703L))
#error "secrets.hpp needs C++17 or later (e.g. -std=c++17); from C or older C++ include secrets.h"
#endif

#include "secrets.h"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iosfwd>
#include <iterator>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>
#if __cplusplus >= 202002L && __has_include(<span>)
#include <span>
#define SECRETS_HPP_SPAN 1
#endif

#if defined(SECRETS_VERSION_NUM) && SECRETS_VERSION_NUM >= 0x000200
#define SECRETS_HPP_HAS_0_2 1
#endif

// ---------------------------------------------------------------------------
// The C statuses as std::error_code values. make_error_code must live in the
// enum's own (global) namespace for argument-dependent lookup to find it.
// ---------------------------------------------------------------------------
static_assert(std::is_enum<secrets_status>::value, "secrets.h declares secrets_status as an enum in C++");

namespace secrets {

namespace detail {
class category_impl final : public std::error_category {
  public:
    const char *name() const noexcept override { return "secrets"; }
    std::string message(int status) const override {
        return secrets_strerror(status);
    }
    // Lets `ec == std::errc::invalid_argument` hold for the caller's mistakes.
    std::error_condition default_error_condition(int status) const noexcept override {
        if (status == SECRETS_ERR_NULL_POINTER || status == SECRETS_ERR_INVALID_ARGUMENT)
            return std::make_error_condition(std::errc::invalid_argument);
        return std::error_condition(status, *this);
    }
};
}  // namespace detail

/** The "secrets" error category: values are secrets_status, messages secrets_strerror's. */
inline const std::error_category &category() noexcept {
    // Never destroyed, so codes stay meaningful in other static destructors.
    alignas(detail::category_impl) static unsigned char storage[sizeof(detail::category_impl)];
    static const detail::category_impl *const instance =
        ::new (static_cast<void *>(storage)) detail::category_impl();
    return *instance;
}

}  // namespace secrets

inline std::error_code make_error_code(secrets_status status) noexcept {
    return std::error_code(static_cast<int>(status), secrets::category());
}

namespace std {
template <>
struct is_error_code_enum<secrets_status> : true_type {};
}  // namespace std

namespace secrets {

using status = secrets_status;

/** A libsecrets failure: code() is the status in the "secrets" category. */
class error : public std::system_error {
  public:
    explicit error(secrets_status s, const char *what_arg = "secrets")
        : std::system_error(make_error_code(s), what_arg) {}
    error(std::error_code ec, const char *what_arg) : std::system_error(ec, what_arg) {}
    /** The C status this error carries. */
    secrets_status status() const noexcept { return static_cast<secrets_status>(code().value()); }
};

/** Zeroes p[0..len] in a way the compiler does not remove. */
inline void memzero(void *p, std::size_t len) noexcept { secrets_memzero(p, len); }

/** The library's version, e.g. "0.1.0" (of the library loaded, not of this header). */
[[nodiscard]] inline const char *version() noexcept { return secrets_version(); }

/** Seconds since 1970-01-01 UTC now, the time argument of TOTP and CSRF. */
[[nodiscard]] inline std::uint64_t unix_now() noexcept {
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
    return s > 0 ? static_cast<std::uint64_t>(s) : 0;
}

// ---------------------------------------------------------------------------
// Wiping storage
// ---------------------------------------------------------------------------

/**
 * A std::allocator that zeroes every block before freeing it (with
 * secrets_memzero, which the optimiser keeps). Stateless: all instances are
 * equal, so containers move and swap their blocks freely.
 */
template <class T>
struct wiping_allocator {
    using value_type = T;
    using propagate_on_container_move_assignment = std::true_type;
    using is_always_equal = std::true_type;

    wiping_allocator() noexcept = default;
    template <class U>
    wiping_allocator(const wiping_allocator<U> &) noexcept {}

    [[nodiscard]] T *allocate(std::size_t n) { return std::allocator<T>().allocate(n); }
    void deallocate(T *p, std::size_t n) noexcept {
        secrets_memzero(p, n * sizeof(T));
        std::allocator<T>().deallocate(p, n);
    }
};
template <class T, class U>
constexpr bool operator==(const wiping_allocator<T> &, const wiping_allocator<U> &) noexcept {
    return true;
}
template <class T, class U>
constexpr bool operator!=(const wiping_allocator<T> &, const wiping_allocator<U> &) noexcept {
    return false;
}

/** A string whose heap blocks are wiped; its inline (short-string) bytes are not: see the top. */
using wiping_string = std::basic_string<char, std::char_traits<char>, wiping_allocator<char>>;
/**
 * A vector whose blocks are wiped when freed (vectors keep nothing inline).
 * Elements that own memory of their own wipe it themselves or not at all:
 * use secret_string elements, not std::string.
 */
template <class T>
using secret_vector = std::vector<T, wiping_allocator<T>>;

namespace detail {
constexpr std::size_t max_object = static_cast<std::size_t>(PTRDIFF_MAX);

template <class T>
struct is_char_array : std::false_type {};
template <std::size_t N>
struct is_char_array<char[N]> : std::true_type {};
template <std::size_t N>
struct is_char_array<const char[N]> : std::true_type {};

template <class T>
constexpr bool is_byte_like_v =
    std::is_same_v<T, char> || std::is_same_v<T, signed char> || std::is_same_v<T, unsigned char> ||
    std::is_same_v<T, std::byte>
#if defined(__cpp_char8_t)
    || std::is_same_v<T, char8_t>
#endif
    ;

// randbelow's types: the integers up to 64 bits (not bool).
template <class T>
constexpr bool is_draw_integer_v = std::is_integral_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 8;

template <class C>
using element_t = std::remove_pointer_t<decltype(std::data(std::declval<C &>()))>;

// A contiguous container (std::data/std::size) of 1-byte elements, other
// than a char array (refused by byte_view: see there).
template <class C, class = void>
struct is_byte_container : std::false_type {};
template <class C>
struct is_byte_container<C, std::void_t<decltype(std::data(std::declval<const C &>())),
                                        decltype(std::size(std::declval<const C &>()))>>
    : std::bool_constant<is_byte_like_v<std::remove_cv_t<element_t<const C>>> &&
                         !is_char_array<std::remove_cv_t<C>>::value> {};
}  // namespace detail

/**
 * A byte input: pointer and length, borrowed for the call. Made from a
 * std::string_view or std::string, `{pointer, length}`, or any contiguous
 * container of 1-byte elements (vector, array, unsigned char[N],
 * secret_buffer, secret_string, std::span under C++20), always whole.
 *
 * Not from a bare `const char *` or a char array: their length would have
 * to come from strlen, which silently cuts a binary key or message at its
 * first zero byte (and a char array's size counts a literal's NUL). Say
 * which you mean: `std::string_view("Jefe")` or `"Jefe"sv` for text,
 * `{p, n}` for bytes.
 */
class byte_view {
  public:
    constexpr byte_view() noexcept = default;
    constexpr byte_view(const void *data, std::size_t size) noexcept : data_(data), size_(size) {}
    constexpr byte_view(std::string_view s) noexcept : data_(s.data()), size_(s.size()) {}
    template <class C, std::enable_if_t<detail::is_byte_container<C>::value, int> = 0>
    constexpr byte_view(const C &c) noexcept : data_(std::data(c)), size_(std::size(c)) {}
    byte_view(const char *) = delete;  // length unknown: see above
    template <std::size_t N>
    byte_view(const char (&)[N]) = delete;  // a literal's NUL or strlen: see above
    byte_view(std::nullptr_t) = delete;     // {} is the empty input

    constexpr const void *data() const noexcept { return data_; }
    constexpr std::size_t size() const noexcept { return size_; }
    // The 0.1 header declares byte inputs `const uint8_t *`, 0.2 `const void *`.
    const std::uint8_t *c_ptr() const noexcept { return static_cast<const std::uint8_t *>(data_); }

  private:
    const void *data_ = nullptr;
    std::size_t size_ = 0;
};

namespace detail {
struct access;
}

/**
 * Text that is zeroed when destroyed, moved from, assigned over or
 * cleared (see the top of this header for how, and why a class). Reads
 * like a const std::string: data(), c_str(), size(), iteration, and an
 * implicit std::string_view. Copying makes another secret_string;
 * `std::string(s)` is explicit because the copy is then yours to wipe.
 * `==` compares in time that depends on the lengths only.
 */
class secret_string {
  public:
    using string_type = wiping_string;
    using value_type = char;
    using size_type = std::size_t;
    using traits_type = std::char_traits<char>;
    using const_iterator = const char *;
    using iterator = char *;

    secret_string() noexcept { ::new (static_cast<void *>(storage_)) string_type(); }
    explicit secret_string(std::string_view s) {
        ::new (static_cast<void *>(storage_)) string_type(s.data(), s.size());
    }
    secret_string(const secret_string &other) {
        ::new (static_cast<void *>(storage_)) string_type(other.str());
    }
    secret_string(secret_string &&other) noexcept {
        ::new (static_cast<void *>(storage_)) string_type(std::move(other.s()));
        other.reset();
    }
    secret_string &operator=(const secret_string &other) {
        if (this != &other) *this = secret_string(other);
        return *this;
    }
    secret_string &operator=(secret_string &&other) noexcept {
        if (this != &other) {
            destroy();
            ::new (static_cast<void *>(storage_)) string_type(std::move(other.s()));
            other.reset();
        }
        return *this;
    }
    ~secret_string() { destroy(); }

    const char *data() const noexcept { return s().data(); }
    char *data() noexcept { return s().data(); }
    const char *c_str() const noexcept { return s().c_str(); }
    std::size_t size() const noexcept { return s().size(); }
    std::size_t length() const noexcept { return s().size(); }
    bool empty() const noexcept { return s().empty(); }
    const char &operator[](std::size_t i) const noexcept { return s()[i]; }
    char &operator[](std::size_t i) noexcept { return s()[i]; }
    const char *begin() const noexcept { return data(); }
    const char *end() const noexcept { return data() + size(); }
    char *begin() noexcept { return data(); }
    char *end() noexcept { return data() + size(); }

    std::string_view view() const noexcept { return std::string_view(data(), size()); }
    // As with std::string, a view must not outlive the secret_string.
    operator std::string_view() const noexcept { return view(); }
    /** A plain copy, which nothing wipes. */
    explicit operator std::string() const { return std::string(data(), size()); }
    /** The wiping_string inside, read-only. */
    const string_type &str() const noexcept { return s(); }

    /** Appends; a reallocation wipes the old block. */
    secret_string &append(std::string_view t) {
        s().append(t.data(), t.size());
        return *this;
    }
    secret_string &operator+=(std::string_view t) { return append(t); }
    void push_back(char c) { s().push_back(c); }
    /** Zeroes the whole buffer (not only the characters) and empties it. */
    void clear() noexcept { reset(); }
    /** Drops the characters from `n` on, zeroing them (n above size() does nothing). */
    void truncate(std::size_t n) noexcept {
        if (n < size()) {
            secrets_memzero(data() + n, size() - n);
            s().resize(n);  // shrinking never reallocates, so cannot throw
        }
    }

    friend bool operator==(const secret_string &a, std::string_view b) noexcept {
        return secrets_compare_digest(a.data(), a.size(), b.data(), b.size());
    }
    friend bool operator==(std::string_view a, const secret_string &b) noexcept { return b == a; }
    friend bool operator==(const secret_string &a, const secret_string &b) noexcept {
        return a == b.view();
    }
    friend bool operator!=(const secret_string &a, std::string_view b) noexcept { return !(a == b); }
    friend bool operator!=(std::string_view a, const secret_string &b) noexcept { return !(b == a); }
    friend bool operator!=(const secret_string &a, const secret_string &b) noexcept {
        return !(a == b);
    }
    template <class Traits>
    friend std::basic_ostream<char, Traits> &operator<<(std::basic_ostream<char, Traits> &os,
                                                        const secret_string &t) {
        return os << t.view();
    }

  private:
    friend struct detail::access;
    string_type &s() noexcept { return *std::launder(reinterpret_cast<string_type *>(storage_)); }
    const string_type &s() const noexcept {
        return *std::launder(reinterpret_cast<const string_type *>(storage_));
    }
    // Ends the string (its heap block, if any, is wiped by the allocator),
    // then zeroes the object's bytes, where short strings live.
    void destroy() noexcept {
        s().~string_type();
        secrets_memzero(storage_, sizeof storage_);
    }
    void reset() noexcept {
        destroy();
        ::new (static_cast<void *>(storage_)) string_type();
    }

    alignas(string_type) unsigned char storage_[sizeof(string_type)];
};

/**
 * A NUL-terminated text input, borrowed for the call: a C string (NULL
 * where the C function allows it: a missing issuer, prefix, separator or
 * session), or a std::basic_string<char> of any allocator. A std::string
 * with an embedded NUL is refused (SECRETS_ERR_INVALID_ARGUMENT for
 * parameters, SECRETS_ERR_MALFORMED for codes, tokens and keys checked),
 * since C would silently read only up to the NUL.
 */
class cstring_view {
  public:
    constexpr cstring_view() noexcept = default;
    constexpr cstring_view(std::nullptr_t) noexcept {}
    constexpr cstring_view(const char *s) noexcept : p_(s) {}
    template <class Traits, class Alloc>
    cstring_view(const std::basic_string<char, Traits, Alloc> &s) noexcept
        : p_(s.c_str()), embedded_nul_(Traits::find(s.data(), s.size(), '\0') != nullptr) {}
    cstring_view(const secret_string &s) noexcept
        : p_(s.c_str()), embedded_nul_(std::memchr(s.data(), 0, s.size()) != nullptr) {}
    cstring_view(std::string_view) = delete;  // not NUL-terminated: pass a std::string

    constexpr const char *c_str() const noexcept { return p_; }
    constexpr bool has_embedded_nul() const noexcept { return embedded_nul_; }

  private:
    const char *p_ = nullptr;
    bool embedded_nul_ = false;
};

/**
 * Bytes on the heap that are zeroed when freed, moved from or cleared.
 * Move-only: a secret is not copied by accident. A new buffer is zero-filled.
 * `==` compares in time that depends on the lengths only.
 */
class secret_buffer {
  public:
    secret_buffer() noexcept = default;
    /** n zero bytes. */
    explicit secret_buffer(std::size_t n) : data_(n != 0 ? alloc().allocate(n) : nullptr), size_(n), capacity_(n) {
        if (n != 0) std::memset(data_, 0, n);
    }
    /** A copy of the given bytes. */
    explicit secret_buffer(byte_view bytes) : secret_buffer(bytes.size()) {
        if (size_ != 0) std::memcpy(data_, bytes.data(), size_);
    }
    secret_buffer(secret_buffer &&other) noexcept
        : data_(std::exchange(other.data_, nullptr)),
          size_(std::exchange(other.size_, 0)),
          capacity_(std::exchange(other.capacity_, 0)) {}
    secret_buffer &operator=(secret_buffer &&other) noexcept {
        if (this != &other) {
            release();
            data_ = std::exchange(other.data_, nullptr);
            size_ = std::exchange(other.size_, 0);
            capacity_ = std::exchange(other.capacity_, 0);
        }
        return *this;
    }
    secret_buffer(const secret_buffer &) = delete;
    secret_buffer &operator=(const secret_buffer &) = delete;
    ~secret_buffer() { release(); }

    unsigned char *data() noexcept { return data_; }
    const unsigned char *data() const noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    unsigned char &operator[](std::size_t i) noexcept { return data_[i]; }
    const unsigned char &operator[](std::size_t i) const noexcept { return data_[i]; }
    unsigned char *begin() noexcept { return data_; }
    unsigned char *end() noexcept { return data_ + size_; }
    const unsigned char *begin() const noexcept { return data_; }
    const unsigned char *end() const noexcept { return data_ + size_; }
#ifdef SECRETS_HPP_SPAN
    std::span<unsigned char> span() noexcept { return {data_, size_}; }
    std::span<const unsigned char> span() const noexcept { return {data_, size_}; }
    std::span<const std::byte> as_bytes() const noexcept { return std::as_bytes(span()); }
#endif

    /** Wipes and frees the bytes. */
    void clear() noexcept { release(); }
    /** Drops the bytes from `n` on, zeroing them (n above size() does nothing). */
    void truncate(std::size_t n) noexcept {
        if (n < size_) {
            secrets_memzero(data_ + n, size_ - n);
            size_ = n;
        }
    }

    friend bool operator==(const secret_buffer &a, byte_view b) noexcept {
        return secrets_compare_digest(a.data_, a.size_, b.data(), b.size());
    }
    friend bool operator!=(const secret_buffer &a, byte_view b) noexcept { return !(a == b); }
    friend bool operator==(const secret_buffer &a, const secret_buffer &b) noexcept {
        return a == byte_view(b.data_, b.size_);
    }
    friend bool operator!=(const secret_buffer &a, const secret_buffer &b) noexcept { return !(a == b); }

  private:
    static wiping_allocator<unsigned char> alloc() noexcept { return {}; }
    void release() noexcept {
        if (data_ != nullptr) alloc().deallocate(data_, capacity_);  // wipes
        data_ = nullptr;
        size_ = capacity_ = 0;
    }

    unsigned char *data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;  // what was allocated: truncate keeps the block
};

// ---------------------------------------------------------------------------
// Plumbing shared by every wrapper
// ---------------------------------------------------------------------------
namespace detail {

// The wrappers write C results straight into a secret_string's buffer.
struct access {
    static wiping_string &str(secret_string &t) noexcept { return t.s(); }
};

inline bool set(std::error_code &ec, secrets_status s) noexcept {
    if (s == SECRETS_OK) {
        ec.clear();
        return true;
    }
    ec = make_error_code(s);
    return false;
}

// Runs the error_code form; throws its error, if any.
template <class F>
auto or_throw(const char *what, F &&f) {
    std::error_code ec;
    if constexpr (std::is_void_v<decltype(f(ec))>) {
        f(ec);
        if (ec) throw error(ec, what);
    } else {
        auto result = f(ec);
        if (ec) throw error(ec, what);
        return result;
    }
}

// For verifications: the verdict statuses (the input is not authentic)
// give the empty result; any other error throws.
template <class F>
auto verdict_or_throw(const char *what, F &&f) {
    std::error_code ec;
    auto result = f(ec);
    if (ec && ec != SECRETS_ERR_MISMATCH && ec != SECRETS_ERR_EXPIRED && ec != SECRETS_ERR_MALFORMED)
        throw error(ec, what);
    return result;
}

// Checks C-string arguments: an embedded NUL gets `status`.
inline bool text_ok(std::error_code &ec, secrets_status status,
                    std::initializer_list<cstring_view> texts) noexcept {
    for (const cstring_view &t : texts) {
        if (t.has_embedded_nul()) return set(ec, status);
    }
    return true;
}

// Size arithmetic that saturates at SIZE_MAX, which text() takes for "too
// large" (any size above PTRDIFF_MAX is), so an overflow stays one.
constexpr std::size_t too_large = std::numeric_limits<std::size_t>::max();
inline std::size_t add(std::size_t a, std::size_t b) noexcept {
    return a <= max_object && b <= max_object - a ? a + b : too_large;
}
inline std::size_t mul(std::size_t a, std::size_t b) noexcept {
    return b == 0 || a <= max_object / b ? a * b : too_large;
}

// A text result: `size` is the out_size to give (NUL included) from the
// size helper, 0 when the helper found the arguments invalid. `fill(out,
// out_size)` calls the C function.
template <class Fill>
secret_string text(std::error_code &ec, std::size_t size, Fill fill) {
    if (size == 0 || size > max_object) {
        // Let the C function say what is wrong with the arguments; it cannot
        // succeed, and a too-small buffer is not the caller's doing.
        char probe[1];
        const secrets_status s = fill(probe, sizeof probe);
        set(ec, s == SECRETS_OK || s == SECRETS_ERR_BUFFER_TOO_SMALL ? SECRETS_ERR_INVALID_ARGUMENT : s);
        return secret_string();
    }
    secret_string out;
    wiping_string &s = access::str(out);
    s.resize(size - 1);  // size - 1 characters plus the string's own NUL: `size` bytes
    if (!set(ec, fill(s.data(), size))) return secret_string();
    s.resize(std::char_traits<char>::length(s.data()));  // shrinking: no reallocation
    return out;
}

// A byte result of exactly `size` bytes (0 allowed).
template <class Fill>
secret_buffer bytes(std::error_code &ec, std::size_t size, Fill fill) {
    if (size > max_object) {
        set(ec, SECRETS_ERR_INVALID_ARGUMENT);
        return secret_buffer();
    }
    secret_buffer out(size);
    if (!set(ec, fill(reinterpret_cast<std::uint8_t *>(out.data()), size))) return secret_buffer();
    return out;
}

}  // namespace detail

// ===========================================================================
// Core randomness (Python's secrets module)
// ===========================================================================

/** `nbytes` random bytes (Python's token_bytes). */
[[nodiscard]] inline secret_buffer token_bytes(std::size_t nbytes, std::error_code &ec) {
    return detail::bytes(ec, nbytes, [&](std::uint8_t *out, std::size_t) {
        return secrets_token_bytes(out, nbytes);
    });
}
[[nodiscard]] inline secret_buffer token_bytes(std::size_t nbytes = SECRETS_DEFAULT_ENTROPY) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return token_bytes(nbytes, ec); });
}
/** Fills out[0..size] with random bytes. */
inline void token_bytes(void *out, std::size_t size, std::error_code &ec) noexcept {
    detail::set(ec, secrets_token_bytes(static_cast<std::uint8_t *>(out), size));
}
inline void token_bytes(void *out, std::size_t size) {
    detail::or_throw(__func__, [&](std::error_code &ec) { token_bytes(out, size, ec); });
}
#ifdef SECRETS_HPP_SPAN
inline void token_bytes(std::span<std::byte> out, std::error_code &ec) noexcept {
    token_bytes(out.data(), out.size(), ec);
}
inline void token_bytes(std::span<std::byte> out) { token_bytes(out.data(), out.size()); }
inline void token_bytes(std::span<unsigned char> out, std::error_code &ec) noexcept {
    token_bytes(out.data(), out.size(), ec);
}
inline void token_bytes(std::span<unsigned char> out) { token_bytes(out.data(), out.size()); }
#endif

/** `2 * nbytes` lowercase hex characters (Python's token_hex). */
[[nodiscard]] inline secret_string token_hex(std::size_t nbytes, std::error_code &ec) {
    return detail::text(ec, secrets_token_hex_size(nbytes), [&](char *out, std::size_t size) {
        return secrets_token_hex(out, size, nbytes);
    });
}
[[nodiscard]] inline secret_string token_hex(std::size_t nbytes = SECRETS_DEFAULT_ENTROPY) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return token_hex(nbytes, ec); });
}

/** `nbytes` random bytes as unpadded base64url (Python's token_urlsafe). */
[[nodiscard]] inline secret_string token_urlsafe(std::size_t nbytes, std::error_code &ec) {
    return detail::text(ec, secrets_token_urlsafe_size(nbytes), [&](char *out, std::size_t size) {
        return secrets_token_urlsafe(out, size, nbytes);
    });
}
[[nodiscard]] inline secret_string token_urlsafe(std::size_t nbytes = SECRETS_DEFAULT_ENTROPY) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return token_urlsafe(nbytes, ec); });
}

/**
 * A uniform integer in [0, upper) of upper's type, exact (rejection
 * sampling). A signed `upper` must be positive; 0 is
 * SECRETS_ERR_INVALID_ARGUMENT.
 */
template <class T, std::enable_if_t<detail::is_draw_integer_v<T>, int> = 0>
[[nodiscard]] T randbelow(T upper, std::error_code &ec) noexcept {
    if constexpr (std::is_signed_v<T>) {
        if (upper <= 0) {
            detail::set(ec, SECRETS_ERR_INVALID_ARGUMENT);
            return 0;
        }
    }
    std::uint64_t r = 0;
    detail::set(ec, secrets_randbelow(&r, static_cast<std::uint64_t>(upper)));
    return static_cast<T>(r);
}
template <class T, std::enable_if_t<detail::is_draw_integer_v<T>, int> = 0>
[[nodiscard]] T randbelow(T upper) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return randbelow(upper, ec); });
}

/** `k` random bits (0..=64): uniform in [0, 2^k). */
[[nodiscard]] inline std::uint64_t randbits(std::uint32_t k, std::error_code &ec) noexcept {
    std::uint64_t r = 0;
    detail::set(ec, secrets_randbits(&r, k));
    return r;
}
[[nodiscard]] inline std::uint64_t randbits(std::uint32_t k) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return randbits(k, ec); });
}

/** A uniform element of Python's range(start, stop, step); step may be negative. */
[[nodiscard]] inline std::int64_t randrange(std::int64_t start, std::int64_t stop, std::int64_t step,
                                            std::error_code &ec) noexcept {
    std::int64_t r = 0;
    detail::set(ec, secrets_randrange(&r, start, stop, step));
    return r;
}
[[nodiscard]] inline std::int64_t randrange(std::int64_t start, std::int64_t stop, std::int64_t step = 1) {
    return detail::or_throw(__func__,
                            [&](std::error_code &ec) { return randrange(start, stop, step, ec); });
}
[[nodiscard]] inline std::int64_t randrange(std::int64_t stop, std::error_code &ec) noexcept {
    return randrange(0, stop, 1, ec);
}
[[nodiscard]] inline std::int64_t randrange(std::int64_t stop) { return randrange(0, stop, 1); }

/**
 * One uniformly chosen element of a non-empty contiguous range (a vector,
 * array, string_view...). Elements of one byte go through secrets_choice,
 * which reads every element so the memory touched does not reveal the
 * choice; larger elements are read at a random index (uniform, but the
 * access pattern is not hidden). Empty: SECRETS_ERR_INVALID_ARGUMENT and a
 * value-initialised result.
 */
template <class Range>
[[nodiscard]] auto choice(const Range &items, std::error_code &ec) {
    static_assert(!detail::is_char_array<std::remove_cv_t<Range>>::value,
                  "choice of a char array would include its NUL: pass a std::string_view");
    using T = std::remove_cv_t<detail::element_t<const Range>>;
    const std::size_t n = std::size(items);
    if (n == 0) {
        detail::set(ec, SECRETS_ERR_INVALID_ARGUMENT);
        return T{};
    }
    if constexpr (detail::is_byte_like_v<T>) {
        std::uint8_t byte = 0;
        detail::set(ec, secrets_choice(&byte, static_cast<const std::uint8_t *>(
                                                  static_cast<const void *>(std::data(items))),
                                       n));
        T result;
        std::memcpy(&result, &byte, 1);
        return result;
    } else {
        const std::size_t i = randbelow(n, ec);
        return ec ? T{} : T(std::data(items)[i]);
    }
}
template <class Range>
[[nodiscard]] auto choice(const Range &items) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return choice(items, ec); });
}

/**
 * `k` distinct indices from [0, population) in random order: every
 * k-subset and every order equally likely.
 */
[[nodiscard]] inline secret_vector<std::size_t> sample(std::size_t k, std::size_t population,
                                                       std::error_code &ec) {
    if (k > population || k > detail::max_object / sizeof(std::size_t)) {
        detail::set(ec, SECRETS_ERR_INVALID_ARGUMENT);  // before allocating k
        return {};
    }
    secret_vector<std::size_t> out(k);
    if (!detail::set(ec, secrets_sample(out.data(), k, population))) out.clear();
    return out;
}
[[nodiscard]] inline secret_vector<std::size_t> sample(std::size_t k, std::size_t population) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return sample(k, population, ec); });
}

/**
 * Shuffles a contiguous range in place (a vector, array, span, C array):
 * every order equally likely. Trivially copyable elements are shuffled by
 * secrets_shuffle (on an entropy failure they are zeroed, as it does);
 * others are moved into the order of a random permutation from
 * secrets_sample, and left untouched on failure.
 */
template <class Range>
void shuffle(Range &&items, std::error_code &ec) {
    using T = std::remove_reference_t<decltype(*std::data(items))>;
    static_assert(!std::is_const_v<T>, "shuffle needs a mutable range");
    T *const first = std::data(items);
    const std::size_t n = std::size(items);
    if constexpr (std::is_trivially_copyable_v<T>) {
        detail::set(ec, secrets_shuffle(first, n, sizeof(T)));
    } else {
        secret_vector<std::size_t> order = sample(n, n, ec);  // new[i] = old[order[i]]
        if (ec) return;
        for (std::size_t i = 0; i < n; i++) {  // follow each cycle once
            if (order[i] == i) continue;
            T held = std::move(first[i]);
            std::size_t j = i;
            for (;;) {
                const std::size_t k = order[j];
                order[j] = j;
                if (k == i) {
                    first[j] = std::move(held);
                    break;
                }
                first[j] = std::move(first[k]);
                j = k;
            }
        }
    }
}
template <class Range>
void shuffle(Range &&items) {
    detail::or_throw(__func__, [&](std::error_code &ec) { shuffle(items, ec); });
}

/** A uniform double in [0, 1), a multiple of 2^-53. */
[[nodiscard]] inline double random_double(std::error_code &ec) noexcept {
    double r = 0;
    detail::set(ec, secrets_random_double(&r));
    return r;
}
[[nodiscard]] inline double random_double() {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return random_double(ec); });
}

/** a + (b - a) * random_double(), as Python's uniform(a, b); a and b finite. */
[[nodiscard]] inline double uniform(double a, double b, std::error_code &ec) noexcept {
    double r = 0;
    detail::set(ec, secrets_uniform(&r, a, b));
    return r;
}
[[nodiscard]] inline double uniform(double a, double b) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return uniform(a, b, ec); });
}

/** True iff a equals b, in time that depends on the lengths only. */
[[nodiscard]] inline bool compare_digest(byte_view a, byte_view b) noexcept {
    return secrets_compare_digest(a.data(), a.size(), b.data(), b.size());
}

// ===========================================================================
// Human-facing secrets
// ===========================================================================

namespace detail {
// length + 1 for the NUL, or 0 (invalid) for a length C refuses anyway.
inline std::size_t with_nul(std::size_t length, std::size_t most = max_object - 1) noexcept {
    return length <= most ? length + 1 : 0;
}
}  // namespace detail

/** `length` characters drawn uniformly from all strings the policy `flags` allows. */
[[nodiscard]] inline secret_string password(std::size_t length, std::uint32_t flags, std::error_code &ec) {
    return detail::text(ec, detail::with_nul(length), [&](char *out, std::size_t size) {
        return secrets_password(out, size, length, flags);
    });
}
[[nodiscard]] inline secret_string password(std::size_t length,
                                            std::uint32_t flags = SECRETS_PASSWORD_DEFAULT) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return password(length, flags, ec); });
}

/** `length` characters, each uniform over the distinct ASCII bytes of `alphabet`. */
[[nodiscard]] inline secret_string password_custom(std::size_t length, cstring_view alphabet,
                                                   std::error_code &ec) {
    if (!detail::text_ok(ec, SECRETS_ERR_INVALID_ARGUMENT, {alphabet})) return {};
    return detail::text(ec, detail::with_nul(length), [&](char *out, std::size_t size) {
        return secrets_password_custom(out, size, length, alphabet.c_str());
    });
}
[[nodiscard]] inline secret_string password_custom(std::size_t length, cstring_view alphabet) {
    return detail::or_throw(__func__,
                            [&](std::error_code &ec) { return password_custom(length, alphabet, ec); });
}

/** log2 of the number of passwords `password(length, flags)` can give; 0 for an invalid policy. */
[[nodiscard]] inline double password_entropy_bits(std::size_t length, std::uint32_t flags) noexcept {
    return secrets_password_entropy_bits(length, flags);
}

/** length * log2(alphabet_size); 0 when alphabet_size < 2. */
[[nodiscard]] inline double entropy_bits(std::size_t length, std::size_t alphabet_size) noexcept {
    return secrets_entropy_bits(length, alphabet_size);
}

/** `words` words of the built-in EFF list joined by `separator` (NULL: "-"). */
[[nodiscard]] inline secret_string passphrase(std::size_t words, cstring_view separator,
                                              std::error_code &ec) {
    if (!detail::text_ok(ec, SECRETS_ERR_INVALID_ARGUMENT, {separator})) return {};
    return detail::text(ec, secrets_passphrase_size(words, separator.c_str()),
                        [&](char *out, std::size_t size) {
                            return secrets_passphrase(out, size, words, separator.c_str());
                        });
}
[[nodiscard]] inline secret_string passphrase(std::size_t words, cstring_view separator = nullptr) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return passphrase(words, separator, ec); });
}

/**
 * `words` words, each uniform over `wordlist`: a contiguous range of
 * `const char *` (passed to C as it is), or a range of std::string or
 * secret_string (whose c_str()s are collected first; a word with a NUL
 * inside is SECRETS_ERR_INVALID_ARGUMENT). The list must have at least 2
 * distinct non-empty words; the buffer is sized for the longest.
 */
template <class Range>
[[nodiscard]] secret_string passphrase_custom(std::size_t words, const Range &wordlist,
                                              cstring_view separator, std::error_code &ec) {
    using T = std::remove_cv_t<detail::element_t<const Range>>;
    if (!detail::text_ok(ec, SECRETS_ERR_INVALID_ARGUMENT, {separator})) return {};
    const std::size_t n = std::size(wordlist);
    std::vector<const char *> collected;
    const char *const *list;
    if constexpr (std::is_same_v<T, const char *> || std::is_same_v<T, char *>) {
        list = std::data(wordlist);
    } else {
        collected.reserve(n);
        for (const auto &word : wordlist) {
            const cstring_view w(word);
            if (!detail::text_ok(ec, SECRETS_ERR_INVALID_ARGUMENT, {w})) return {};
            collected.push_back(w.c_str());
        }
        list = collected.data();
    }
#ifdef SECRETS_HPP_HAS_0_2
    const std::size_t size = secrets_passphrase_custom_size(words, list, n, separator.c_str());
#else
    // words * longest + (words - 1) * separator + NUL; a NULL word or an
    // empty list leaves it to the C function to say what is wrong.
    std::size_t longest = 0;
    for (std::size_t i = 0; list != nullptr && i < n; i++) {
        if (list[i] != nullptr) longest = std::max(longest, std::strlen(list[i]));
    }
    const std::size_t sep = separator.c_str() != nullptr ? std::strlen(separator.c_str()) : 1;
    const std::size_t size =
        words == 0 ? 0
                   : detail::add(detail::add(detail::mul(words, longest), detail::mul(words - 1, sep)), 1);
#endif
    return detail::text(ec, size, [&](char *out, std::size_t out_size) {
        return secrets_passphrase_custom(out, out_size, words, list, n, separator.c_str());
    });
}
template <class Range>
[[nodiscard]] secret_string passphrase_custom(std::size_t words, const Range &wordlist,
                                              cstring_view separator = nullptr) {
    return detail::or_throw(
        __func__, [&](std::error_code &ec) { return passphrase_custom(words, wordlist, separator, ec); });
}

/** `digits` (1..=64) uniform decimal digits, leading zeros kept. */
[[nodiscard]] inline secret_string otp_numeric(std::size_t digits, std::error_code &ec) {
    return detail::text(ec, detail::with_nul(digits, SECRETS_OTP_CODE_MAX_LEN),
                        [&](char *out, std::size_t size) { return secrets_otp_numeric(out, size, digits); });
}
[[nodiscard]] inline secret_string otp_numeric(std::size_t digits) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return otp_numeric(digits, ec); });
}

/** `length` (1..=64) characters of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ. */
[[nodiscard]] inline secret_string otp_alphanumeric(std::size_t length, std::error_code &ec) {
    return detail::text(ec, detail::with_nul(length, SECRETS_OTP_CODE_MAX_LEN),
                        [&](char *out, std::size_t size) {
                            return secrets_otp_alphanumeric(out, size, length);
                        });
}
[[nodiscard]] inline secret_string otp_alphanumeric(std::size_t length) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return otp_alphanumeric(length, ec); });
}

/** "<prefix>_<2*nbytes hex>", or bare hex when prefix is NULL or "". */
[[nodiscard]] inline secret_string api_key(cstring_view prefix, std::size_t nbytes, std::error_code &ec) {
    if (!detail::text_ok(ec, SECRETS_ERR_INVALID_ARGUMENT, {prefix})) return {};
    return detail::text(ec, secrets_api_key_size(prefix.c_str(), nbytes), [&](char *out, std::size_t size) {
        return secrets_api_key(out, size, prefix.c_str(), nbytes);
    });
}
[[nodiscard]] inline secret_string api_key(cstring_view prefix = nullptr,
                                           std::size_t nbytes = SECRETS_DEFAULT_ENTROPY) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return api_key(prefix, nbytes, ec); });
}

/** A key in GitHub's token shape, "<prefix>_" + 30 random + 6 checksum characters. */
[[nodiscard]] inline secret_string api_key_checksummed(cstring_view prefix, std::error_code &ec) {
    if (!detail::text_ok(ec, SECRETS_ERR_INVALID_ARGUMENT, {prefix})) return {};
    return detail::text(ec, secrets_api_key_checksummed_size(prefix.c_str()),
                        [&](char *out, std::size_t size) {
                            return secrets_api_key_checksummed(out, size, prefix.c_str());
                        });
}
[[nodiscard]] inline secret_string api_key_checksummed(cstring_view prefix) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return api_key_checksummed(prefix, ec); });
}

/**
 * Whether `key` has a checksummed key's shape and a correct checksum
 * (catches typos; does not show the key was issued). false with ec =
 * SECRETS_ERR_MALFORMED otherwise.
 */
[[nodiscard]] inline bool api_key_check(cstring_view key, std::error_code &ec) noexcept {
    return detail::text_ok(ec, SECRETS_ERR_MALFORMED, {key}) &&
           detail::set(ec, secrets_api_key_check(key.c_str()));
}
[[nodiscard]] inline bool api_key_check(cstring_view key) {
    return detail::verdict_or_throw(__func__, [&](std::error_code &ec) { return api_key_check(key, ec); });
}

#ifdef SECRETS_HPP_HAS_0_2
/** As api_key_check, and the prefix must be `prefix` (else SECRETS_ERR_MISMATCH). */
[[nodiscard]] inline bool api_key_check_prefix(cstring_view key, cstring_view prefix,
                                               std::error_code &ec) noexcept {
    return detail::text_ok(ec, SECRETS_ERR_MALFORMED, {key}) &&
           detail::text_ok(ec, SECRETS_ERR_INVALID_ARGUMENT, {prefix}) &&
           detail::set(ec, secrets_api_key_check_prefix(key.c_str(), prefix.c_str()));
}
[[nodiscard]] inline bool api_key_check_prefix(cstring_view key, cstring_view prefix) {
    return detail::verdict_or_throw(
        __func__, [&](std::error_code &ec) { return api_key_check_prefix(key, prefix, ec); });
}
#endif

/** A random RFC 9562 version 4 UUID, 36 lowercase characters. */
[[nodiscard]] inline secret_string uuid4(std::error_code &ec) {
    return detail::text(ec, SECRETS_UUID_SIZE,
                        [&](char *out, std::size_t size) { return secrets_uuid4(out, size); });
}
[[nodiscard]] inline secret_string uuid4() {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return uuid4(ec); });
}

// ===========================================================================
// Authentication codes and tokens
// ===========================================================================

/** The 32-byte HMAC-SHA256 of `msg` under `key`. */
[[nodiscard]] inline secret_buffer hmac_sha256(byte_view key, byte_view msg, std::error_code &ec) {
    return detail::bytes(ec, SECRETS_HMAC_SHA256_BYTES, [&](std::uint8_t *out, std::size_t) {
        return secrets_hmac_sha256(out, key.c_ptr(), key.size(), msg.c_ptr(), msg.size());
    });
}
[[nodiscard]] inline secret_buffer hmac_sha256(byte_view key, byte_view msg) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return hmac_sha256(key, msg, ec); });
}

/** The HMAC-SHA256 of `msg` under `key` as 64 lowercase hex characters. */
[[nodiscard]] inline secret_string hmac_sha256_hex(byte_view key, byte_view msg, std::error_code &ec) {
    return detail::text(ec, SECRETS_HMAC_SHA256_HEX_SIZE, [&](char *out, std::size_t size) {
        return secrets_hmac_sha256_hex(out, size, key.c_ptr(), key.size(), msg.c_ptr(), msg.size());
    });
}
[[nodiscard]] inline secret_string hmac_sha256_hex(byte_view key, byte_view msg) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return hmac_sha256_hex(key, msg, ec); });
}

/** Whether `tag` (all 32 bytes) is the HMAC-SHA256 of `msg` under `key`; constant time. */
[[nodiscard]] inline bool hmac_sha256_verify(byte_view tag, byte_view key, byte_view msg,
                                             std::error_code &ec) noexcept {
    return detail::set(ec, secrets_hmac_sha256_verify(tag.c_ptr(), tag.size(), key.c_ptr(), key.size(),
                                                      msg.c_ptr(), msg.size()));
}
[[nodiscard]] inline bool hmac_sha256_verify(byte_view tag, byte_view key, byte_view msg) {
    return detail::verdict_or_throw(
        __func__, [&](std::error_code &ec) { return hmac_sha256_verify(tag, key, msg, ec); });
}

/**
 * A stateless CSRF token (76 characters) signed with `key` (16 bytes or
 * more), bound to `session_id`, or unbound when it is NULL.
 */
[[nodiscard]] inline secret_string csrf_token(byte_view key, cstring_view session_id, std::uint64_t now_unix,
                                              std::error_code &ec) {
    if (!detail::text_ok(ec, SECRETS_ERR_INVALID_ARGUMENT, {session_id})) return {};
    return detail::text(ec, SECRETS_CSRF_TOKEN_SIZE, [&](char *out, std::size_t size) {
        return secrets_csrf_token(out, size, key.c_ptr(), key.size(), session_id.c_str(), now_unix);
    });
}
[[nodiscard]] inline secret_string csrf_token(byte_view key, cstring_view session_id = nullptr,
                                              std::uint64_t now_unix = unix_now()) {
    return detail::or_throw(__func__,
                            [&](std::error_code &ec) { return csrf_token(key, session_id, now_unix, ec); });
}

/**
 * Whether `token` is authentic for `key` and `session_id` and at most
 * `max_age_secs` old at `now_unix`. false with ec = SECRETS_ERR_MISMATCH,
 * SECRETS_ERR_EXPIRED or SECRETS_ERR_MALFORMED otherwise.
 */
[[nodiscard]] inline bool csrf_verify(cstring_view token, byte_view key, cstring_view session_id,
                                      std::uint64_t now_unix, std::uint64_t max_age_secs,
                                      std::error_code &ec) noexcept {
    return detail::text_ok(ec, SECRETS_ERR_MALFORMED, {token}) &&
           detail::text_ok(ec, SECRETS_ERR_MISMATCH, {session_id}) &&  // no token binds it
           detail::set(ec, secrets_csrf_verify(token.c_str(), key.c_ptr(), key.size(), session_id.c_str(),
                                               now_unix, max_age_secs));
}
[[nodiscard]] inline bool csrf_verify(cstring_view token, byte_view key, cstring_view session_id,
                                      std::uint64_t now_unix, std::uint64_t max_age_secs) {
    return detail::verdict_or_throw(__func__, [&](std::error_code &ec) {
        return csrf_verify(token, key, session_id, now_unix, max_age_secs, ec);
    });
}

/** The RFC 4226 HOTP code (6..=10 digits) for `counter`. */
[[nodiscard]] inline secret_string hotp(byte_view key, std::uint64_t counter, std::uint32_t digits,
                                        std::uint32_t algorithm, std::error_code &ec) {
    return detail::text(ec, SECRETS_HOTP_CODE_SIZE, [&](char *out, std::size_t size) {
        return secrets_hotp(out, size, key.c_ptr(), key.size(), counter, digits, algorithm);
    });
}
[[nodiscard]] inline secret_string hotp(byte_view key, std::uint64_t counter, std::uint32_t digits = 6,
                                        std::uint32_t algorithm = SECRETS_OTP_SHA1) {
    return detail::or_throw(__func__,
                            [&](std::error_code &ec) { return hotp(key, counter, digits, algorithm, ec); });
}

/** The RFC 6238 TOTP code at `unix_time` (default: now). */
[[nodiscard]] inline secret_string totp(byte_view key, std::uint64_t unix_time, std::uint32_t period,
                                        std::uint32_t digits, std::uint32_t algorithm, std::error_code &ec) {
    return detail::text(ec, SECRETS_HOTP_CODE_SIZE, [&](char *out, std::size_t size) {
        return secrets_totp(out, size, key.c_ptr(), key.size(), unix_time, period, digits, algorithm);
    });
}
[[nodiscard]] inline secret_string totp(byte_view key, std::uint64_t unix_time = unix_now(),
                                        std::uint32_t period = 30, std::uint32_t digits = 6,
                                        std::uint32_t algorithm = SECRETS_OTP_SHA1) {
    return detail::or_throw(__func__, [&](std::error_code &ec) {
        return totp(key, unix_time, period, digits, algorithm, ec);
    });
}

/**
 * Checks a TOTP code within ±`window` steps (0..=10) of `unix_time`'s
 * step. The matched step (HOTP counter) on success: store it and refuse
 * any later code whose step is not greater. std::nullopt when no step
 * matches (ec = SECRETS_ERR_MISMATCH) or the code is not `digits` digits
 * (SECRETS_ERR_MALFORMED).
 */
[[nodiscard]] inline std::optional<std::uint64_t> totp_verify(cstring_view code, byte_view key,
                                                              std::uint64_t unix_time, std::uint32_t period,
                                                              std::uint32_t digits, std::uint32_t algorithm,
                                                              std::uint32_t window,
                                                              std::error_code &ec) noexcept {
    std::uint64_t matched = 0;
    if (detail::text_ok(ec, SECRETS_ERR_MALFORMED, {code}) &&
        detail::set(ec, secrets_totp_verify(&matched, code.c_str(), key.c_ptr(), key.size(), unix_time,
                                            period, digits, algorithm, window)))
        return matched;
    return std::nullopt;
}
[[nodiscard]] inline std::optional<std::uint64_t> totp_verify(cstring_view code, byte_view key,
                                                              std::uint64_t unix_time = unix_now(),
                                                              std::uint32_t period = 30,
                                                              std::uint32_t digits = 6,
                                                              std::uint32_t algorithm = SECRETS_OTP_SHA1,
                                                              std::uint32_t window = 1) {
    return detail::verdict_or_throw(__func__, [&](std::error_code &ec) {
        return totp_verify(code, key, unix_time, period, digits, algorithm, window, ec);
    });
}

#ifdef SECRETS_HPP_HAS_0_2
/**
 * Checks an HOTP code against counters counter..counter+look_ahead. The
 * matched counter on success: store matched + 1 as the next counter.
 * std::nullopt on SECRETS_ERR_MISMATCH or SECRETS_ERR_MALFORMED.
 */
[[nodiscard]] inline std::optional<std::uint64_t> hotp_verify(cstring_view code, byte_view key,
                                                              std::uint64_t counter, std::uint32_t look_ahead,
                                                              std::uint32_t digits, std::uint32_t algorithm,
                                                              std::error_code &ec) noexcept {
    std::uint64_t matched = 0;
    if (detail::text_ok(ec, SECRETS_ERR_MALFORMED, {code}) &&
        detail::set(ec, secrets_hotp_verify(&matched, code.c_str(), key.c_ptr(), key.size(), counter,
                                            look_ahead, digits, algorithm)))
        return matched;
    return std::nullopt;
}
[[nodiscard]] inline std::optional<std::uint64_t> hotp_verify(cstring_view code, byte_view key,
                                                              std::uint64_t counter,
                                                              std::uint32_t look_ahead = 0,
                                                              std::uint32_t digits = 6,
                                                              std::uint32_t algorithm = SECRETS_OTP_SHA1) {
    return detail::verdict_or_throw(__func__, [&](std::error_code &ec) {
        return hotp_verify(code, key, counter, look_ahead, digits, algorithm, ec);
    });
}
#endif

/** `bytes` as RFC 4648 base32 without padding, encoded in constant time. */
[[nodiscard]] inline secret_string base32_encode(byte_view bytes, std::error_code &ec) {
    return detail::text(ec, secrets_base32_encode_size(bytes.size()), [&](char *out, std::size_t size) {
        return secrets_base32_encode(out, size, bytes.c_ptr(), bytes.size());
    });
}
[[nodiscard]] inline secret_string base32_encode(byte_view bytes) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return base32_encode(bytes, ec); });
}

/** The bytes of base32 `text` (case, padding and separators as secrets_base32_decode takes them). */
[[nodiscard]] inline secret_buffer base32_decode(cstring_view text, std::error_code &ec) {
    if (!detail::text_ok(ec, SECRETS_ERR_MALFORMED, {text})) return {};
    const std::size_t len = text.c_str() != nullptr ? std::strlen(text.c_str()) : 0;
    std::size_t written = 0;
    secret_buffer out = detail::bytes(ec, secrets_base32_decode_size(len), [&](std::uint8_t *p, std::size_t size) {
        return secrets_base32_decode(p, size, &written, text.c_str());
    });
    out.truncate(written);
    return out;
}
[[nodiscard]] inline secret_buffer base32_decode(cstring_view text) {
    return detail::or_throw(__func__, [&](std::error_code &ec) { return base32_decode(text, ec); });
}

/**
 * The otpauth://totp/ URI an authenticator app reads from a QR code. It
 * contains the key: keep it in the secret_string. `issuer` may be NULL.
 */
[[nodiscard]] inline secret_string otpauth_uri(cstring_view issuer, cstring_view account, byte_view key,
                                               std::uint32_t period, std::uint32_t digits,
                                               std::uint32_t algorithm, std::error_code &ec) {
    if (!detail::text_ok(ec, SECRETS_ERR_INVALID_ARGUMENT, {issuer, account})) return {};
#ifdef SECRETS_HPP_HAS_0_2
    const std::size_t size = secrets_otpauth_uri_size(issuer.c_str(), account.c_str(), key.size());
#else
    // Every byte of issuer (twice) and account percent-encoded (3 bytes),
    // the base32 key, and the longest parameters: algorithm=SHA512,
    // digits=10, a 10-digit period.
    constexpr std::size_t fixed = sizeof("otpauth://totp/:?secret=&issuer=&algorithm=SHA512&digits=10&period=") +
                                  std::numeric_limits<std::uint32_t>::digits10 + 1;
    const std::size_t i = issuer.c_str() != nullptr ? std::strlen(issuer.c_str()) : 0;
    const std::size_t a = account.c_str() != nullptr ? std::strlen(account.c_str()) : 0;
    const std::size_t b32 = secrets_base32_encode_size(key.size());
    const std::size_t size = b32 == 0 ? detail::too_large
                                      : detail::add(detail::add(detail::mul(i, 6), detail::mul(a, 3)),
                                                    detail::add(b32, fixed));
#endif
    return detail::text(ec, size, [&](char *out, std::size_t out_size) {
        return secrets_otpauth_uri(out, out_size, issuer.c_str(), account.c_str(), key.c_ptr(), key.size(),
                                   period, digits, algorithm);
    });
}
[[nodiscard]] inline secret_string otpauth_uri(cstring_view issuer, cstring_view account, byte_view key,
                                               std::uint32_t period = 30, std::uint32_t digits = 6,
                                               std::uint32_t algorithm = SECRETS_OTP_SHA1) {
    return detail::or_throw(__func__, [&](std::error_code &ec) {
        return otpauth_uri(issuer, account, key, period, digits, algorithm, ec);
    });
}

#ifdef SECRETS_HPP_HAS_0_2
/** The otpauth://hotp/ URI for an HOTP key starting at `counter`. */
[[nodiscard]] inline secret_string otpauth_uri_hotp(cstring_view issuer, cstring_view account, byte_view key,
                                                    std::uint64_t counter, std::uint32_t digits,
                                                    std::uint32_t algorithm, std::error_code &ec) {
    if (!detail::text_ok(ec, SECRETS_ERR_INVALID_ARGUMENT, {issuer, account})) return {};
    return detail::text(ec, secrets_otpauth_uri_size(issuer.c_str(), account.c_str(), key.size()),
                        [&](char *out, std::size_t size) {
                            return secrets_otpauth_uri_hotp(out, size, issuer.c_str(), account.c_str(),
                                                            key.c_ptr(), key.size(), counter, digits,
                                                            algorithm);
                        });
}
[[nodiscard]] inline secret_string otpauth_uri_hotp(cstring_view issuer, cstring_view account, byte_view key,
                                                    std::uint64_t counter = 0, std::uint32_t digits = 6,
                                                    std::uint32_t algorithm = SECRETS_OTP_SHA1) {
    return detail::or_throw(__func__, [&](std::error_code &ec) {
        return otpauth_uri_hotp(issuer, account, key, counter, digits, algorithm, ec);
    });
}
#endif

}  // namespace secrets

#endif /* SECRETS_HPP */
