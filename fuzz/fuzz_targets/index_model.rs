#![no_main]
//! `index_model`: see `index_model` in crates/engine/tests/fuzz_checks/mod.rs for what it asserts.

libfuzzer_sys::fuzz_target!(|data: &[u8]| beachhead_fuzz::index_model(data));
