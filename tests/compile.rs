//! Compile-time guarantees of `#[callback]`: every file in `tests/ui/` is a
//! mistake that must not compile, with the exact message blessed next to it
//! in a `.stderr` file; every file in `tests/pass/` is an accepted form that
//! must compile. Always run, on the machine's stable toolchain.
//!
//! Re-bless after a deliberate change of wording or toolchain:
//! `TRYBUILD=overwrite cargo test --test compile`, then read the diff.

#[test]
fn compile_errors_and_accepted_forms() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/pass/*.rs");
}
