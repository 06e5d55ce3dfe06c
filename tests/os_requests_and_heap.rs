//! The rules the benchmark numbers rest on, checked as a user's program sees
//! them: `ctests/os_requests_and_heap.c` interposes `getrandom()` and the
//! `malloc()` family (so it must be linked with `-rdynamic`, which is why it
//! is not a `ctests/test_*.c` file) and shows, against both libsecrets.a and
//! libsecrets.so, that every generator makes exactly one OS request per call
//! (typical and 4 KiB outputs) and that no call allocates. This test also
//! fails when a function of `include/secrets.h` is not exercised there.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The directory holding the libsecrets.{a,so} cargo built for this test run.
fn library_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    exe.parent().expect("deps directory").to_path_buf()
}

fn build(linkage: &str) -> PathBuf {
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ctests");
    std::fs::create_dir_all(&out_dir).unwrap();
    let exe = out_dir.join(format!("os_requests_and_heap-{linkage}"));
    let compiler = cc::Build::new()
        .target(env!("SECRETS_BUILD_TARGET"))
        .host(env!("SECRETS_BUILD_HOST"))
        .opt_level(1)
        .cargo_metadata(false)
        .get_compiler();
    let mut cmd = compiler.to_command();
    cmd.args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-rdynamic"])
        .arg("-I")
        .arg(root().join("include"))
        .arg(root().join("ctests/os_requests_and_heap.c"))
        .arg("-o")
        .arg(&exe);
    let lib_dir = library_dir();
    match linkage {
        "static" => cmd.arg(lib_dir.join("libsecrets.a")).args([
            "-lpthread",
            "-ldl",
            "-lm",
            "-lrt",
            "-lgcc_s",
            "-lutil",
        ]),
        _ => cmd
            .arg(format!("-L{}", lib_dir.display()))
            .args(["-lsecrets", "-lm"]),
    };
    let status = cmd.status().expect("run the C compiler");
    assert!(
        status.success(),
        "compiling os_requests_and_heap.c ({linkage}) failed"
    );
    exe
}

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
    for linkage in ["static", "shared"] {
        let output = Command::new(build(linkage))
            .env("LD_LIBRARY_PATH", library_dir())
            .output()
            .expect("run os_requests_and_heap");
        let stdout = String::from_utf8_lossy(&output.stdout);
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
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
