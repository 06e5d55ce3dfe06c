//! The vDSO `getrandom` (Linux 6.11 and later): the kernel's own ChaCha20
//! fast-key-erasure generator, run in userspace over an opaque state that the
//! kernel keys from its CSPRNG, re-keys whenever its CSPRNG reseeds (also
//! after a VM fork), and wipes on fork (the state pages are `MAP_DROPPABLE`,
//! which implies wipe-on-fork).
//!
//! Process-wide state, all of it in this file, all lock-free:
//! * the entry point and the state parameters the kernel reported, written
//!   once at resolution (racing resolvers write the same values);
//! * [`POOL_PAGES`]: up to [`MAX_PAGES`] pages, each mapped with exactly the
//!   protection and flags the kernel asks for, holding the opaque states;
//! * [`POOL_BUSY`]: one bitmap a page, a set bit meaning "this state is
//!   claimed by a call in progress".
//!
//! A call claims a free state with one compare-and-swap, makes its requests,
//! and releases the state before returning, so no state belongs to a thread:
//! no thread-local storage, no destructor, and memory bounded by the peak
//! number of calls in progress at once (a page is mapped only when every
//! state of the pages before it is claimed), never by the number of threads
//! ever created. A signal handler that calls the library in the middle of a
//! call finds that call's state claimed and takes another (or, with the pool
//! full, uses the system call), so it never shares a state. Nothing here
//! takes a lock or allocates: `mmap` is a plain system call.

use super::linux::Failed;
use core::ffi::{CStr, c_char, c_uint, c_void};
use core::sync::atomic::{AtomicI32, AtomicU64, AtomicUsize, Ordering};

/// The vDSO function: `ssize_t (void *buf, size_t len, unsigned flags,
/// void *opaque_state, size_t opaque_len)`.
type VgetrandomFn = unsafe extern "C" fn(*mut c_void, usize, c_uint, *mut c_void, usize) -> isize;

/// What `__vdso_getrandom(NULL, 0, 0, &params, ~0UL)` reports.
#[repr(C)]
#[derive(Default)]
struct OpaqueParams {
    size_of_opaque_state: u32,
    mmap_prot: u32,
    mmap_flags: u32,
    reserved: [u32; 13],
}

/// Pages of states at most. With the 144-byte states of x86-64 a 4 KiB page
/// holds 28 states, so 16 pages serve 448 calls in progress at once; a call
/// beyond that uses the system call.
pub(super) const MAX_PAGES: usize = 16;

static ENTRY: AtomicUsize = AtomicUsize::new(0);
static STATE_SIZE: AtomicUsize = AtomicUsize::new(0);
static STATES_PER_PAGE: AtomicUsize = AtomicUsize::new(0);
static PAGE_SIZE: AtomicUsize = AtomicUsize::new(0);
static MAP_PROT: AtomicI32 = AtomicI32::new(0);
static MAP_FLAGS: AtomicI32 = AtomicI32::new(0);

#[allow(clippy::declare_interior_mutable_const)] // only used to initialise the arrays
const NO_PAGE: AtomicUsize = AtomicUsize::new(0);
#[allow(clippy::declare_interior_mutable_const)]
const NONE_BUSY: AtomicU64 = AtomicU64::new(0);
static POOL_PAGES: [AtomicUsize; MAX_PAGES] = [NO_PAGE; MAX_PAGES];
static POOL_BUSY: [AtomicU64; MAX_PAGES] = [NONE_BUSY; MAX_PAGES];

/// The vDSO's symbol version, per architecture (as the kernel links it).
const VERSION: Option<&[u8]> = if cfg!(target_arch = "x86_64") || cfg!(target_arch = "x86") {
    Some(b"LINUX_2.6")
} else if cfg!(target_arch = "aarch64") {
    Some(b"LINUX_2.6.39")
} else if cfg!(any(target_arch = "powerpc", target_arch = "powerpc64")) {
    Some(b"LINUX_2.6.15")
} else if cfg!(target_arch = "s390x") {
    Some(b"LINUX_2.6.29")
} else if cfg!(target_arch = "loongarch64") {
    Some(b"LINUX_5.10")
} else if cfg!(any(target_arch = "riscv64", target_arch = "riscv32")) {
    Some(b"LINUX_4.15")
} else {
    None
};

