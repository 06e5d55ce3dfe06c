//! Passes the target triple to the tests that compile the C test programs
//! with the `cc` crate. Builds nothing into the library itself.
fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    println!("cargo:rustc-env=SECRETS_BUILD_TARGET={target}");
    println!("cargo:rustc-env=SECRETS_BUILD_HOST={host}");
    println!("cargo:rerun-if-changed=build.rs");
}
