//! The targets' checks, one function per target taking the fuzzer's bytes. They live in the
//! engine's tests (`crates/engine/tests/fuzz_checks/mod.rs`), so that the stable test
//! `fuzz_regressions` replays the inputs kept in `fuzz/regressions/` through the very same code.

#[path = "../../crates/engine/tests/fuzz_checks/mod.rs"]
mod checks;

pub use checks::*;
