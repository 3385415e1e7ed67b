#![no_main]
//! `indicator_files`: see `indicator_files` in crates/engine/tests/fuzz_checks/mod.rs for what it asserts.

libfuzzer_sys::fuzz_target!(|data: &[u8]| beachhead_fuzz::indicator_files(data));
