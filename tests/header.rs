//! The committed `include/secrets.h` must be exactly what the pinned cbindgen
//! generates from the sources. Set `SECRETS_UPDATE_HEADER=1` to rewrite it.

use std::path::Path;

#[test]
fn committed_header_matches_the_source() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen could not generate the header")
        .write(&mut generated);
    let path = root.join("include/secrets.h");
    if std::env::var_os("SECRETS_UPDATE_HEADER").is_some() {
        std::fs::write(&path, &generated).expect("write include/secrets.h");
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/secrets.h is out of date: run `SECRETS_UPDATE_HEADER=1 cargo test --test header` and commit it"
    );
}

#[test]
fn every_exported_name_has_the_library_prefix() {
    let header =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("include/secrets.h"))
            .unwrap();
    for line in header.lines() {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("#define ") {
            let name = rest.split(['(', ' ']).next().unwrap();
            assert!(name.starts_with("SECRETS_"), "macro {name}");
        }
        if line.contains('(') && line.ends_with(");") && !line.starts_with('*') {
            let name = line
                .split('(')
                .next()
                .unwrap()
                .rsplit([' ', '*'])
                .next()
                .unwrap();
            assert!(name.starts_with("secrets_"), "function {name}");
        }
    }
}

#[test]
fn version_macros_are_the_crate_version() {
    let header =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("include/secrets.h"))
            .unwrap();
    let expected = [
        format!(
            "#define SECRETS_VERSION_STRING \"{}\"",
            env!("CARGO_PKG_VERSION")
        ),
        format!(
            "#define SECRETS_VERSION_MAJOR {}",
            env!("CARGO_PKG_VERSION_MAJOR")
        ),
        format!(
            "#define SECRETS_VERSION_MINOR {}",
            env!("CARGO_PKG_VERSION_MINOR")
        ),
        format!(
            "#define SECRETS_VERSION_PATCH {}",
            env!("CARGO_PKG_VERSION_PATCH")
        ),
    ];
    for line in expected {
        assert!(header.lines().any(|l| l == line), "missing: {line}");
    }
}

/// Compiles `body` inside `int f(void)` against the header, as C11 or C++17,
/// with `-Wall -Wextra -Werror`; true when it compiles.
fn compiles(body: &str, cpp: bool) -> bool {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("nodiscard");
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join(if cpp { "probe.cpp" } else { "probe.c" });
    std::fs::write(
        &source,
        format!("#include \"secrets.h\"\nint f(void);\nint f(void) {{\n    char tok[44];\n    {body}\n    return tok[0];\n}}\n"),
    )
    .unwrap();
    let compiler = cc::Build::new()
        .target(env!("SECRETS_BUILD_TARGET"))
        .host(env!("SECRETS_BUILD_HOST"))
        .cpp(cpp)
        .opt_level(0)
        .cargo_metadata(false)
        .get_compiler();
    let std = if cpp { "-std=c++17" } else { "-std=c11" };
    compiler
        .to_command()
        // Compiled, not just parsed: GCC reports unused results in C only
        // past -fsyntax-only.
        .args([std, "-Wall", "-Wextra", "-Werror", "-c", "-I"])
        .arg(root.join("include"))
        .arg(&source)
        .arg("-o")
        .arg(source.with_extension("o"))
        .output()
        .expect("run the C compiler")
        .status
        .success()
}

#[test]
fn ignoring_a_status_does_not_compile() {
    for cpp in [false, true] {
        // The same call compiles when its status is used...
        assert!(compiles(
            "if (secrets_token_urlsafe(tok, sizeof tok, 32) != SECRETS_OK) return -1;",
            cpp
        ));
        // ... and is refused under -Werror when it is dropped.
        assert!(!compiles(
            "secrets_token_urlsafe(tok, sizeof tok, 32);",
            cpp
        ));
    }
}
