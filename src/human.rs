//! Human-facing secrets: passwords, passphrases, one-time codes, API keys
//! and UUIDs.

use crate::boundary::{
    SCRUB_PASSWORD_BYTES, Span, in_array, in_cstr, in_optional_cstr, scrubbed, scrubbed_value,
    status_of, text_out, text_size,
};
use crate::os_entropy::OsEntropy;
use crate::status::secrets_status;
use core::ffi::c_char;
use secrets_core::alphabet::{self, Alphabet};
use secrets_core::passphrase::{self, DEFAULT_SEPARATOR, EffLarge, WordList};
use secrets_core::password::{self, Policy};
use secrets_core::{apikey, otp_code, uuid, wordlist};

// The `_u32` suffixes make cbindgen write unsigned literals (`1u`).

/// Password class: lowercase letters `a-z` (26).
pub const SECRETS_LOWER: u32 = 0x01_u32;
/// Password class: uppercase letters `A-Z` (26).
pub const SECRETS_UPPER: u32 = 0x02_u32;
/// Password class: digits `0-9` (10).
pub const SECRETS_DIGITS: u32 = 0x04_u32;
/// Password class: the 32 ASCII punctuation characters:
///
/// ```text
/// !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~
/// ```
pub const SECRETS_SYMBOLS: u32 = 0x08_u32;
/// Password class, instead of `SECRETS_SYMBOLS` (not with it): the 12
/// shell- and URL-friendlier symbols
///
/// ```text
/// !@#$%^&*-_+.
/// ```
pub const SECRETS_SAFE_SYMBOLS: u32 = 0x10_u32;
/// Modifier: drop the 10 look-alike characters
///
/// ```text
/// 0 O o 1 I l | ' " `
/// ```
///
/// (zero, capital o, small o, one, capital i, small L, vertical bar,
/// apostrophe, double quote, backtick). Class sizes become: lower 24,
/// upper 24, digits 8, symbols 28, safe symbols 12.
pub const SECRETS_NO_AMBIGUOUS: u32 = 0x20_u32;
/// Modifier: at least one character of every chosen class. The password is
/// still uniform over all strings that satisfy this (whole-password redraw).
pub const SECRETS_EACH_CLASS: u32 = 0x40_u32;
/// Lowercase, uppercase, digits and symbols, at least one of each (94
/// characters; a 16-character password carries about 104.6 bits).
pub const SECRETS_PASSWORD_DEFAULT: u32 =
    SECRETS_LOWER | SECRETS_UPPER | SECRETS_DIGITS | SECRETS_SYMBOLS | SECRETS_EACH_CLASS;

const _: () = {
    assert!(SECRETS_LOWER == password::LOWER);
    assert!(SECRETS_UPPER == password::UPPER);
    assert!(SECRETS_DIGITS == password::DIGITS);
    assert!(SECRETS_SYMBOLS == password::SYMBOLS);
    assert!(SECRETS_SAFE_SYMBOLS == password::SAFE_SYMBOLS);
    assert!(SECRETS_NO_AMBIGUOUS == password::NO_AMBIGUOUS);
    assert!(SECRETS_EACH_CLASS == password::EACH_CLASS);
    assert!(SECRETS_PASSWORD_DEFAULT == password::DEFAULT);
};

/// Buffer size for `secrets_uuid4`: 36 characters and the NUL.
pub const SECRETS_UUID_SIZE: usize = 37;
/// Number of words in the built-in passphrase list (the EFF large
/// wordlist): each word carries log2(7776) ≈ 12.925 bits, so
/// `secrets_entropy_bits(words, SECRETS_EFF_WORDLIST_LEN)` is a
/// passphrase's entropy.
pub const SECRETS_EFF_WORDLIST_LEN: usize = 7776;
/// Longest API key prefix, in bytes.
pub const SECRETS_API_KEY_PREFIX_MAX: usize = 32;
/// Largest buffer `secrets_api_key_checksummed` can need: a 32-byte prefix,
/// `_`, 30 random and 6 checksum characters, and the NUL.
pub const SECRETS_API_KEY_CHECKSUMMED_MAX_SIZE: usize = 70;
/// Longest numeric or alphanumeric one-time code, in characters.
pub const SECRETS_OTP_CODE_MAX_LEN: usize = 64;