/// Finds `__vdso_getrandom` in the vDSO that the kernel mapped into this
/// process, asks it for its state parameters and records them. Returns
/// whether the vDSO path can be used. Idempotent and lock-free.
pub(super) fn resolve() -> bool {
    let Some(version) = VERSION else {
        return false;
    };
    // SAFETY: getauxval only reads the auxiliary vector.
    let (base, page_size) = unsafe {
        (
            libc::getauxval(libc::AT_SYSINFO_EHDR) as usize,
            libc::getauxval(libc::AT_PAGESZ) as usize,
        )
    };
    if base == 0 || !page_size.is_power_of_two() {
        return false;
    }
    // SAFETY: AT_SYSINFO_EHDR is the address of the ELF image the kernel
    // mapped (readable, well-formed); `find_symbol` only reads inside it.
    let Some(address) = (unsafe { elf::find_symbol(base, b"__vdso_getrandom", version) }) else {
        return false;
    };
    // SAFETY: a vDSO function of this signature; the parameter query
    // writes one `OpaqueParams`.
    let entry: VgetrandomFn = unsafe { core::mem::transmute::<usize, VgetrandomFn>(address) };
    let mut params = OpaqueParams::default();
    let query = unsafe {
        entry(
            core::ptr::null_mut(),
            0,
            0,
            (&raw mut params).cast(),
            !0usize,
        )
    };
    let size = params.size_of_opaque_state as usize;
    if query != 0 || size == 0 || size > page_size {
        return false;
    }
    STATE_SIZE.store(size, Ordering::Relaxed);
    STATES_PER_PAGE.store((page_size / size).min(64), Ordering::Relaxed);
    PAGE_SIZE.store(page_size, Ordering::Relaxed);
    MAP_PROT.store(params.mmap_prot as i32, Ordering::Relaxed);
    MAP_FLAGS.store(params.mmap_flags as i32, Ordering::Relaxed);
    ENTRY.store(address, Ordering::Relaxed);
    // The caller publishes the path with a release store after this.
    true
}

/// A claimed state: page `page`, state `index` of it, at `address`.
struct Claim {
    page: usize,
    index: u32,
    address: usize,
}

/// Claims a free state, mapping a new page only when every state of the
/// pages before it is claimed. `None` when the pool is full or the kernel
/// refuses the mapping.
fn claim() -> Option<Claim> {
    let per_page = STATES_PER_PAGE.load(Ordering::Relaxed);
    let state_size = STATE_SIZE.load(Ordering::Relaxed);
    let all = if per_page >= 64 {
        u64::MAX
    } else {
        (1u64 << per_page) - 1
    };
    for (page, busy) in POOL_BUSY.iter().enumerate() {
        let mut base = POOL_PAGES[page].load(Ordering::Acquire);
        if base == 0 {
            base = map_page(page)?;
        }
        let mut seen = busy.load(Ordering::Relaxed);
        loop {
            let free = !seen & all;
            if free == 0 {
                break;
            }
            let index = free.trailing_zeros();
            // Acquire: the previous holder's use of the state (released
            // below) happens before ours.
            match busy.compare_exchange_weak(
                seen,
                seen | 1 << index,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => {
                    return Some(Claim {
                        page,
                        index,
                        address: base + index as usize * state_size,
                    });
                }
                Err(now) => seen = now,
            }
        }
    }
    None
}

fn release(claim: Claim) {
    POOL_BUSY[claim.page].fetch_and(!(1u64 << claim.index), Ordering::Release);
}

/// Maps page `page` of the pool as the kernel asked. Two callers racing for
/// the same page both map one; the loser unmaps its own.
#[cold]
fn map_page(page: usize) -> Option<usize> {
    let len = PAGE_SIZE.load(Ordering::Relaxed);
    // SAFETY: a fresh anonymous mapping; nothing else is touched.
    let mapped = unsafe {
        libc::mmap(
            core::ptr::null_mut(),
            len,
            MAP_PROT.load(Ordering::Relaxed),
            MAP_FLAGS.load(Ordering::Relaxed),
            -1,
            0,
        )
    };
    if mapped == libc::MAP_FAILED {
        return None;
    }
    match POOL_PAGES[page].compare_exchange(0, mapped as usize, Ordering::AcqRel, Ordering::Acquire)
    {
        Ok(_) => Some(mapped as usize),
        Err(winner) => {
            // SAFETY: our own mapping, never published.
            unsafe { libc::munmap(mapped, len) };
            Some(winner)
        }
    }
}

