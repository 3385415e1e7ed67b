#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place
//! The fuzz targets' kept inputs, replayed on stable: every file under
//! `fuzz/regressions/<target>/` goes through that target's check (`fuzz_checks`, the code the
//! cargo-fuzz target runs), and must pass it. The inputs are what fuzzing found (each fixed in
//! the engine), minimised, and a few seeds. See docs/reliability.md, "Fuzzing".
//!
//! A target without a check or without its directory of inputs fails, and so does a directory
//! without a target.

mod fuzz_checks;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fuzz_checks::CHECKS;

const FUZZ: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz");
/// Kept inputs are minimised: none is bigger than this.
const MAX_INPUT_BYTES: u64 = 20 * 1024;

fn names_in(dir: &Path, suffix: &str) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter_map(|name| name.strip_suffix(suffix).map(str::to_owned))
        .collect()
}

/// A target's kept inputs, by path.
fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(FUZZ).join("regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

#[test]
fn every_target_has_its_check_and_its_kept_inputs() {
    let checks: BTreeSet<String> = CHECKS.iter().map(|(n, _)| (*n).to_owned()).collect();
    let targets = names_in(&Path::new(FUZZ).join("fuzz_targets"), ".rs");
    let kept = names_in(&Path::new(FUZZ).join("regressions"), "");
    let mut failures = Vec::new();
    for target in targets.difference(&checks) {
        failures.push(format!("fuzz target {target} has no check in CHECKS"));
    }
    for check in checks.difference(&targets) {
        failures.push(format!("check {check} has no fuzz/fuzz_targets/{check}.rs"));
    }
    for dir in kept.difference(&checks) {
        failures.push(format!("fuzz/regressions/{dir}/ matches no check"));
    }
    for check in &checks {
        let files = inputs(check);
        if files.is_empty() {
            failures.push(format!("fuzz/regressions/{check}/ is missing or empty"));
        }
        for path in files {
            let bytes = path.metadata().unwrap().len();
            if bytes > MAX_INPUT_BYTES {
                failures.push(format!(
                    "{}: {bytes} bytes; keep inputs minimised (cargo fuzz tmin), under {MAX_INPUT_BYTES}",
                    path.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n  {}", failures.join("\n  "));
}

#[test]
fn every_kept_input_passes_its_check() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (target, check) in CHECKS {
        for path in inputs(target) {
            let bytes = std::fs::read(&path).unwrap();
            count += 1;
            // The panic's message is printed as it happens; the list names every input.
            if std::panic::catch_unwind(|| check(&bytes)).is_err() {
                failures.push(format!("{target}: {}", path.display()));
            }
        }
    }
    eprintln!("{count} kept inputs replayed");
    assert!(
        failures.is_empty(),
        "inputs failing their check:\n  {}",
        failures.join("\n  ")
    );
}