const _: () = {
    assert!(SECRETS_UUID_SIZE == uuid::TEXT_LEN + 1);
    assert!(SECRETS_EFF_WORDLIST_LEN == wordlist::EFF_LARGE_LEN);
    assert!(SECRETS_API_KEY_PREFIX_MAX == apikey::MAX_PREFIX);
    assert!(SECRETS_API_KEY_CHECKSUMMED_MAX_SIZE == apikey::MAX_PREFIX + 1 + 36 + 1);
    assert!(SECRETS_OTP_CODE_MAX_LEN == otp_code::MAX_DIGITS);
    assert!(SECRETS_OTP_CODE_MAX_LEN == otp_code::MAX_ALPHANUMERIC);
};

/// Writes a random password of `length` characters and a NUL
/// (`out_size` ≥ `length + 1`), drawn uniformly from **all** strings of
/// that length the policy `flags` allows.
///
/// `flags` is one or more classes — `SECRETS_LOWER` (a-z), `SECRETS_UPPER`
/// (A-Z), `SECRETS_DIGITS` (0-9), `SECRETS_SYMBOLS` (the 32 ASCII
/// punctuation characters) or `SECRETS_SAFE_SYMBOLS` (`!@#$%^&*-_+.`) —
/// plus optional modifiers `SECRETS_NO_AMBIGUOUS` (removes
/// `0 O o 1 I l | ' " `` ` ``) and `SECRETS_EACH_CLASS` (at least one
/// character of every chosen class; the password is redrawn whole until
/// this holds, so it stays uniform over the valid strings).
/// `SECRETS_PASSWORD_DEFAULT` is a good choice; 16 characters of it carry
/// about 104.6 bits (see `secrets_password_entropy_bits`).
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` NULL);
/// `SECRETS_ERR_INVALID_ARGUMENT` (no class, an unknown flag bit,
/// `SECRETS_SYMBOLS` with `SECRETS_SAFE_SYMBOLS`, `length` 0 or ≥
/// PTRDIFF_MAX, or under `SECRETS_EACH_CLASS` a `length` below the number
/// of classes);
/// `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_ENTROPY`. On every error a
/// non-NULL `out` is zeroed over `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_password(
    out: *mut c_char,
    out_size: usize,
    length: usize,
    flags: u32,
) -> secrets_status {
    scrubbed_value::<SCRUB_PASSWORD_BYTES, _>(|| unsafe {
        text_out(out, out_size, [], |buf| {
            Policy::from_flags(flags)?.generate(&mut OsEntropy, buf, length)
        })
    })
}

/// Writes a random password of `length` characters, each drawn uniformly
/// and independently from the bytes of the NUL-terminated `alphabet`, and
/// a NUL (`out_size` ≥ `length + 1`). Its entropy is
/// `secrets_entropy_bits(length, strlen(alphabet))`.
///
/// `alphabet` is a set of bytes: 2 to 127 distinct ASCII bytes (0x01-0x7F).
/// Bytes ≥ 0x80 are refused, so the output is always ASCII and a multi-byte
/// UTF-8 character can never be split.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` or `alphabet` NULL);
/// `SECRETS_ERR_INVALID_ARGUMENT` (`length` 0 or ≥ PTRDIFF_MAX; `alphabet`
/// shorter than 2,
/// with a repeated byte or a byte ≥ 0x80); `SECRETS_ERR_BUFFER_TOO_SMALL`;
/// `SECRETS_ERR_ENTROPY`. On every error a non-NULL `out` is zeroed over
/// `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_password_custom(
    out: *mut c_char,
    out_size: usize,
    length: usize,
    alphabet: *const c_char,
) -> secrets_status {
    unsafe {
        let alphabet = in_cstr(alphabet);
        text_out(out, out_size, [Span::text(&alphabet)], |buf| {
            let alphabet = Alphabet::new(alphabet?)?;
            let policy = Policy::from_alphabet(alphabet);
            Ok::<_, secrets_status>(policy.generate(&mut OsEntropy, buf, length)?)
        })
    }
}