/// Fills `dest` through the vDSO with a state of the pool, or with the
/// system call when no state can be had.
pub(super) fn fill(dest: &mut [u8]) -> Result<(), Failed> {
    let Some(claim) = claim() else {
        return super::syscall::fill(dest);
    };
    // SAFETY: resolution stored a vDSO function of this signature before
    // the path was published (acquire in `os_entropy::path`).
    let entry: VgetrandomFn =
        unsafe { core::mem::transmute::<usize, VgetrandomFn>(ENTRY.load(Ordering::Relaxed)) };
    let state_size = STATE_SIZE.load(Ordering::Relaxed);
    let mut result = Ok(());
    let mut done = 0;
    while done < dest.len() {
        let rest = &mut dest[done..];
        // SAFETY: `rest` is writable for its length; the state is ours
        // (claimed), of the kernel's size, inside one page mapped as asked.
        let got = unsafe {
            entry(
                rest.as_mut_ptr().cast(),
                rest.len(),
                0,
                claim.address as *mut c_void,
                state_size,
            )
        };
        if got > 0 {
            done += (got as usize).min(rest.len());
        } else if got != -(libc::EINTR as isize) {
            // The vDSO returns -errno (it falls back to the system call
            // itself whenever it cannot serve the request).
            result = Err(Failed);
            break;
        }
    }
    release(claim);
    result
}

/// Pages the pool has mapped so far (for tests of its bound).
#[cfg(test)]
pub(super) fn pages_mapped() -> usize {
    POOL_PAGES
        .iter()
        .filter(|p| p.load(Ordering::Relaxed) != 0)
        .count()
}

/// States per page (for tests of the pool's bound).
#[cfg(test)]
pub(super) fn states_per_page() -> usize {
    STATES_PER_PAGE.load(Ordering::Relaxed)
}

/// Reading the vDSO's dynamic symbol table (the vDSO has no section headers
/// to rely on: only the program headers and the dynamic segment).
mod elf {
    use super::*;

    #[cfg(target_pointer_width = "64")]
    mod types {
        pub(super) type Ehdr = libc::Elf64_Ehdr;
        pub(super) type Phdr = libc::Elf64_Phdr;
        pub(super) type Sym = libc::Elf64_Sym;
        pub(super) type Word = u64; // d_tag / d_val
        pub(super) const CLASS: u8 = 2;
        pub(super) fn st_type(info: u8) -> u8 {
            info & 0xf
        }
        pub(super) fn st_bind(info: u8) -> u8 {
            info >> 4
        }
    }
    #[cfg(target_pointer_width = "32")]
    mod types {
        pub(super) type Ehdr = libc::Elf32_Ehdr;
        pub(super) type Phdr = libc::Elf32_Phdr;
        pub(super) type Sym = libc::Elf32_Sym;
        pub(super) type Word = u32;
        pub(super) const CLASS: u8 = 1;
        pub(super) fn st_type(info: u8) -> u8 {
            info & 0xf
        }
        pub(super) fn st_bind(info: u8) -> u8 {
            info >> 4
        }
    }
    use types::*;

    const PT_LOAD: u32 = 1;
    const PT_DYNAMIC: u32 = 2;
    const DT_NULL: Word = 0;
    const DT_HASH: Word = 4;
    const DT_STRTAB: Word = 5;
    const DT_SYMTAB: Word = 6;
    const DT_GNU_HASH: Word = 0x6fff_fef5;
    const DT_VERSYM: Word = 0x6fff_fff0;
    const DT_VERDEF: Word = 0x6fff_fffc;
    const STT_FUNC: u8 = 2;
    const STB_GLOBAL: u8 = 1;
    const STB_WEAK: u8 = 2;
    const VER_FLG_BASE: u16 = 1;

    #[repr(C)]
    struct Verdef {
        vd_version: u16,
        vd_flags: u16,
        vd_ndx: u16,
        vd_cnt: u16,
        vd_hash: u32,
        vd_aux: u32,
        vd_next: u32,
    }
    #[repr(C)]
    struct Verdaux {
        vda_name: u32,
        vda_next: u32,
    }

    unsafe fn at<T>(address: usize) -> T {
        unsafe { (address as *const T).read_unaligned() }
    }

