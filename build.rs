//! Passes the target triple to the tests that compile the C test programs
//! with the `cc` crate, and, when CMake asks for it, gives the shared
//! library its SONAME. Builds nothing into the library itself.
fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    println!("cargo:rustc-env=SECRETS_BUILD_TARGET={target}");
    println!("cargo:rustc-env=SECRETS_BUILD_HOST={host}");
    println!("cargo:rerun-if-changed=build.rs");
    soname();
}

/// CMake sets `SECRETS_SONAME` (e.g. `libsecrets.so.0`) so that programs
/// record the ABI version they were linked against (it matters where cargo's
/// cdylib ships, macOS: on ELF platforms CMake links libsecrets.so itself
/// from libsecrets.a, with the version script). A plain `cargo build`
/// leaves it unset: `cargo test` loads `libsecrets.so` by that name only.
fn soname() {
    println!("cargo:rerun-if-env-changed=SECRETS_SONAME");
    let Ok(name) = std::env::var("SECRETS_SONAME") else {
        return;
    };
    let vendor = std::env::var("CARGO_CFG_TARGET_VENDOR").unwrap_or_default();
    let family = std::env::var("CARGO_CFG_TARGET_FAMILY").unwrap_or_default();
    if vendor == "apple" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-install_name,@rpath/{name}");
    } else if family.split(',').any(|f| f == "unix") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{name}");
    }
}