/// The entropy of `secrets_password(.., length, flags)` in bits: log2 of
/// the number of possible passwords, exact under `SECRETS_EACH_CLASS`
/// (inclusion–exclusion over the classes), `length * log2(alphabet size)`
/// without it. 0 for an invalid policy or length (those
/// `secrets_password` refuses). Finite for every `length`, `SIZE_MAX`
/// included.
#[unsafe(no_mangle)]
pub extern "C" fn secrets_password_entropy_bits(length: usize, flags: u32) -> f64 {
    Policy::from_flags(flags).map_or(0.0, |policy| policy.entropy_bits(length))
}

/// Writes a passphrase of `words` words from the built-in EFF large
/// wordlist (7776 words, ≈12.925 bits a word: 6 words ≈ 77.5 bits), each
/// drawn uniformly and independently, joined by `separator`, and a NUL.
/// The words are lowercase ASCII letters (four contain a hyphen:
/// drop-down, felt-tip, t-shirt, yo-yo).
///
/// `separator` NULL means `"-"`; any NUL-terminated string, even `""`, is
/// allowed. `out_size` must be at least `secrets_passphrase_size(words,
/// separator)`, the size of the *longest* possible passphrase, so whether
/// the buffer suffices never depends on the words drawn.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` NULL);
/// `SECRETS_ERR_INVALID_ARGUMENT` (`words` 0, or the size overflows);
/// `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_ENTROPY`. On every error a
/// non-NULL `out` is zeroed over `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_passphrase(
    out: *mut c_char,
    out_size: usize,
    words: usize,
    separator: *const c_char,
) -> secrets_status {
    unsafe {
        let separator = in_optional_cstr(separator);
        text_out(out, out_size, [Span::text(&separator)], |buf| {
            let separator = separator.unwrap_or(DEFAULT_SEPARATOR);
            passphrase::generate(&mut OsEntropy, buf, words, &EffLarge, separator)
        })
    }
}

/// The `out_size` `secrets_passphrase(.., words, separator)` needs: the
/// longest passphrase (9 bytes a word, the longest word of the list, plus
/// the separators) and its NUL. `separator` NULL means `"-"`. 0 when
/// `words` is 0 or the size overflows.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_passphrase_size(words: usize, separator: *const c_char) -> usize {
    let separator = unsafe { in_optional_cstr(separator) }.unwrap_or(DEFAULT_SEPARATOR);
    text_size(passphrase::longest_len(&EffLarge, words, separator.len()))
}

/// The caller's wordlist: an array of non-NULL C strings.
struct CWordList<'a>(&'a [*const c_char]);

impl<'a> CWordList<'a> {
    /// `SECRETS_ERR_NULL_POINTER` if any entry is NULL.
    fn new(entries: &'a [*const c_char]) -> crate::status::Result<Self> {
        if entries.iter().any(|p| p.is_null()) {
            return Err(secrets_status::SECRETS_ERR_NULL_POINTER);
        }
        Ok(CWordList(entries))
    }
}

impl WordList for CWordList<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn word(&self, index: usize) -> &[u8] {
        // Entries were checked non-NULL; the caller promises NUL-terminated
        // strings that stay valid and unchanged during the call.
        let entry = self.0.get(index).copied().unwrap_or(core::ptr::null());
        unsafe { in_optional_cstr(entry) }.unwrap_or_default()
    }
}

