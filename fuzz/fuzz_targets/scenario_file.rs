#![no_main]
//! `scenario_file`: see `scenario_file` in crates/engine/tests/fuzz_checks/mod.rs for what it asserts.

libfuzzer_sys::fuzz_target!(|data: &[u8]| beachhead_fuzz::scenario_file(data));
