//! Empty: the package exists for its test (see Cargo.toml).
