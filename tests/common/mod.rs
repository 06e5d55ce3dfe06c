//! Building and running the C test programs of `ctests/` against the
//! libsecrets.a and libsecrets.so that cargo built for this test run, with
//! the `cc` crate's compiler (shared by the integration tests).
#![allow(dead_code)] // each test binary uses its own part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// How a C test program gets libsecrets.
pub const LINKAGES: [&str; 2] = ["static", "shared"];

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The directory holding the libsecrets.{a,so} cargo built for this test run.
pub fn library_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    exe.parent().expect("deps directory").to_path_buf()
}

/// Compiles `source` (with `-std=c11 -Wall -Wextra -Werror` and any
/// `extra_flags`) linked the given way; returns the executable.
pub fn build_c_program(source: &Path, linkage: &str, extra_flags: &[&str]) -> PathBuf {
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
    .args(extra_flags)
    .arg("-I")
    .arg(root().join("include"))
    .arg("-I")
    .arg(root().join("ctests"))
    .arg(source)
    .arg("-o")
    .arg(&exe);
    let lib_dir = library_dir();
    match linkage {
        // The system libraries `rustc --print native-static-libs` reports.
        "static" => cmd.arg(lib_dir.join("libsecrets.a")).args(
            include_str!("../../cmake/native-static-libs.txt")
                .split_whitespace()
                .map(|lib| format!("-l{lib}")),
        ),
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

/// Runs a built C program with the shared library on its path, echoing its
/// stderr (cargo shows it for failed tests).
pub fn run_c_program(exe: &Path) -> Output {
    let output = Command::new(exe)
        .env("LD_LIBRARY_PATH", library_dir())
        .output()
        .expect("run a C test program");
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    output
}