/// Like `secrets_passphrase`, with the caller's list: `wordlist` points to
/// `wordlist_len` NUL-terminated words, of which each output word is a
/// uniform independent choice. Entropy: `secrets_entropy_bits(words,
/// wordlist_len)`.
///
/// The list must have at least 2 words, none empty, all distinct (bytewise).
/// Distinctness is checked on every call without heap: a 16 KiB Bloom
/// filter on the stack flags possible repeats, and only those are compared
/// with every earlier word (about a millisecond for a 7776-word list; lists
/// far above ~10 000 words approach `wordlist_len²/2` comparisons, so
/// validate very large lists once and keep them small). Each output word is then selected
/// by reading the whole list (so the memory touched does not reveal it).
/// `out_size` must hold the longest
/// possible passphrase: `words * longest word + (words - 1) *
/// strlen(separator) + 1`, which `secrets_passphrase_custom_size` computes.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` NULL; `wordlist` NULL with
/// `wordlist_len` > 0; any of the `wordlist_len` entries NULL);
/// `SECRETS_ERR_INVALID_ARGUMENT` (`words` 0; fewer than 2 words; an empty
/// or repeated word; the size overflows); `SECRETS_ERR_BUFFER_TOO_SMALL`;
/// `SECRETS_ERR_ENTROPY`. On every error a non-NULL `out` is zeroed over
/// `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_passphrase_custom(
    out: *mut c_char,
    out_size: usize,
    words: usize,
    wordlist: *const *const c_char,
    wordlist_len: usize,
    separator: *const c_char,
) -> secrets_status {
    unsafe {
        let entries = in_array(wordlist, wordlist_len);
        let separator = in_optional_cstr(separator);
        // The pointer array, every word (an entry read before it is
        // checked: NULL ones occupy nothing) and the separator.
        let entries_span = match entries {
            Ok(list) => Span::raw(list.as_ptr(), list.len()),
            Err(_) => Span::raw::<u8>(core::ptr::null(), 0),
        };
        let words_spans = entries
            .iter()
            .flat_map(|list| list.iter())
            .map(|&w| Span::text(&in_optional_cstr(w)));
        let inputs = [entries_span, Span::text(&separator)]
            .into_iter()
            .chain(words_spans);
        text_out(out, out_size, inputs, |buf| {
            let list = CWordList::new(entries?)?;
            let separator = separator.unwrap_or(DEFAULT_SEPARATOR);
            let phrase = passphrase::generate_custom(&mut OsEntropy, buf, words, &list, separator);
            Ok::<_, secrets_status>(phrase?)
        })
    }
}

/// The `out_size` `secrets_passphrase_custom(.., words, wordlist,
/// wordlist_len, separator)` needs: the longest passphrase (`words` times
/// the list's longest word, plus the separators) and its NUL. `separator`
/// NULL means `"-"`. 0 when the call would be refused for these arguments
/// (`words` 0; `wordlist` NULL or misaligned; any entry NULL; fewer than 2
/// words; an empty or repeated word) or the size overflows. It validates
/// the list as `secrets_passphrase_custom` does, at the same cost.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_passphrase_custom_size(
    words: usize,
    wordlist: *const *const c_char,
    wordlist_len: usize,
    separator: *const c_char,
) -> usize {
    let separator = unsafe { in_optional_cstr(separator) }.unwrap_or(DEFAULT_SEPARATOR);
    let list = unsafe { in_array(wordlist, wordlist_len) }.and_then(CWordList::new);
    match list {
        Ok(list) if passphrase::validate(&list).is_ok() => {
            text_size(passphrase::longest_len(&list, words, separator.len()))
        }
        _ => 0,
    }
}

/// Writes a numeric one-time code of `digits` decimal digits and a NUL
/// (`out_size` ≥ `digits + 1`): uniform over all 10^digits values, leading
/// zeros kept ("004271"). 6 digits carry 19.9 bits: rate-limit guesses.
///
/// Errors: `SECRETS_ERR_NULL_POINTER`; `SECRETS_ERR_INVALID_ARGUMENT`
/// (`digits` 0 or above 64, `SECRETS_OTP_CODE_MAX_LEN`);
/// `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_ENTROPY`. On every error a
/// non-NULL `out` is zeroed over `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_otp_numeric(
    out: *mut c_char,
    out_size: usize,
    digits: usize,
) -> secrets_status {
    unsafe {
        text_out(out, out_size, [], |buf| {
            otp_code::numeric(&mut OsEntropy, buf, digits)
        })
    }
}

