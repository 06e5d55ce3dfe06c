//! The rules the benchmark numbers rest on, checked as a user's program sees
//! them: `ctests/os_requests_and_heap.c` interposes `getrandom()` and the
//! `malloc()` family (so it must be linked with `-rdynamic`, which is why it
//! is not a `ctests/test_*.c` file) and shows, against both libsecrets.a and
//! libsecrets.so, that every generator makes exactly one OS request per call
//! (typical and 4 KiB outputs) and that no call allocates. This test also
//! fails when a function of `include/secrets.h` is not exercised there.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

mod common;

use common::{LINKAGES, build_c_program, root, run_c_program};
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
fn one_os_request_per_generator_call_and_no_heap_allocation() {
    let expected = header_functions();
    assert!(
        expected.len() > 10,
        "found too few functions in the header: {expected:?}"
    );
    let source = root().join("ctests/os_requests_and_heap.c");
    for linkage in LINKAGES {
        let output = run_c_program(&build_c_program(&source, linkage, &["-rdynamic"]));
        let stdout = String::from_utf8_lossy(&output.stdout);
        println!("{}", stdout.lines().last().unwrap_or(""));
        assert!(
            output.status.success(),
            "os_requests_and_heap ({linkage}) failed"
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
