//! Each path of the OS source, forced in turn: output, fork safety, a signal
//! handler calling in the middle of a call, and the pool's bound.

use super::linux::*;
use super::vdso;
use core::sync::atomic::AtomicU8;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Whether this kernel should have the vDSO getrandom (x86-64, 6.11+):
/// there the vDSO path must resolve, not quietly fall back.
fn kernel_has_vdso_getrandom() -> bool {
    let mut uts: libc::utsname = unsafe { core::mem::zeroed() };
    assert_eq!(unsafe { libc::uname(&mut uts) }, 0);
    let release = unsafe { core::ffi::CStr::from_ptr(uts.release.as_ptr()) };
    cfg!(target_arch = "x86_64") && glibc_at_least(release.to_bytes(), 6, 11)
}

/// The paths that work on this machine.
fn working_paths() -> Vec<Path> {
    let mut paths = vec![Path::Syscall];
    if vdso::resolve() {
        paths.push(Path::Vdso);
    } else {
        assert!(
            !kernel_has_vdso_getrandom(),
            "this kernel exports __vdso_getrandom but it was not found"
        );
        eprintln!("note: no vDSO getrandom on this kernel; its path is not exercised");
    }
    #[cfg(target_env = "gnu")]
    paths.push(Path::Libc);
    paths
}

#[test]
fn version_texts() {
    assert!(glibc_at_least(b"2.41", 2, 41));
    assert!(glibc_at_least(b"2.42.9000", 2, 41));
    assert!(glibc_at_least(b"3.0", 2, 41));
    assert!(!glibc_at_least(b"2.36", 2, 41));
    assert!(!glibc_at_least(b"2.4", 2, 41));
    assert!(!glibc_at_least(b"", 2, 41));
    assert!(!glibc_at_least(b"2", 2, 41));
    assert!(!glibc_at_least(b"99999999999.1", 2, 41));
}

#[test]
fn every_path_fills_every_length() {
    for path in working_paths() {
        for len in [
            1usize,
            7,
            16,
            31,
            32,
            33,
            255,
            256,
            257,
            1263,
            4096,
            65536,
            1 << 20,
        ] {
            let mut a = vec![0u8; len];
            let mut b = vec![0u8; len];
            fill_by(path, &mut a).unwrap();
            fill_by(path, &mut b).unwrap();
            if len >= 16 {
                assert_ne!(a, b, "{path:?}: two {len}-byte outputs are equal");
                // A wholly zero tail would be an unfilled buffer.
                assert!(a[len - 16..].iter().any(|&x| x != 0), "{path:?} {len}");
            }
        }
    }
}

#[test]
fn the_fail_path_fails_and_empty_requests_succeed() {
    assert_eq!(fill_by(Path::Fail, &mut [0u8; 8]), Err(Failed));
    assert_eq!(fill(&mut []), Ok(()));
}

#[test]
fn bytes_are_uniform_enough() {
    // A coarse check that catches a constant or stuck source: every byte
    // value appears in 64 KiB (expected 256 times each; the chance that
    // one is missing is below 2^-360).
    for path in working_paths() {
        let mut buf = vec![0u8; 65536];
        fill_by(path, &mut buf).unwrap();
        let mut seen = [0usize; 256];
        buf.iter().for_each(|&b| seen[b as usize] += 1);
        assert!(seen.iter().all(|&n| n > 100), "{path:?}: {seen:?}");
    }
}

/// Forks `children` processes after the parent has used `path`; each child
/// and the parent then draw 32 bytes. No two may be equal.
fn fork_outputs(path: Path, children: usize) -> Vec<[u8; 32]> {
    let mut warm = [0u8; 32];
    fill_by(path, &mut warm).unwrap();
    let mut fds = [0i32; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    let mut pids = Vec::new();
    for _ in 0..children {
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0);
        if pid == 0 {
            // The child: only async-signal-safe calls until _exit.
            let mut out = [0u8; 32];
            let ok = fill_by(path, &mut out).is_ok();
            let status = if ok {
                let written = unsafe { libc::write(fds[1], out.as_ptr().cast(), 32) };
                i32::from(written != 32)
            } else {
                2
            };
            unsafe { libc::_exit(status) };
        }
        pids.push(pid);
    }
    unsafe { libc::close(fds[1]) };
    let mut outputs = vec![warm];
    let mut mine = [0u8; 32];
    fill_by(path, &mut mine).unwrap();
    outputs.push(mine);
    for pid in pids {
        let mut status = 0;
        assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "{path:?}: a child failed"
        );
    }
    loop {
        let mut out = [0u8; 32];
        let n = unsafe { libc::read(fds[0], out.as_mut_ptr().cast(), 32) };
        if n != 32 {
            assert_eq!(n, 0, "short read from the pipe");
            break;
        }
        outputs.push(out);
    }
    unsafe { libc::close(fds[0]) };
    outputs
}

#[test]
fn fork_children_never_repeat_the_parent_or_a_sibling() {
    for path in working_paths() {
        let outputs = fork_outputs(path, 16);
        assert_eq!(outputs.len(), 18, "{path:?}");
        let mut sorted = outputs.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            sorted.len(),
            outputs.len(),
            "{path:?}: repeated output after fork"
        );
    }
}

