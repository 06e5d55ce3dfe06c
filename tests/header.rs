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
