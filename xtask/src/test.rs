//! `cargo xtask test`: every check and test layer, run to the end even when one fails, then a
//! summary ending in the line `N passed, N failed`.

use std::path::PathBuf;

use crate::process::{command, run_tee};
use crate::setup::{CHROMEDRIVER, CHROMIUM};
use crate::static_server::Server;
use crate::{build, features, root, setup, Build};

struct Step {
    name: &'static str,
    passed: usize,
    failed: usize,
    note: String,
}

pub fn run() -> Result<(), String> {
    setup::run()?;
    let mut steps = vec![
        check(
            "format (cargo fmt --check)",
            command("cargo").args(["fmt", "--all", "--check"]),
        ),
        check(
            "clippy, native",
            command("cargo").args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        ),
        wasm_clippy("clippy, wasm", "beachhead-app", &[]),
        // The test hooks exist only with the feature: linted where they are built.
        wasm_clippy(
            "clippy, wasm, testing feature",
            "beachhead-app",
            &["--features", "testing"],
        ),
        wasm_clippy(
            "clippy, wasm, Monte Carlo worker",
            "beachhead-mc-worker",
            &[],
        ),
        outcome("engine features: tested = wasm", features::check()),
        tests(
            "native tests",
            command("cargo").args(["test", "--workspace"]),
            cargo_counts,
        ),
        tests(
            "wasm tests (headless Chromium)",
            command("cargo")
                .args([
                    "test",
                    "-p",
                    "beachhead-app",
                    "--target",
                    "wasm32-unknown-unknown",
                ])
                .env("CHROMEDRIVER", CHROMEDRIVER)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
            cargo_counts,
        ),
    ];
    // What ships is built and checked to carry no test hooks; the end-to-end tests run on the
    // same build with the hooks, which differs from it by those exports alone.
    let release = build_step("release build, no hooks (trunk)", Build::Release);
    let released = release.failed == 0;
    steps.push(release);
    if released {
        steps.push(ratchet_step(
            "wasm size ratchet",
            crate::wasm_size::check(&Build::Release.dir()),
        ));
    }
    let testing = build_step("testing build, hooks (trunk)", Build::Testing);
    let built = testing.failed == 0;
    steps.push(testing);
    if built {
        steps.push(end_to_end(&Build::Testing.dir()));
    }

    println!("\n{:<34} {:>7} {:>7}", "step", "passed", "failed");
    for step in &steps {
        println!(
            "{:<34} {:>7} {:>7}  {}",
            step.name, step.passed, step.failed, step.note
        );
    }
    let passed: usize = steps.iter().map(|s| s.passed).sum();
    let failed: usize = steps.iter().map(|s| s.failed).sum();
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} failed"))
    }
}

/// Clippy over one package built for the browser, warnings as errors.
fn wasm_clippy(name: &'static str, package: &str, extra: &[&str]) -> Step {
    check(
        name,
        command("cargo")
            .args([
                "clippy",
                "-p",
                package,
                "--target",
                "wasm32-unknown-unknown",
            ])
            .args(["--all-targets"])
            .args(extra)
            .args(["--", "-D", "warnings"]),
    )
}

fn outcome(name: &'static str, result: Result<(), String>) -> Step {
    if let Err(e) = &result {
        eprintln!("{name}: {e}");
    }
    Step {
        name,
        passed: usize::from(result.is_ok()),
        failed: usize::from(result.is_err()),
        note: result.err().unwrap_or_default(),
    }
}

/// A check whose note (the figures) shows in the summary whether it passed or not.
fn ratchet_step(name: &'static str, result: Result<String, String>) -> Step {
    match result {
        Ok(note) => Step {
            name,
            passed: 1,
            failed: 0,
            note,
        },
        Err(why) => outcome(name, Err(why)),
    }
}

fn build_step(name: &'static str, which: Build) -> Step {
    outcome(name, build(which).map(|_| ()))
}

fn check(name: &'static str, cmd: &mut std::process::Command) -> Step {
    let (ok, _) = run_tee(cmd);
    Step {
        name,
        passed: usize::from(ok),
        failed: usize::from(!ok),
        note: String::new(),
    }
}

/// A test run counted test by test. A run that fails without reporting a failed test (it did
/// not compile, or the runner crashed) counts as one failure.
fn tests(
    name: &'static str,
    cmd: &mut std::process::Command,
    counts: fn(&str) -> (usize, usize),
) -> Step {
    let (ok, output) = run_tee(cmd);
    let (passed, mut failed) = counts(&output);
    let mut note = String::new();
    if !ok && failed == 0 {
        failed = 1;
        note = "the run failed before reporting results".into();
    }
    if ok && passed == 0 {
        failed += 1;
        note = "no tests ran".into();
    }
    Step {
        name,
        passed,
        failed,
        note,
    }
}

/// Sums cargo's `test result: ok. N passed; M failed; ...` lines.
fn cargo_counts(output: &str) -> (usize, usize) {
    let number_before = |line: &str, word: &str| {
        line.split(';')
            .find_map(|part| part.trim().strip_suffix(word))
            .and_then(|n| n.split_whitespace().last())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    };
    output
        .lines()
        .filter(|l| l.trim_start().starts_with("test result:"))
        .fold((0, 0), |(p, f), line| {
            (
                p + number_before(line, " passed"),
                f + number_before(line, " failed"),
            )
        })
}

/// Node's test runner summary: `ℹ pass N` and `ℹ fail N`.
fn node_counts(output: &str) -> (usize, usize) {
    let count = |key: &str| {
        output
            .lines()
            .rev()
            .filter_map(|l| l.trim_start_matches(['ℹ', '#', ' ']).strip_prefix(key))
            .find_map(|n| n.trim().parse::<usize>().ok())
            .unwrap_or(0)
    };
    (count("pass "), count("fail "))
}

fn end_to_end(dist: &std::path::Path) -> Step {
    let server = match Server::start(dist, 0) {
        Ok(server) => server,
        Err(e) => {
            return Step {
                name: "end-to-end (Playwright)",
                passed: 0,
                failed: 1,
                note: e,
            }
        }
    };
    let dir = root().join("tests").join("e2e");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut cmd = command("node");
    cmd.args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
        .args(&files)
        .env("BASE_URL", server.url())
        .env("CHROMIUM", CHROMIUM)
        .env("E2E_OUT", root().join("target").join("e2e"))
        .env("DIST_DIR", dist);
    let step = tests("end-to-end (Playwright)", &mut cmd, node_counts);
    server.stop();
    step
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_read_from_cargo_and_node_summaries() {
        let cargo = "test result: ok. 12 passed; 0 failed; 0 ignored\n\
                     test result: FAILED. 3 passed; 2 failed; 0 ignored\n";
        assert_eq!(super::cargo_counts(cargo), (15, 2));
        let node = "ℹ tests 4\nℹ suites 0\nℹ pass 3\nℹ fail 1\nℹ cancelled 0\n";
        assert_eq!(super::node_counts(node), (3, 1));
    }
}
