//! Runs every C test program in `ctests/` (written against the public header
//! only) inside a plain `cargo test`: each is compiled with the `cc` crate's
//! compiler, linked once against `libsecrets.a` and once against
//! `libsecrets.so`, and must exit 0.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The directory holding the libsecrets.{a,so} cargo built for this test run.
fn library_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    exe.parent().expect("deps directory").to_path_buf()
}

fn c_tests() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ctests");
    let mut tests: Vec<PathBuf> = std::fs::read_dir(&dir)
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

/// Compiles `source` linked the given way; returns the executable.
fn build(source: &Path, linkage: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib_dir = library_dir();
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ctests");
    std::fs::create_dir_all(&out_dir).unwrap();
    let stem = source.file_stem().unwrap().to_string_lossy();
    let exe = out_dir.join(format!("{stem}-{linkage}"));
    let compiler = cc::Build::new()
        .target(env!("SECRETS_BUILD_TARGET"))
        .host(env!("SECRETS_BUILD_HOST"))
        .opt_level(1)
        .cargo_metadata(false)
        .get_compiler();
    let mut cmd = compiler.to_command();
    cmd.args([
        "-std=c11",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-D_DEFAULT_SOURCE",
    ])
    .arg("-I")
    .arg(root.join("include"))
    .arg("-I")
    .arg(root.join("ctests"))
    .arg(source)
    .arg("-o")
    .arg(&exe);
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
        "compiling {} ({linkage}) failed",
        source.display()
    );
    exe
}

fn run(exe: &Path) -> bool {
    let output = Command::new(exe)
        .env("LD_LIBRARY_PATH", library_dir())
        .output()
        .expect("run a C test");
    print!("{}", String::from_utf8_lossy(&output.stdout));
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    output.status.success()
}

#[test]
fn c_tests_pass_against_static_and_shared_library() {
    let tests = c_tests();
    assert!(!tests.is_empty(), "no ctests/test_*.c found");
    let mut failed = Vec::new();
    for source in &tests {
        for linkage in ["static", "shared"] {
            if !run(&build(source, linkage)) {
                failed.push(format!("{} ({linkage})", source.display()));
            }
        }
    }
    assert!(failed.is_empty(), "C tests failed: {failed:?}");
}
