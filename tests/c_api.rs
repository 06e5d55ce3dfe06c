//! Runs every C test program in `ctests/` (written against the public header
//! only) inside a plain `cargo test`: each is compiled with the `cc` crate's
//! compiler, linked once against `libsecrets.a` and once against
//! `libsecrets.so`, and must exit 0.

mod common;

use common::{LINKAGES, build_c_program, root, run_c_program};
use std::path::PathBuf;

fn c_tests() -> Vec<PathBuf> {
    let mut tests: Vec<PathBuf> = std::fs::read_dir(root().join("ctests"))
        .expect("ctests directory")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("test_") && name.ends_with(".c")
        })
        .collect();
    tests.sort();
    tests
}

#[test]
fn c_tests_pass_against_static_and_shared_library() {
    let tests = c_tests();
    assert!(!tests.is_empty(), "no ctests/test_*.c found");
    let mut failed = Vec::new();
    for source in &tests {
        for linkage in LINKAGES {
            let output = run_c_program(&build_c_program(source, linkage, &[]));
            print!("{}", String::from_utf8_lossy(&output.stdout));
            if !output.status.success() {
                failed.push(format!("{} ({linkage})", source.display()));
            }
        }
    }
    assert!(failed.is_empty(), "C tests failed: {failed:?}");
}
