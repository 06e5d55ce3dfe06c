//! The rules the benchmark numbers rest on, checked as a user's program sees
//! them: `ctests/os_requests_and_heap.c` interposes every way to the
//! kernel's random source (the vDSO, through `getauxval()`; the raw
//! `syscall()`; the C library's `getrandom()`), the `malloc()` family and
//! `mmap()`/`munmap()` (so it must be linked with `-rdynamic`, which is why
//! it is not a `ctests/test_*.c` file) and shows, against both libsecrets.a
//! and libsecrets.so, on the vDSO path and on the system-call path, that
//! every generator keeps the request promise (outputs over 256 bytes make
//! one 32-byte request that keys a per-call ChaCha20 stream; every other
//! call makes one request in at least 99 % of calls, and a third request has
//! probability below 2^-64) and that no call allocates or maps memory. This
//! test also fails when a function of `include/secrets.h` is not exercised
//! there.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

mod common;

use common::{LINKAGES, build_c_program, root};
use std::collections::BTreeSet;

/// Every function the public header declares.
fn header_functions() -> BTreeSet<String> {
    let header = std::fs::read_to_string(root().join("include/secrets.h")).unwrap();
    header
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with('*') && !l.starts_with('#') && l.contains("secrets_"))
        .filter_map(|l| {
            let name = l.split('(').next()?.rsplit([' ', '*']).next()?;
            (l.contains('(') && name.starts_with("secrets_")).then(|| name.to_string())
        })
        .collect()
}

#[test]
fn the_request_promise_and_no_heap_allocation_on_every_path() {
    let expected = header_functions();
    assert!(
        expected.len() > 10,
        "found too few functions in the header: {expected:?}"
    );
    let source = root().join("ctests/os_requests_and_heap.c");
    for linkage in LINKAGES {
        let program = build_c_program(&source, linkage, &["-rdynamic", "-ldl"]);
        for path in [None, Some("syscall")] {
            let output = run_c_program_with_env(&program, "SECRETS_ENTROPY_PATH", path);
            let stdout = String::from_utf8_lossy(&output.stdout);
            println!("{}", stdout.lines().last().unwrap_or(""));
            assert!(
                output.status.success(),
                "os_requests_and_heap ({linkage}, SECRETS_ENTROPY_PATH {path:?}) failed"
            );
            let want = if path.is_some() {
                "path syscall"
            } else {
                "path vdso"
            };
            assert!(
                stdout
                    .lines()
                    .any(|l| l == want || (path.is_none() && l == "path libc")),
                "the requests did not take the expected path: {want}"
            );
            let covered: BTreeSet<String> = stdout
                .lines()
                .filter_map(|l| l.strip_prefix("covered "))
                .map(str::to_string)
                .collect();
            let missing: Vec<_> = expected.difference(&covered).collect();
            assert!(
                missing.is_empty(),
                "functions of include/secrets.h not checked in ctests/os_requests_and_heap.c: {missing:?}"
            );
        }
    }
}

/// [`run_c_program`]'s twin with one environment variable set (or removed).
fn run_c_program_with_env(
    exe: &std::path::Path,
    name: &str,
    value: Option<&str>,
) -> std::process::Output {
    let mut command = std::process::Command::new(exe);
    command.env("LD_LIBRARY_PATH", common::library_dir());
    match value {
        Some(v) => command.env(name, v),
        None => command.env_remove(name),
    };
    let output = command.output().expect("run the C program");
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    output
}