/// Writes an alphanumeric one-time code of `length` characters and a NUL
/// (`out_size` ≥ `length + 1`), each uniform over the 32 characters
/// `23456789ABCDEFGHJKLMNPQRSTUVWXYZ` (no 0 O 1 I): 5 bits a character,
/// 8 characters = 40 bits.
///
/// Errors: `SECRETS_ERR_NULL_POINTER`; `SECRETS_ERR_INVALID_ARGUMENT`
/// (`length` 0 or above 64, `SECRETS_OTP_CODE_MAX_LEN`);
/// `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_ENTROPY`. On every error a
/// non-NULL `out` is zeroed over `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_otp_alphanumeric(
    out: *mut c_char,
    out_size: usize,
    length: usize,
) -> secrets_status {
    unsafe {
        text_out(out, out_size, [], |buf| {
            otp_code::alphanumeric(&mut OsEntropy, buf, length)
        })
    }
}

/// Writes an API key `<prefix>_<2*nbytes lowercase hex>` and a NUL; with
/// `prefix` NULL or `""` just the hex. It carries `8 * nbytes` bits
/// (`SECRETS_DEFAULT_ENTROPY`, 32, is a good `nbytes`). `out_size` must be
/// at least `secrets_api_key_size(prefix, nbytes)`.
///
/// `prefix` is at most 32 (`SECRETS_API_KEY_PREFIX_MAX`) characters of
/// `[A-Za-z0-9_]`.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` NULL);
/// `SECRETS_ERR_INVALID_ARGUMENT` (a bad prefix, `nbytes` 0, the size
/// overflows); `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_ENTROPY`. On
/// every error a non-NULL `out` is zeroed over `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_api_key(
    out: *mut c_char,
    out_size: usize,
    prefix: *const c_char,
    nbytes: usize,
) -> secrets_status {
    unsafe {
        let prefix = in_optional_cstr(prefix);
        text_out(out, out_size, [Span::text(&prefix)], |buf| {
            let prefix = prefix.unwrap_or_default();
            apikey::plain(&mut OsEntropy, buf, prefix, nbytes)
        })
    }
}

/// The `out_size` `secrets_api_key(.., prefix, nbytes)` needs:
/// `strlen(prefix) + 1 + 2 * nbytes + 1` (`2 * nbytes + 1` without a
/// prefix). 0 for a bad prefix, `nbytes` 0 or an overflow.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_api_key_size(prefix: *const c_char, nbytes: usize) -> usize {
    let prefix = unsafe { in_optional_cstr(prefix) }.unwrap_or_default();
    text_size(apikey::plain_len(prefix, nbytes))
}

/// Writes a checksummed API key and a NUL in GitHub's token scheme:
/// `<prefix>_`, 30 uniform base62 characters (`0-9A-Za-z`, 178.6 bits),
/// then 6 base62 digits of the CRC-32 (as zlib's `crc32()`) of those 30
/// characters only, most significant digit first, zero-padded. Secret
/// scanners recognise the shape, GitHub-format verifiers accept the keys,
/// and `secrets_api_key_check` verifies them offline. (Keys made by
/// version 0.1, whose CRC also covered the prefix and `_`, do not check.) The
/// key is `strlen(prefix) + 37` characters; `out_size` must be at least
/// `secrets_api_key_checksummed_size(prefix)` (at most
/// `SECRETS_API_KEY_CHECKSUMMED_MAX_SIZE`).
///
/// The prefix is required (it is what scanners match): 1 to 32 characters
/// of `[A-Za-z0-9_]`, e.g. `"myapp"`.
///
/// Errors: `SECRETS_ERR_NULL_POINTER` (`out` or `prefix` NULL);
/// `SECRETS_ERR_INVALID_ARGUMENT` (`prefix` empty, too long or with another
/// character); `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_ENTROPY`. On
/// every error a non-NULL `out` is zeroed over `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_api_key_checksummed(
    out: *mut c_char,
    out_size: usize,
    prefix: *const c_char,
) -> secrets_status {
    unsafe {
        let prefix = in_cstr(prefix);
        text_out(out, out_size, [Span::text(&prefix)], |buf| {
            Ok::<_, secrets_status>(apikey::checksummed(&mut OsEntropy, buf, prefix?)?)
        })
    }
}

