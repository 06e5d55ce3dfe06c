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
    build_program(source, "c11", linkage, extra_flags)
}

/// Compiles `source` as the language standard `std` (`c99`, `c11`,
/// `c++11`, `c++17`, `c++20`: C++ when it starts with `c++`) with
/// `-Wall -Wextra -Werror` and any `extra_flags`, linked the given way;
/// returns the executable (named after the source, standard and linkage).
pub fn build_program(source: &Path, std: &str, linkage: &str, extra_flags: &[&str]) -> PathBuf {
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ctests");
    std::fs::create_dir_all(&out_dir).unwrap();
    let stem = source.file_stem().unwrap().to_string_lossy();
    let exe = out_dir.join(format!("{stem}-{std}-{linkage}"));
    let mut cmd = compiler(std.starts_with("c++")).to_command();
    cmd.args([
        format!("-std={std}").as_str(),
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
        "static" => cmd
            .arg(lib_dir.join("libsecrets.a"))
            .args(native_static_libs().map(|lib| format!("-l{lib}"))),
        _ => cmd
            .arg(format!("-L{}", lib_dir.display()))
            .args(["-lsecrets", "-lm"]),
    };
    let output = cmd.output().expect("run the compiler");
    assert!(
        output.status.success(),
        "compiling {} ({std}, {linkage}) failed:\n{}",
        source.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    exe
}

/// The `cc` crate's C or C++ compiler for this target.
pub fn compiler(cpp: bool) -> cc::Tool {
    cc::Build::new()
        .target(env!("SECRETS_BUILD_TARGET"))
        .host(env!("SECRETS_BUILD_HOST"))
        .cpp(cpp)
        .opt_level(1)
        .cargo_metadata(false)
        .get_compiler()
}

/// The system libraries libsecrets.a needs (cmake/native-static-libs.txt).
pub fn native_static_libs() -> impl Iterator<Item = &'static str> {
    include_str!("../../cmake/native-static-libs.txt").split_whitespace()
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