static IN_CALL: AtomicBool = AtomicBool::new(false);
static HANDLER_CALLS: AtomicUsize = AtomicUsize::new(0);
static HANDLER_MID_CALL: AtomicUsize = AtomicUsize::new(0);
static HANDLER_BAD: AtomicUsize = AtomicUsize::new(0);
static HANDLER_LAST: Mutex<[u8; 32]> = Mutex::new([0; 32]);
static SIGNAL_PATH: AtomicU8 = AtomicU8::new(0);

extern "C" fn on_signal(_: libc::c_int) {
    let path = if SIGNAL_PATH.load(Ordering::Relaxed) == Path::Vdso as u8 {
        Path::Vdso
    } else {
        Path::Syscall
    };
    if IN_CALL.load(Ordering::Relaxed) {
        HANDLER_MID_CALL.fetch_add(1, Ordering::Relaxed);
    }
    HANDLER_CALLS.fetch_add(1, Ordering::Relaxed);
    let mut out = [0u8; 32];
    // try_lock: the handler never blocks (the main thread does not hold it).
    let bad = match (fill_by(path, &mut out), HANDLER_LAST.try_lock()) {
        (Ok(()), Ok(mut last)) => {
            let repeated = *last == out || out == [0; 32];
            *last = out;
            repeated
        }
        _ => true,
    };
    if bad {
        HANDLER_BAD.fetch_add(1, Ordering::Relaxed);
    }
}

#[test]
fn a_signal_handler_calling_mid_call_gets_its_own_output() {
    let paths: Vec<Path> = working_paths()
        .into_iter()
        .filter(|p| matches!(p, Path::Vdso | Path::Syscall))
        .collect();
    for path in paths {
        SIGNAL_PATH.store(path as u8, Ordering::Relaxed);
        HANDLER_CALLS.store(0, Ordering::Relaxed);
        HANDLER_MID_CALL.store(0, Ordering::Relaxed);
        HANDLER_BAD.store(0, Ordering::Relaxed);
        unsafe {
            let mut action: libc::sigaction = core::mem::zeroed();
            action.sa_sigaction = on_signal as *const () as usize;
            action.sa_flags = libc::SA_RESTART;
            assert_eq!(
                libc::sigaction(libc::SIGUSR1, &action, core::ptr::null_mut()),
                0
            );
        }
        let target = unsafe { libc::pthread_self() };
        let stop = Arc::new(AtomicBool::new(false));
        let sender = {
            let stop = stop.clone();
            let target = target as usize;
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    unsafe { libc::pthread_kill(target as libc::pthread_t, libc::SIGUSR1) };
                    std::thread::yield_now();
                }
            })
        };
        let mut previous = vec![0u8; 16384];
        let mut buf = vec![0u8; 16384];
        let start = std::time::Instant::now();
        while HANDLER_MID_CALL.load(Ordering::Relaxed) < 200
            && start.elapsed() < std::time::Duration::from_secs(10)
        {
            IN_CALL.store(true, Ordering::Relaxed);
            let r = fill_by(path, &mut buf);
            IN_CALL.store(false, Ordering::Relaxed);
            assert_eq!(r, Ok(()), "{path:?}");
            assert_ne!(buf, previous, "{path:?}");
            core::mem::swap(&mut buf, &mut previous);
        }
        stop.store(true, Ordering::Relaxed);
        sender.join().unwrap();
        unsafe { libc::signal(libc::SIGUSR1, libc::SIG_IGN) };
        let mid = HANDLER_MID_CALL.load(Ordering::Relaxed);
        assert!(mid >= 200, "{path:?}: only {mid} signals arrived mid-call");
        assert_eq!(HANDLER_BAD.load(Ordering::Relaxed), 0, "{path:?}");
    }
}

#[test]
fn concurrent_callers_never_share_a_state() {
    if !vdso::resolve() {
        return;
    }
    let threads: Vec<_> = (0..16)
        .map(|_| {
            std::thread::spawn(|| {
                (0..2000)
                    .map(|_| {
                        let mut out = [0u8; 16];
                        fill_by(Path::Vdso, &mut out).unwrap();
                        out
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut all: Vec<[u8; 16]> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n, "two calls returned the same 16 bytes");
}

#[test]
fn a_hundred_thousand_short_lived_threads_do_not_grow_the_pool() {
    if !vdso::resolve() {
        return;
    }
    // Waves of 4 threads, each making one call and exiting.
    for _ in 0..25_000 {
        let wave: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(|| {
                    let mut out = [0u8; 16];
                    fill_by(Path::Vdso, &mut out).unwrap();
                })
            })
            .collect();
        wave.into_iter().for_each(|t| t.join().unwrap());
    }
    // The other tests of this binary run at the same time (16 threads at
    // most): two pages hold far more states than can be claimed at once.
    let pages = vdso::pages_mapped();
    assert!(
        (1..=2).contains(&pages),
        "{pages} pages of {} states each",
        vdso::states_per_page()
    );
}
