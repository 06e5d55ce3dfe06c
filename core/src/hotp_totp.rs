//! One-time passwords: HOTP (RFC 4226, with a look-ahead verifier) and TOTP
//! (RFC 6238) with HMAC-SHA-1, -SHA-256 or -SHA-512, 6 to 10 digits.
//!
//! Secret-dependent work is constant time: the dynamic truncation picks its
//! four bytes with a masked scan instead of an index, and verification
//! computes and compares (with `subtle`) the code of every step in the
//! window, never stopping at a match.

use crate::error::{Error, Result, text_area};
use crate::mac::{Hash, MAX_BYTES};
use subtle::{ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroizing;

/// Fewest digits in a code.
pub const MIN_DIGITS: u32 = 6;
/// Most digits in a code.
pub const MAX_DIGITS: u32 = 10;
/// Largest verification window (steps each side): bounds the work to 21
/// HMACs and keeps guessing odds low.
pub const MAX_WINDOW: u32 = 10;
/// Largest HOTP look-ahead (counters after the expected one): the same
/// bound of 21 HMACs a verification as TOTP's largest window.
pub const MAX_LOOK_AHEAD: u32 = 20;

/// The parameters every call shares, checked: returns `digits`.
/// `InvalidArgument` for digits outside 6..=10 or an empty key.
pub(crate) fn check(key: &[u8], digits: u32) -> Result<usize> {
    if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) || key.is_empty() {
        return Err(Error::InvalidArgument);
    }
    Ok(digits as usize)
}

/// The TOTP step of `unix_time`; `InvalidArgument` for a zero period.
fn step(unix_time: u64, period: u32) -> Result<u64> {
    match period {
        0 => Err(Error::InvalidArgument),
        p => Ok(unix_time / p as u64),
    }
}

/// RFC 4226 §5.3 dynamic truncation of an HMAC: 31 bits read at the offset
/// named by the low nibble of the last byte.
fn truncate(mac: &[u8]) -> u32 {
    let offset = mac.last().map_or(0, |b| (b & 0x0f) as u32);
    let mut word = 0u32;
    // Offsets 0..=15 need bytes 0..19: every hash here has at least 20.
    for (i, window) in mac.windows(4).take(16).enumerate() {
        let candidate = u32::from_be_bytes([window[0], window[1], window[2], window[3]]);
        word.conditional_assign(&candidate, (i as u32).ct_eq(&offset));
    }
    word & 0x7fff_ffff
}

/// Writes the code for `counter` as `out.len()` zero-padded decimal digits.
fn code_into(hash: Hash, key: &[u8], counter: u64, out: &mut [u8]) -> Result<()> {
    let mut mac = Zeroizing::new([0u8; MAX_BYTES]);
    let len = hash.hmac(key, &[&counter.to_be_bytes()], &mut mac)?;
    // 31 bits: below 10^10, so ten digits need no reduction at all.
    let mut value = truncate(&mac[..len]) as u64;
    for digit in out.iter_mut().rev() {
        *digit = b'0' + (value % 10) as u8;
        value /= 10;
    }
    Ok(())
}

/// Writes the HOTP code for `counter` at the start of `out`; returns
/// `digits`.
pub fn hotp(out: &mut [u8], key: &[u8], counter: u64, digits: u32, hash: Hash) -> Result<usize> {
    let digits = check(key, digits)?;
    let text = text_area(out, digits)?;
    code_into(hash, key, counter, text)?;
    Ok(digits)
}

/// Writes the TOTP code for `unix_time` (the HOTP code of step
/// `unix_time / period`); returns `digits`.
///
/// ```
/// use secrets_core::hotp_totp::totp;
/// use secrets_core::mac::Hash;
/// // RFC 6238, appendix B: T = 59 s, 8 digits.
/// let mut code = [0u8; 8];
/// totp(&mut code, b"12345678901234567890", 59, 30, 8, Hash::Sha1)?;
/// assert_eq!(&code, b"94287082");
/// # Ok::<(), secrets_core::Error>(())
/// ```
pub fn totp(
    out: &mut [u8],
    key: &[u8],
    unix_time: u64,
    period: u32,
    digits: u32,
    hash: Hash,
) -> Result<usize> {
    let step = step(unix_time, period)?;
    hotp(out, key, step, digits, hash)
}

