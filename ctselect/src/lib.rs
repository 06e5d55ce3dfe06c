//! Constant-time selection from a public table of 48-bit entries: the
//! passphrase scan of libsecrets.
//!
//! [`Table::select`] returns the entries at several secret indices with one
//! pass over the whole table, reading every byte of it in the same order
//! whatever the indices, and without a branch on them: each entry is kept
//! or dropped by a mask computed from a comparison of its number with each
//! index. The table is stored as three 16-bit planes so that one 16-bit
//! comparison covers a whole vector of entries.
//!
//! The same portable code is compiled three times on x86-64: for AVX-512
//! (32 entries a vector), AVX2 (16) and the baseline (8, SSE2); the widest
//! the CPU supports is chosen at run time. That choice needs `unsafe` (a
//! call into a `#[target_feature]` function), which is why this is a crate
//! of its own: everything else of the library's core forbids `unsafe`.
//! Its only state is the CPU-feature cache of `cpufeatures` (public facts).
#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]

/// A public table of `LEN` entries of at most 48 bits, as three 16-bit
/// planes (`planes[p][i]` holds bits `16p..16p+16` of entry `i`), aligned
/// to a cache line.
#[repr(C, align(64))]
pub struct Table<const LEN: usize> {
    planes: [[u16; LEN]; 3],
}

/// Entries per vector of the widest variant: `LEN` must be a multiple.
const MAX_LANES: usize = 32;

impl<const LEN: usize> Table<LEN> {
    /// The table of `entries` (each below 2^48; `LEN` a multiple of 32 and
    /// below 2^16 - 8, so that 0xffff lies in no group of entries). Meant for
    /// compile-time construction: a bad table fails the build.
    pub const fn new(entries: &[u64; LEN]) -> Self {
        // 0xffff / 8 (the group of an outside index) must be no group.
        assert!(
            LEN.is_multiple_of(MAX_LANES) && LEN / 8 < 0xffff / 8,
            "bad table length"
        );
        let mut planes = [[0u16; LEN]; 3];
        let mut i = 0;
        while i < LEN {
            assert!(entries[i] >> 48 == 0, "an entry is wider than 48 bits");
            planes[0][i] = entries[i] as u16;
            planes[1][i] = (entries[i] >> 16) as u16;
            planes[2][i] = (entries[i] >> 32) as u16;
            i += 1;
        }
        Table { planes }
    }

    /// Entry `i`, for tests and public look-ups (not constant time).
    pub fn entry(&self, i: usize) -> u64 {
        (0..3).fold(0, |e, p| e | u64::from(self.planes[p][i]) << (16 * p))
    }

    /// [`Table::select`] with the variant of `lanes` (8, 16 or 32) entries a
    /// vector, or the baseline when the CPU lacks it; returns the lanes
    /// used. For tests and benchmarks.
    #[doc(hidden)]
    pub fn select_lanes<const N: usize>(
        &self,
        lanes: usize,
        indices: &[u64; N],
    ) -> ([u64; N], usize) {
        let targets = targets::<N, LEN>(indices);
        dispatch::select_width(lanes, self, &targets)
    }

    /// The entries at `indices`, in order; an index of `LEN` or more gives
    /// 0. One pass over the table whatever `N`; memory is read in an order
    /// that does not depend on the indices.
    pub fn select<const N: usize>(&self, indices: &[u64; N]) -> [u64; N] {
        let mut targets = targets::<N, LEN>(indices);
        let out = dispatch::select(self, &targets);
        wipe(&mut targets);
        out
    }
}

/// The indices as 16-bit entry numbers; one above the table becomes 0xffff,
/// which lies in no group (arithmetic, not a branch).
fn targets<const N: usize, const LEN: usize>(indices: &[u64; N]) -> [u16; N] {
    let mut targets = [0u16; N];
    for (t, &index) in targets.iter_mut().zip(indices) {
        let outside = 0u16.wrapping_sub(u16::from(index >= LEN as u64));
        *t = index as u16 | outside;
    }
    targets
}