/// The `out_size` `secrets_api_key_checksummed(.., prefix)` needs:
/// `strlen(prefix) + 38`. 0 when `prefix` is NULL, empty or invalid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_api_key_checksummed_size(prefix: *const c_char) -> usize {
    let prefix = unsafe { in_optional_cstr(prefix) }.unwrap_or_default();
    text_size(apikey::checksummed_len(prefix))
}

/// Checks a key made by `secrets_api_key_checksummed` (or any token in
/// GitHub's scheme, such as GitHub's own `ghp_` tokens): `SECRETS_OK` when
/// it is a valid prefix (1 to 32 of `[A-Za-z0-9_]`), `_`, 36 base62
/// characters, and the last 6 are the CRC-32 of the 30 before them;
/// `SECRETS_ERR_MALFORMED` otherwise (a typo, a truncation, a random
/// string: about one in 57 billion random strings of the right shape
/// passes). The checksum is computed without tables and compared in
/// constant time. This catches mistakes cheaply; it does not show that the
/// key was issued. `SECRETS_ERR_NULL_POINTER` when `key` is NULL.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_api_key_check(key: *const c_char) -> secrets_status {
    scrubbed(|| status_of(|| Ok::<_, secrets_status>(apikey::check(unsafe { in_cstr(key) }?)?)))
}

/// As `secrets_api_key_check`, and the key's prefix (everything before the
/// last `_`) must be `prefix`: `SECRETS_OK`, `SECRETS_ERR_MISMATCH` for a
/// well-formed key with another prefix (another kind of key: the checksum
/// does not cover the prefix), `SECRETS_ERR_MALFORMED` for a key that fails
/// `secrets_api_key_check`. `SECRETS_ERR_INVALID_ARGUMENT` when `prefix` is
/// empty, longer than 32 or not `[A-Za-z0-9_]`; `SECRETS_ERR_NULL_POINTER`
/// when `key` or `prefix` is NULL.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_api_key_check_prefix(
    key: *const c_char,
    prefix: *const c_char,
) -> secrets_status {
    scrubbed(|| {
        status_of(|| unsafe {
            let (key, prefix) = (in_cstr(key)?, in_cstr(prefix)?);
            Ok::<_, secrets_status>(apikey::check_with_prefix(key, prefix)?)
        })
    })
}

/// Writes a random UUID, RFC 9562 version 4, and a NUL: 36 lowercase
/// characters `xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx` (N is 8, 9, a or b)
/// carrying 122 random bits. `out_size` must be at least
/// `SECRETS_UUID_SIZE` (37).
///
/// Errors: `SECRETS_ERR_NULL_POINTER`; `SECRETS_ERR_BUFFER_TOO_SMALL`;
/// `SECRETS_ERR_ENTROPY`. On every error a non-NULL `out` is zeroed over
/// `out_size` bytes.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn secrets_uuid4(out: *mut c_char, out_size: usize) -> secrets_status {
    unsafe { text_out(out, out_size, [], |buf| uuid::v4(&mut OsEntropy, buf)) }
}

/// Bits of entropy in `length` characters each drawn uniformly and
/// independently from `alphabet_size` symbols: `length *
/// log2(alphabet_size)`. 0 when `alphabet_size` < 2. Use it for custom
/// passwords (`strlen(alphabet)`), custom passphrases (`wordlist_len`
/// words) and the built-in list (`SECRETS_EFF_WORDLIST_LEN`).
#[unsafe(no_mangle)]
pub extern "C" fn secrets_entropy_bits(length: usize, alphabet_size: usize) -> f64 {
    alphabet::entropy_bits(length, alphabet_size)
}