/// The TOTP parameters of a verification.
#[derive(Clone, Copy, Debug)]
pub struct Totp {
    /// Seconds a step lasts (30 is usual); at least 1.
    pub period: u32,
    /// Digits in a code, [`MIN_DIGITS`] to [`MAX_DIGITS`].
    pub digits: u32,
    /// The hash under the HMAC (SHA-1 for most authenticator apps).
    pub hash: Hash,
    /// Steps accepted each side of the current one, at most [`MAX_WINDOW`].
    pub window: u32,
}

/// Checks that `code` is exactly `digits` ASCII digits, looking at every
/// character (no early exit: the code's content sets no timing).
fn check_code(code: &[u8], digits: usize) -> Result<()> {
    let all_digits = code.iter().fold(true, |ok, c| ok & c.is_ascii_digit());
    if code.len() != digits || !all_digits {
        return Err(Error::Malformed);
    }
    Ok(())
}

/// Computes the code of every counter `counters` yields and compares it
/// with `code` in constant time, never stopping at a match; returns the
/// first counter that matched, or `Mismatch`.
fn find_counter(
    code: &[u8],
    key: &[u8],
    hash: Hash,
    counters: impl Iterator<Item = u64>,
) -> Result<u64> {
    let mut candidate = Zeroizing::new([0u8; MAX_DIGITS as usize]);
    let candidate = &mut candidate[..code.len()];
    let (mut found, mut matched) = (subtle::Choice::from(0), 0u64);
    for counter in counters {
        code_into(hash, key, counter, candidate)?;
        let hit = candidate.ct_eq(code) & !found;
        matched.conditional_assign(&counter, hit);
        found |= hit;
    }
    if bool::from(found) {
        Ok(matched)
    } else {
        Err(Error::Mismatch)
    }
}

/// Checks `code` against the steps within `window` of `unix_time`'s step
/// and returns the step (HOTP counter) it matched. When more than one step
/// matches, the one nearest `unix_time`'s step wins (the earlier on a tie).
/// Steps outside 0..=u64::MAX are not tried.
///
/// `InvalidArgument` for bad parameters (digits outside 6..=10, an empty
/// key, a zero period, a window above 10), `Malformed` for a code that is
/// not exactly `digits` ASCII digits, `Mismatch` when no step matches.
pub fn totp_verify(code: &[u8], key: &[u8], unix_time: u64, params: Totp) -> Result<u64> {
    let current = step(unix_time, params.period)?;
    let digits = check(key, params.digits)?;
    if params.window > MAX_WINDOW {
        return Err(Error::InvalidArgument);
    }
    check_code(code, digits)?;
    // Nearest first: 0, -1, +1, -2, +2, ...
    let offsets =
        (0..=2 * params.window as i64).map(|k| if k % 2 == 1 { -(k + 1) / 2 } else { k / 2 });
    let counters = offsets.filter_map(|offset| current.checked_add_signed(offset));
    find_counter(code, key, params.hash, counters)
}