fn wipe<T: Default + Copy>(items: &mut [T]) {
    for item in items.iter_mut() {
        // SAFETY: a valid, aligned element of a live slice.
        unsafe { core::ptr::write_volatile(item, T::default()) };
    }
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

/// The accumulators of a scan, aligned so that they can be wiped eight
/// bytes at a time.
#[repr(C, align(64))]
struct Accumulators<const N: usize, const L: usize>([[[u16; L]; 3]; N]);

impl<const N: usize, const L: usize> Drop for Accumulators<N, L> {
    /// They hold the selected entries: zeroed with volatile writes.
    fn drop(&mut self) {
        // From the whole struct, not its field: the words past the field
        // (the alignment padding) belong to `self`, not to `self.0` (Miri
        // caught the field pointer writing out of its borrow).
        let base = core::ptr::from_mut(self).cast::<u64>();
        // Whole words: size_of is a multiple of the 64-byte alignment.
        for k in 0..size_of::<Self>() / 8 {
            // SAFETY: inside `self`, 8-aligned (the struct is 64-aligned).
            unsafe { core::ptr::write_volatile(base.add(k), 0) };
        }
        core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
    }
}

/// `x`, through an empty `asm!` the optimiser cannot see into. Unlike
/// `core::hint::black_box` it touches no memory, so the accumulators stay
/// in registers.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[inline(always)]
fn opaque(x: u16) -> u16 {
    let mut x = usize::from(x);
    // SAFETY: an empty instruction string: `x` goes in and out of a register
    // unchanged.
    unsafe {
        core::arch::asm!("/* {0} */", inout(reg) x, options(pure, nomem, nostack, preserves_flags));
    }
    x as u16
}

/// The scan for AVX-512, `L` entries a step (the compiler turns each
/// `L`-lane loop into vector instructions of that width), in two stages. A target `t` lies in
/// group `t / L` (the `L` entries of one step) at lane `t % L`.
/// 1. Every step ORs its group of `L` entries into each target's
///    accumulators under a mask that is all ones for the target's group and
///    all zeros otherwise: one AND-OR per plane, vector and target.
/// 2. Each accumulator (one group) is reduced to the target's lane under
///    per-lane masks.
///
/// With AVX-512 an AND-OR is one instruction (`vpternlog`) and the mask one
/// broadcast; with narrower vectors [`scan_lanes`] is faster.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[inline(always)]
fn scan_groups<const N: usize, const LEN: usize, const L: usize>(
    table: &Table<LEN>,
    targets: &[u16; N],
) -> [u64; N] {
    let mut accumulators = Accumulators([[[0u16; L]; 3]; N]);
    let acc = &mut accumulators.0;
    for step in 0..LEN / L {
        let at = step * L;
        let chunk = |p: usize| -> &[u16; L] {
            // Always in bounds (LEN is a multiple of L); never fails.
            table.planes[p][at..at + L].try_into().unwrap_or(&[0; L])
        };
        let (p0, p1, p2) = (chunk(0), chunk(1), chunk(2));
        for (word, &target) in acc.iter_mut().zip(targets) {
            // The barrier hides that the mask is all ones or all zeros:
            // knowing it, the compiler turns the blend into a branch and a
            // load at the secret group (it does, without the barrier).
            let mask = opaque(0u16.wrapping_sub(u16::from(target / L as u16 == step as u16)));
            for l in 0..L {
                // Exactly one step matches, so OR-ing suffices.
                word[0][l] |= p0[l] & mask;
                word[1][l] |= p1[l] & mask;
                word[2][l] |= p2[l] & mask;
            }
        }
    }
    let mut out = [0u64; N];
    for ((o, word), &target) in out.iter_mut().zip(acc.iter()).zip(targets) {
        let lane = target % L as u16;
        for (p, lanes) in word.iter().enumerate() {
            let mut plane = 0u16;
            for (l, &v) in lanes.iter().enumerate() {
                plane |= v & 0u16.wrapping_sub(u16::from(l as u16 == lane));
            }
            *o |= u64::from(plane) << (16 * p);
        }
    }
    out
}

/// The scan for SSE2 and AVX2, `L` entries a step: for each target, one
/// 16-bit comparison of the `L` entries' numbers with it gives a per-lane
/// mask that keeps the chosen entry's three planes in the accumulators.
#[inline(always)]
fn scan_lanes<const N: usize, const LEN: usize, const L: usize>(
    table: &Table<LEN>,
    targets: &[u16; N],
) -> [u64; N] {
    let mut accumulators = Accumulators([[[0u16; L]; 3]; N]);
    let acc = &mut accumulators.0;
    let mut numbers = [0u16; L];
    for (l, n) in numbers.iter_mut().enumerate() {
        *n = l as u16;
    }
    for step in 0..LEN / L {
        let at = step * L;
        let chunk = |p: usize| -> &[u16; L] {
            // Always in bounds (LEN is a multiple of L); never fails.
            table.planes[p][at..at + L].try_into().unwrap_or(&[0; L])
        };
        let (p0, p1, p2) = (chunk(0), chunk(1), chunk(2));
        for (word, &target) in acc.iter_mut().zip(targets) {
            let mut keep = [0u16; L];
            for l in 0..L {
                keep[l] = 0u16.wrapping_sub(u16::from(numbers[l] == target));
            }
            for l in 0..L {
                word[0][l] |= p0[l] & keep[l];
                word[1][l] |= p1[l] & keep[l];
                word[2][l] |= p2[l] & keep[l];
            }
        }
        for n in numbers.iter_mut() {
            *n = n.wrapping_add(L as u16);
        }
    }
    let mut out = [0u64; N];
    for (o, word) in out.iter_mut().zip(acc.iter()) {
        for (p, lanes) in word.iter().enumerate() {
            *o |= u64::from(lanes.iter().fold(0, |x, &y| x | y)) << (16 * p);
        }
    }
    out
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod dispatch {
    use super::{Table, scan_groups, scan_lanes};

    cpufeatures::new!(has_avx512, "avx512f", "avx512bw", "avx512vl");
    cpufeatures::new!(has_avx2, "avx2");

    // Not inlined: each batch size's call then has one frame of its own,
    // not all of them merged into the caller's (stack depth).
    #[inline(never)]
    pub(super) fn select<const N: usize, const LEN: usize>(
        table: &Table<LEN>,
        targets: &[u16; N],
    ) -> [u64; N] {
        match () {
            _ if has_avx512::get() => {
                // SAFETY: the CPU and the OS support AVX-512 F/BW/VL.
                unsafe { avx512(table, targets) }
            }
            _ if has_avx2::get() => {
                // SAFETY: the CPU and the OS support AVX2.
                unsafe { avx2(table, targets) }
            }
            _ => scan_lanes::<N, LEN, 8>(table, targets),
        }
    }

    #[target_feature(enable = "avx512f,avx512bw,avx512vl")]
    fn avx512<const N: usize, const LEN: usize>(
        table: &Table<LEN>,
        targets: &[u16; N],
    ) -> [u64; N] {
        scan_groups::<N, LEN, 32>(table, targets)
    }

    #[target_feature(enable = "avx2")]
    fn avx2<const N: usize, const LEN: usize>(table: &Table<LEN>, targets: &[u16; N]) -> [u64; N] {
        scan_lanes::<N, LEN, 16>(table, targets)
    }

    /// The variant of `width` lanes when the CPU has it, else the
    /// baseline; also returns the lanes used.
    pub(super) fn select_width<const N: usize, const LEN: usize>(
        width: usize,
        table: &Table<LEN>,
        targets: &[u16; N],
    ) -> ([u64; N], usize) {
        match width {
            // SAFETY: the guards check the CPU.
            32 if has_avx512::get() => (unsafe { avx512(table, targets) }, 32),
            16 if has_avx2::get() => (unsafe { avx2(table, targets) }, 16),
            _ => (scan_lanes::<N, LEN, 8>(table, targets), 8),
        }
    }
}

#[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
mod dispatch {
    use super::{Table, scan_lanes};

    pub(super) fn select<const N: usize, const LEN: usize>(
        table: &Table<LEN>,
        targets: &[u16; N],
    ) -> [u64; N] {
        scan_lanes::<N, LEN, 8>(table, targets)
    }

    pub(super) fn select_width<const N: usize, const LEN: usize>(
        _width: usize,
        table: &Table<LEN>,
        targets: &[u16; N],
    ) -> ([u64; N], usize) {
        (scan_lanes::<N, LEN, 8>(table, targets), 8)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    const LEN: usize = 7776;
    fn entries() -> [u64; LEN] {
        core::array::from_fn(|i| (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 16)
    }

    fn check_all_indices<const N: usize>(table: &Table<LEN>, expect: &[u64; LEN], lanes: usize) {
        for start in (0..LEN + 64).step_by(97) {
            let indices: [u64; N] = core::array::from_fn(|k| (start + 31 * k) as u64);
            let (got, used) = table.select_lanes(lanes, &indices);
            assert_eq!(used, lanes, "this CPU lacks the {lanes}-lane variant");
            for (k, &i) in indices.iter().enumerate() {
                let want = expect.get(i as usize).copied().unwrap_or(0);
                assert_eq!(got[k], want, "N {N}, index {i}, {lanes} lanes");
            }
            assert_eq!(got, table.select(&indices));
        }
        for outside in [u64::MAX, 0x1_0000, 0xffff, LEN as u64] {
            assert_eq!(table.select_lanes(lanes, &[outside; N]).0, [0; N]);
        }
    }

    #[test]
    fn every_variant_selects_the_right_entries() {
        let expect = entries();
        let table = Table::new(&expect);
        assert_eq!(
            (0..LEN).map(|i| table.entry(i)).collect::<Vec<_>>(),
            expect.to_vec()
        );
        for lanes in [8usize, 16, 32] {
            if table.select_lanes(lanes, &[0u64]).1 != lanes {
                std::eprintln!("note: this CPU lacks the {lanes}-lane variant");
                continue;
            }
            check_all_indices::<1>(&table, &expect, lanes);
            check_all_indices::<3>(&table, &expect, lanes);
            check_all_indices::<6>(&table, &expect, lanes);
            check_all_indices::<8>(&table, &expect, lanes);
        }
    }
}
