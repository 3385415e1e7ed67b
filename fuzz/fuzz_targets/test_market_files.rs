#![no_main]
//! `test_market_files`: see `test_market_files` in crates/engine/tests/fuzz_checks/mod.rs for what it asserts.

libfuzzer_sys::fuzz_target!(|data: &[u8]| beachhead_fuzz::test_market_files(data));