/// Checks an HOTP `code` against counters `counter` to `counter +
/// look_ahead` (RFC 4226 §7.4's look-ahead window, for a token whose
/// button was pressed without logging in) and returns the counter that
/// matched, the lowest when several do; the caller stores it plus one.
/// Every counter is computed and compared in constant time, never stopping
/// at a match. Counters above u64::MAX are not tried.
///
/// `InvalidArgument` for bad parameters (digits outside 6..=10, an empty
/// key, a look-ahead above [`MAX_LOOK_AHEAD`]), `Malformed` for a code that
/// is not exactly `digits` ASCII digits, `Mismatch` when no counter matches.
pub fn hotp_verify(
    code: &[u8],
    key: &[u8],
    counter: u64,
    look_ahead: u32,
    digits: u32,
    hash: Hash,
) -> Result<u64> {
    let digits = check(key, digits)?;
    if look_ahead > MAX_LOOK_AHEAD {
        return Err(Error::InvalidArgument);
    }
    check_code(code, digits)?;
    let counters = (0..=look_ahead as u64).filter_map(|k| counter.checked_add(k));
    find_counter(code, key, hash, counters)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Hash::{Sha1, Sha256, Sha512};

    const SEED20: &[u8] = b"12345678901234567890";
    const SEED32: &[u8] = b"12345678901234567890123456789012";
    const SEED64: &[u8] = b"1234567890123456789012345678901234567890123456789012345678901234";

    fn hotp_string(key: &[u8], counter: u64, digits: u32, hash: Hash) -> String {
        let mut out = [0xffu8; 11];
        let n = hotp(&mut out, key, counter, digits, hash).unwrap();
        String::from_utf8(out[..n].to_vec()).unwrap()
    }

    /// RFC 4226 Appendix D.
    pub(crate) const RFC4226: [&str; 10] = [
        "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
        "520489",
    ];

    /// RFC 6238 Appendix B: (time, SHA-1, SHA-256, SHA-512), 8 digits.
    pub(crate) const RFC6238: [(u64, &str, &str, &str); 6] = [
        (59, "94287082", "46119246", "90693936"),
        (1111111109, "07081804", "68084774", "25091201"),
        (1111111111, "14050471", "67062674", "99943326"),
        (1234567890, "89005924", "91819424", "93441116"),
        (2000000000, "69279037", "90698825", "38618901"),
        (20000000000, "65353130", "77737706", "47863826"),
    ];

    #[test]
    fn rfc4226_appendix_d() {
        for (counter, expected) in RFC4226.iter().enumerate() {
            assert_eq!(hotp_string(SEED20, counter as u64, 6, Sha1), *expected);
        }
    }

    #[test]
    fn hotp_verify_rfc4226_appendix_d() {
        for (counter, expected) in RFC4226.iter().enumerate() {
            let code = expected.as_bytes();
            let c = counter as u64;
            assert_eq!(hotp_verify(code, SEED20, c, 0, 6, Sha1), Ok(c));
            // Found from any earlier counter within the look-ahead.
            for start in 0..=c {
                let ahead = (c - start) as u32;
                assert_eq!(hotp_verify(code, SEED20, start, ahead, 6, Sha1), Ok(c));
                assert_eq!(hotp_verify(code, SEED20, start, 9, 6, Sha1), Ok(c));
                if ahead > 0 {
                    assert_eq!(
                        hotp_verify(code, SEED20, start, ahead - 1, 6, Sha1),
                        Err(Error::Mismatch)
                    );
                }
            }
            // Never from a later counter: the look-ahead only goes forward.
            assert_eq!(
                hotp_verify(code, SEED20, c + 1, 20, 6, Sha1),
                Err(Error::Mismatch)
            );
        }
        // RFC 4226 Appendix D's 10-digit values, and the other hashes.
        assert_eq!(hotp_verify(b"0082162583", SEED20, 0, 20, 10, Sha1), Ok(7));
        let code = hotp_string(SEED32, 5, 8, Sha256);
        assert_eq!(hotp_verify(code.as_bytes(), SEED32, 3, 2, 8, Sha256), Ok(5));
        let code = hotp_string(SEED64, 5, 8, Sha512);
        assert_eq!(hotp_verify(code.as_bytes(), SEED64, 5, 0, 8, Sha512), Ok(5));
    }

    #[test]
    fn hotp_verify_refusals_and_edges() {
        let code = hotp_string(SEED20, u64::MAX, 6, Sha1);
        assert_eq!(
            hotp_verify(code.as_bytes(), SEED20, u64::MAX - 3, 20, 6, Sha1),
            Ok(u64::MAX)
        );
        let ok = RFC4226[0].as_bytes();
        assert_eq!(
            hotp_verify(ok, SEED20, 0, MAX_LOOK_AHEAD + 1, 6, Sha1),
            Err(Error::InvalidArgument)
        );
        assert_eq!(
            hotp_verify(ok, SEED20, 0, 0, 5, Sha1),
            Err(Error::InvalidArgument)
        );
        assert_eq!(
            hotp_verify(ok, b"", 0, 0, 6, Sha1),
            Err(Error::InvalidArgument)
        );
        for bad in [&b"75522"[..], b"7552244", b"75522a", b" 55224", b""] {
            assert_eq!(
                hotp_verify(bad, SEED20, 0, 5, 6, Sha1),
                Err(Error::Malformed)
            );
        }
        // The lowest matching counter wins: find a key whose codes collide
        // within 21 counters and check which counter is reported.
        for n in 0u32..40_000 {
            let key = n.to_be_bytes();
            let codes: Vec<String> = (0..21).map(|c| hotp_string(&key, c, 6, Sha1)).collect();
            if let Some(later) = (1..21).find(|&j| codes[..j].contains(&codes[j])) {
                let first = codes.iter().position(|c| *c == codes[later]).unwrap() as u64;
                assert_eq!(
                    hotp_verify(codes[later].as_bytes(), &key, 0, 20, 6, Sha1),
                    Ok(first)
                );
                return;
            }
        }
        panic!("no collision found");
    }

    #[test]
    fn rfc6238_appendix_b() {
        for (time, sha1, sha256, sha512) in RFC6238 {
            for (key, hash, expected) in [
                (SEED20, Sha1, sha1),
                (SEED32, Sha256, sha256),
                (SEED64, Sha512, sha512),
            ] {
                let mut out = [0u8; 9];
                assert_eq!(totp(&mut out, key, time, 30, 8, hash), Ok(8));
                assert_eq!(&out[..8], expected.as_bytes(), "{time} {hash:?}");
                let params = Totp {
                    period: 30,
                    digits: 8,
                    hash,
                    window: 0,
                };
                assert_eq!(
                    totp_verify(expected.as_bytes(), key, time, params),
                    Ok(time / 30)
                );
            }
        }
    }

    #[test]
    fn truncation_reads_the_named_offset() {
        // RFC 4226 §5.4's example HMAC: offset 0xa gives 0x50ef7f19.
        let mac = [
            0x1f, 0x86, 0x98, 0x69, 0x0e, 0x02, 0xca, 0x16, 0x61, 0x85, 0x50, 0xef, 0x7f, 0x19,
            0xda, 0x8e, 0x94, 0x5b, 0x55, 0x5a,
        ];
        assert_eq!(truncate(&mac), 0x50ef7f19);
        for offset in 0..16u8 {
            let mut mac = [0u8; 20];
            for (i, b) in mac.iter_mut().enumerate() {
                *b = i as u8 | 0x80;
            }
            mac[19] = (mac[19] & 0xf0) | offset;
            let o = offset as usize;
            let expected = u32::from_be_bytes(mac[o..o + 4].try_into().unwrap()) & 0x7fff_ffff;
            assert_eq!(truncate(&mac), expected);
        }
    }

    #[test]
    fn digit_counts() {
        // 10 digits: the whole 31-bit value (RFC 4226 Appendix D's
        // "Decimal" column), zero-padded.
        let truncated = [
            "1284755224",
            "1094287082",
            "0137359152",
            "1726969429",
            "1640338314",
            "0868254676",
            "1918287922",
            "0082162583",
            "0673399871",
            "0645520489",
        ];
        for (counter, expected) in truncated.iter().enumerate() {
            assert_eq!(hotp_string(SEED20, counter as u64, 10, Sha1), *expected);
        }
        let ten = hotp_string(SEED20, 0, 10, Sha1);
        for digits in 6..=10 {
            let code = hotp_string(SEED20, 0, digits, Sha1);
            assert_eq!(code.len(), digits as usize);
            assert!(ten.ends_with(&code));
        }
        let mut out = [0u8; 12];
        for digits in [0, 5, 11, u32::MAX] {
            assert_eq!(
                hotp(&mut out, SEED20, 0, digits, Sha1),
                Err(Error::InvalidArgument)
            );
        }
        assert_eq!(
            hotp(&mut out[..5], SEED20, 0, 6, Sha1),
            Err(Error::BufferTooSmall)
        );
        assert_eq!(hotp(&mut out[..7], SEED20, 0, 6, Sha1), Ok(6));
    }

    #[test]
    fn bad_parameters() {
        let mut out = [0u8; 12];
        assert_eq!(hotp(&mut out, b"", 0, 6, Sha1), Err(Error::InvalidArgument));
        assert_eq!(
            totp(&mut out, SEED20, 59, 0, 6, Sha1),
            Err(Error::InvalidArgument)
        );
        let params = Totp {
            period: 30,
            digits: 6,
            hash: Sha1,
            window: 11,
        };
        assert_eq!(
            totp_verify(b"123456", SEED20, 59, params),
            Err(Error::InvalidArgument)
        );
        let params = Totp {
            period: 0,
            window: 1,
            ..params
        };
        assert_eq!(
            totp_verify(b"123456", SEED20, 59, params),
            Err(Error::InvalidArgument)
        );
    }

    fn params(window: u32) -> Totp {
        Totp {
            period: 30,
            digits: 6,
            hash: Sha1,
            window,
        }
    }

    #[test]
    fn verify_window_edges() {
        let now = 1_700_000_000u64;
        let step = now / 30;
        for offset in -3i64..=3 {
            let counter = step.checked_add_signed(offset).unwrap();
            let code = hotp_string(SEED20, counter, 6, Sha1);
            let result = totp_verify(code.as_bytes(), SEED20, now, params(2));
            if offset.abs() <= 2 {
                assert_eq!(result, Ok(counter), "{offset}");
            } else {
                assert_eq!(result, Err(Error::Mismatch), "{offset}");
            }
        }
        let current = hotp_string(SEED20, step, 6, Sha1);
        let next = hotp_string(SEED20, step + 1, 6, Sha1);
        assert_eq!(
            totp_verify(current.as_bytes(), SEED20, now, params(0)),
            Ok(step)
        );
        assert_eq!(
            totp_verify(next.as_bytes(), SEED20, now, params(0)),
            Err(Error::Mismatch)
        );
        // The code of any step in the period works at any second of it.
        assert_eq!(
            totp_verify(current.as_bytes(), SEED20, step * 30 + 29, params(0)),
            Ok(step)
        );
    }

    #[test]
    fn verify_at_the_ends_of_time() {
        let first = hotp_string(SEED20, 0, 6, Sha1);
        assert_eq!(totp_verify(first.as_bytes(), SEED20, 0, params(10)), Ok(0));
        let last = hotp_string(SEED20, u64::MAX, 6, Sha1);
        let p = Totp {
            period: 1,
            ..params(10)
        };
        assert_eq!(
            totp_verify(last.as_bytes(), SEED20, u64::MAX, p),
            Ok(u64::MAX)
        );
        let before = hotp_string(SEED20, u64::MAX - 10, 6, Sha1);
        assert_eq!(
            totp_verify(before.as_bytes(), SEED20, u64::MAX, p),
            Ok(u64::MAX - 10)
        );
    }

    #[test]
    fn malformed_codes() {
        let now = 59;
        for code in [
            &b"12345"[..],
            b"1234567",
            b"12345a",
            b" 23456",
            b"",
            b"12 456",
        ] {
            assert_eq!(
                totp_verify(code, SEED20, now, params(1)),
                Err(Error::Malformed)
            );
        }
    }

    #[test]
    fn nearest_match_wins_when_codes_collide() {
        // Search keys until two steps in a ±10 window share a 6-digit code
        // (about one key in 5000), then check which step is reported.
        let now = 1_000_000 * 30u64;
        let current = now / 30;
        let mut collisions = 0;
        for n in 0u32..40_000 {
            let key = n.to_be_bytes();
            let codes: Vec<String> = (0..21u64)
                .map(|i| hotp_string(&key, current - 10 + i, 6, Sha1))
                .collect();
            for code in &codes {
                let steps: Vec<i64> = (0..21)
                    .filter(|&i| &codes[i] == code)
                    .map(|i| i as i64 - 10)
                    .collect();
                if steps.len() < 2 {
                    continue;
                }
                collisions += 1;
                let nearest = *steps.iter().min_by_key(|&&o| (o.abs(), o)).unwrap();
                let expected = current.checked_add_signed(nearest).unwrap();
                assert_eq!(
                    totp_verify(code.as_bytes(), &key, now, params(10)),
                    Ok(expected)
                );
            }
            if collisions >= 4 {
                return;
            }
        }
        panic!("no collisions found");
    }
}
