//! Helpers shared by the fuzz targets: C strings, guarded output buffers
//! and status checks.

pub use libfuzzer_sys::arbitrary::{self, Unstructured};
pub use secrets::status::secrets_status;
pub use secrets::status::secrets_status::*;

/// A byte the library never writes by itself: marks untouched memory.
pub const CANARY: u8 = 0xA5;
/// Guard bytes after every output buffer.
const GUARD: usize = 16;

/// `bytes` as a C string: cut at the first NUL, then NUL-terminated.
pub fn c_string(bytes: &[u8]) -> Vec<u8> {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let mut s = bytes[..end].to_vec();
    s.push(0);
    s
}

/// The text of a C string built by `c_string` (without its NUL).
pub fn text_of(c: &[u8]) -> &[u8] {
    &c[..c.len() - 1]
}

/// Up to `max` bytes from the fuzz data, as a C string.
pub fn take_c_string(u: &mut Unstructured, max: usize) -> Vec<u8> {
    let len = u.int_in_range(0..=max).unwrap_or(0);
    let bytes = u.bytes(len.min(u.len())).unwrap_or(&[]);
    c_string(bytes)
}

/// An output buffer of `size` bytes pre-filled with the canary and followed
/// by guard bytes that must never be written.
pub struct OutBuf {
    mem: Vec<u8>,
    size: usize,
}

impl OutBuf {
    pub fn new(size: usize) -> Self {
        OutBuf {
            mem: vec![CANARY; size + GUARD],
            size,
        }
    }
    pub fn ptr(&mut self) -> *mut u8 {
        self.mem.as_mut_ptr()
    }
    pub fn size(&self) -> usize {
        self.size
    }
    /// The `size` bytes given to the library.
    pub fn given(&self) -> &[u8] {
        &self.mem[..self.size]
    }
    /// Asserts that nothing past `size` was written.
    pub fn assert_guard(&self) {
        assert!(
            self.mem[self.size..].iter().all(|&b| b == CANARY),
            "write past out_size {}",
            self.size
        );
    }
    /// Asserts the failure contract: the whole given buffer is zero.
    pub fn assert_zeroed(&self, status: secrets_status) {
        self.assert_guard();
        assert!(
            self.given().iter().all(|&b| b == 0),
            "output not zeroed after {status:?}"
        );
    }
    /// After success: the NUL-terminated text at the start of the buffer.
    pub fn text(&self) -> &[u8] {
        self.assert_guard();
        let end = self
            .given()
            .iter()
            .position(|&b| b == 0)
            .expect("OK text output without NUL inside out_size");
        &self.mem[..end]
    }
}

/// Percent-decodes RFC 3986 text; `None` for a bad escape.
pub fn percent_decode(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            let hex = core::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    Some(out)
}

/// OTP parameters drawn from the data: near their valid ranges (period
/// `0..=period_max`, digits 5..=11, algorithm 0..=4), or, when `wide`, over
/// the whole `u32` range.
pub fn otp_params(u: &mut Unstructured, wide: bool, period_max: u32) -> (u32, u32, u32) {
    let mut pick = |near: core::ops::RangeInclusive<u32>, default: u32| -> u32 {
        if wide {
            u.arbitrary().unwrap_or(0)
        } else {
            u.int_in_range(near).unwrap_or(default)
        }
    };
    let period = pick(0..=period_max, 30);
    let digits = pick(5..=11, 6);
    let algorithm = pick(0..=4, 1);
    (period, digits, algorithm)
}