    unsafe fn name_at(strtab: usize, offset: u32) -> &'static [u8] {
        unsafe { CStr::from_ptr((strtab + offset as usize) as *const c_char) }.to_bytes()
    }

    /// The address of the function `name` of version `version` in the ELF
    /// image loaded at `base`, or `None`.
    ///
    /// # Safety
    /// `base` is the address of a loaded, well-formed ELF shared object (the
    /// vDSO).
    pub(super) unsafe fn find_symbol(base: usize, name: &[u8], version: &[u8]) -> Option<usize> {
        unsafe {
            let ehdr: Ehdr = at(base);
            if ehdr.e_ident[..4] != *b"\x7fELF"
                || ehdr.e_ident[4] != CLASS
                || usize::from(ehdr.e_phentsize) != size_of::<Phdr>()
            {
                return None;
            }
            // The load offset: where the image's virtual address 0 lies.
            let mut load_offset = None;
            let mut dynamic = None;
            for i in 0..usize::from(ehdr.e_phnum) {
                let ph: Phdr = at(base + ehdr.e_phoff as usize + i * size_of::<Phdr>());
                if ph.p_type == PT_LOAD && load_offset.is_none() {
                    load_offset = Some(
                        base.wrapping_add(ph.p_offset as usize)
                            .wrapping_sub(ph.p_vaddr as usize),
                    );
                } else if ph.p_type == PT_DYNAMIC {
                    dynamic = Some(base + ph.p_offset as usize);
                }
            }
            let (load_offset, dynamic) = (load_offset?, dynamic?);

            let (mut strtab, mut symtab, mut hash, mut gnu_hash, mut versym, mut verdef) =
                (0, 0, 0, 0, 0, 0);
            let mut entry = dynamic;
            loop {
                let tag: Word = at(entry);
                let value: Word = at(entry + size_of::<Word>());
                let address = load_offset.wrapping_add(value as usize);
                match tag {
                    DT_NULL => break,
                    DT_STRTAB => strtab = address,
                    DT_SYMTAB => symtab = address,
                    DT_HASH => hash = address,
                    DT_GNU_HASH => gnu_hash = address,
                    DT_VERSYM => versym = address,
                    DT_VERDEF => verdef = address,
                    _ => {}
                }
                entry += 2 * size_of::<Word>();
            }
            if strtab == 0 || symtab == 0 {
                return None;
            }
            let count = if hash != 0 {
                // DT_HASH: nbucket, nchain; nchain is the number of symbols.
                at::<u32>(hash + 4) as usize
            } else if gnu_hash != 0 {
                gnu_hash_symbol_count(gnu_hash)
            } else {
                return None;
            };
            for i in 0..count {
                let sym: Sym = at(symtab + i * size_of::<Sym>());
                if st_type(sym.st_info) != STT_FUNC
                    || !matches!(st_bind(sym.st_info), STB_GLOBAL | STB_WEAK)
                    || sym.st_shndx == 0
                    || name_at(strtab, sym.st_name) != name
                {
                    continue;
                }
                if versym != 0 && verdef != 0 {
                    let index = at::<u16>(versym + 2 * i) & 0x7fff;
                    if version_name(verdef, strtab, index) != Some(version) {
                        continue;
                    }
                }
                return Some(load_offset.wrapping_add(sym.st_value as usize));
            }
            None
        }
    }

    /// The name of version `index` in the version definitions at `verdef`.
    unsafe fn version_name(verdef: usize, strtab: usize, index: u16) -> Option<&'static [u8]> {
        unsafe {
            let mut def = verdef;
            loop {
                let d: Verdef = at(def);
                if d.vd_flags & VER_FLG_BASE == 0 && d.vd_ndx & 0x7fff == index {
                    let aux: Verdaux = at(def + d.vd_aux as usize);
                    return Some(name_at(strtab, aux.vda_name));
                }
                if d.vd_next == 0 {
                    return None;
                }
                def += d.vd_next as usize;
            }
        }
    }

    /// Number of symbols in a table indexed by a DT_GNU_HASH section: one
    /// past the last symbol of the longest chain.
    unsafe fn gnu_hash_symbol_count(table: usize) -> usize {
        unsafe {
            let nbuckets = at::<u32>(table) as usize;
            let symoffset = at::<u32>(table + 4) as usize;
            let bloom_size = at::<u32>(table + 8) as usize;
            let buckets = table + 16 + bloom_size * size_of::<usize>();
            let chains = buckets + 4 * nbuckets;
            let last = (0..nbuckets)
                .map(|b| at::<u32>(buckets + 4 * b) as usize)
                .max()
                .unwrap_or(0);
            if last < symoffset {
                return symoffset;
            }
            let mut i = last;
            while at::<u32>(chains + 4 * (i - symoffset)) & 1 == 0 {
                i += 1;
            }
            i + 1
        }
    }
}
