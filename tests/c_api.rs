//! The C and C++ side of a plain `cargo test`, with the `cc` crate's
//! compilers: every C test program in `ctests/` (written against the public
//! header only), linked once against `libsecrets.a` and once against
//! `libsecrets.so`; the header as strict C99/C11/C++11/C++17; the C++ API
//! (`secrets.hpp`) as C++17 and C++20; and the exported symbols (only the
//! header's functions, each with its ELF version node). Each program must
//! exit 0.

mod common;

use common::{
    LINKAGES, build_c_program, build_program, compiler, library_dir, native_static_libs, root,
    run_c_program,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// The header on its own as strict C99 and C11, and from C++ as strict
/// C++11 and C++17 (`-Wpedantic` too); each program checks the ABI it sees
/// against the library and must exit 0.
#[test]
fn header_is_strict_c_and_cxx() {
    let header_check = root().join("ctests/header/header_check.c");
    let test_cpp = root().join("ctests/cpp/test_cpp.cpp");
    let builds = [
        (&header_check, "c99"),
        (&header_check, "c11"),
        (&test_cpp, "c++11"),
        (&test_cpp, "c++17"),
    ];
    let mut failed = Vec::new();
    for (source, std) in builds {
        let exe = build_program(source, std, "shared", &["-Wpedantic"]);
        if !run_c_program(&exe).status.success() {
            failed.push(format!("{} ({std})", source.display()));
        }
    }
    assert!(
        failed.is_empty(),
        "strict header programs failed: {failed:?}"
    );
}

/// secrets.hpp, the C++ API: its tests as strict C++17 and C++20, against
/// each library, and `[[nodiscard]]` turning a dropped verification result
/// into an error.
#[test]
fn cpp_api_tests_pass_as_cxx17_and_cxx20() {
    let test_hpp = root().join("ctests/cpp/test_hpp.cpp");
    let mut failed = Vec::new();
    for (std, linkage) in [("c++17", "static"), ("c++20", "shared")] {
        let exe = build_program(&test_hpp, std, linkage, &["-Wpedantic"]);
        let output = run_c_program(&exe);
        print!("{}", String::from_utf8_lossy(&output.stdout));
        if !output.status.success() {
            failed.push(format!("{std} ({linkage})"));
        }
    }
    assert!(failed.is_empty(), "test_hpp.cpp failed: {failed:?}");

    let nodiscard = root().join("ctests/cpp/nodiscard_hpp.cpp");
    let syntax_ok = |extra: &[&str]| {
        compiler(true)
            .to_command()
            .args(["-std=c++17", "-Wall", "-Wextra", "-Wpedantic", "-Werror"])
            .args(["-fsyntax-only", "-I"])
            .arg(root().join("include"))
            .args(extra)
            .arg(&nodiscard)
            .output()
            .expect("run the C++ compiler")
    };
    let kept = syntax_ok(&[]);
    assert!(
        kept.status.success(),
        "nodiscard_hpp.cpp must compile as it is:\n{}",
        String::from_utf8_lossy(&kept.stderr)
    );
    // Captured, not printed: the expected error would look like a failure in the log.
    let dropped = syntax_ok(&["-DSECRETS_IGNORE_RESULT"]);
    assert!(
        !dropped.status.success()
            && String::from_utf8_lossy(&dropped.stderr).contains("unused-result"),
        "a dropped verification result must fail to compile for being unused"
    );
}

/// The functions `include/secrets.h` declares.
fn header_functions() -> BTreeSet<String> {
    let header = std::fs::read_to_string(root().join("include/secrets.h")).unwrap();
    header
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with('*') && !l.starts_with("/*") && !l.starts_with('#'))
        .filter_map(|l| {
            let name = l[..l.find('(')?].rsplit([' ', '*']).next()?;
            name.starts_with("secrets_").then(|| name.to_string())
        })
        .collect()
}

/// `nm -D --defined-only`: (name with any @@VERSION, type letter) of each
/// defined dynamic symbol.
#[cfg(target_os = "linux")]
fn dynamic_symbols(library: &Path) -> Vec<(String, String)> {
    let output = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(library)
        .output()
        .expect("run nm (binutils)");
    assert!(output.status.success(), "nm -D {}", library.display());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let mut fields = l.split_whitespace().rev();
            let name = fields.next()?.to_string();
            let kind = fields.next()?.to_string();
            Some((name, kind))
        })
        .collect()
}

/// What the shared library exports is exactly what the header declares, and
/// nothing else (no Rust or std symbol); linked as CMake links the shipped
/// one (the archive with abi/libsecrets.map), every function carries a
/// version node of the map and the library its SONAME.
#[cfg(target_os = "linux")]
#[test]
fn exports_are_the_header_functions_with_version_nodes() {
    let declared = header_functions();
    assert!(declared.len() > 40, "header functions: {declared:?}");

    // cargo's own cdylib.
    let cdylib = library_dir().join("libsecrets.so");
    let exported: BTreeSet<String> = dynamic_symbols(&cdylib)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(exported, declared, "libsecrets.so exports vs secrets.h");

    // The shipped form: the whole archive, the version script, the SONAME.
    let map = root().join("abi/libsecrets.map");
    let nodes: BTreeSet<String> = std::fs::read_to_string(&map)
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().strip_suffix('{'))
        .map(|l| l.trim().to_string())
        .filter(|n| n.starts_with("LIBSECRETS_"))
        .collect();
    assert!(
        !nodes.is_empty(),
        "no LIBSECRETS_ node in {}",
        map.display()
    );
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("versioned");
    std::fs::create_dir_all(&out_dir).unwrap();
    let shipped = out_dir.join("libsecrets.so.0");
    let status = compiler(false)
        .to_command()
        .args(["-shared", "-o"])
        .arg(&shipped)
        .arg("-Wl,--whole-archive")
        .arg(library_dir().join("libsecrets.a"))
        .arg("-Wl,--no-whole-archive")
        .arg(format!("-Wl,--version-script={}", map.display()))
        .args(["-Wl,-soname,libsecrets.so.0", "-Wl,--gc-sections"])
        .args(native_static_libs().map(|lib| format!("-l{lib}")))
        .status()
        .expect("run the C compiler");
    assert!(
        status.success(),
        "linking the versioned libsecrets.so failed"
    );

    let mut functions = BTreeSet::new();
    for (symbol, kind) in dynamic_symbols(&shipped) {
        if kind == "A" {
            // A version definition: named after its node.
            assert!(
                nodes.contains(&symbol),
                "unexpected absolute symbol {symbol}"
            );
            continue;
        }
        let (name, node) = symbol
            .split_once("@@")
            .unwrap_or_else(|| panic!("{symbol} has no version node"));
        assert!(nodes.contains(node), "{symbol}: node not in the map");
        functions.insert(name.to_string());
    }
    assert_eq!(functions, declared, "versioned exports vs secrets.h");

    let readelf = Command::new("readelf")
        .arg("-d")
        .arg(&shipped)
        .output()
        .expect("run readelf (binutils)");
    let dynamic = String::from_utf8_lossy(&readelf.stdout);
    assert!(
        dynamic
            .lines()
            .any(|l| l.contains("(SONAME)") && l.contains("[libsecrets.so.0]")),
        "SONAME: {dynamic}"
    );
}
