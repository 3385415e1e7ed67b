#![no_main]
//! `assumptions`: see `assumptions` in crates/engine/tests/fuzz_checks/mod.rs for what it asserts.

libfuzzer_sys::fuzz_target!(|data: &[u8]| beachhead_fuzz::assumptions(data));
