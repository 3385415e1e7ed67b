//! `cargo xtask fuzz [TARGET] [--minutes N]`: runs the cargo-fuzz targets in `fuzz/` (every
//! one, one after another, 10 minutes each, unless told otherwise), then a table of what each
//! did. Needs a nightly toolchain (for the sanitizer and coverage flags) and cargo-fuzz, which
//! it installs when missing. Not part of `cargo xtask test` or CI: the inputs fuzzing found
//! are kept in `fuzz/regressions/` and replayed on stable by the engine's `fuzz_regressions`
//! test. See docs/reliability.md, "Fuzzing".

use std::path::{Path, PathBuf};

use crate::process::{command, first_line, run, run_tee};
use crate::root;

const DEFAULT_MINUTES: f64 = 10.0;

/// libFuzzer's limits: an input taking longer than this many seconds, or the process using
/// more than this much memory, is a finding like a crash.
const TIMEOUT_SECONDS: u32 = 10;
const RSS_LIMIT_MB: u32 = 2048;

/// Files that seed a target's corpus besides its kept inputs (`fuzz/regressions/<target>/`),
/// as directories or files under the workspace root.
fn seeds(target: &str) -> &'static [&'static str] {
    match target {
        "indicator_files" => &["tests/fixtures/bad/user", "public/data/indicators.csv"],
        "test_market_files" => &["tests/fixtures/bad/test-market", "public/data/test-markets"],
        "index_model" => &["tests/fixtures/bad/index-model", "public/data/models"],
        "assumptions" => &["tests/fixtures/bad/assumptions", "public/data/economics"],
        "link_state" => &["tests/fixtures/bad/view-state"],
        "scenario_file" => &["tests/fixtures/bad/scenario"],
        _ => &[],
    }
}

/// Larger files do not seed a corpus: libFuzzer would raise its input length to theirs.
const MAX_SEED_BYTES: u64 = 20 * 1024;

const USAGE: &str = "usage: cargo xtask fuzz [TARGET] [--minutes N] [--no-sanitizer]

Runs each cargo-fuzz target in fuzz/fuzz_targets/ (or only TARGET) for N minutes (10 by
default), one after another, on one core; then a table of runs, coverage and findings.
--no-sanitizer builds without AddressSanitizer (cargo-fuzz's default): the engine has no
unsafe code, and the targets run three or four times as many inputs a second.";

struct Options {
    target: Option<String>,
    minutes: f64,
    sanitizer: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        target: None,
        minutes: DEFAULT_MINUTES,
        sanitizer: true,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--minutes" => {
                let value = args
                    .next()
                    .ok_or(format!("--minutes takes a number\n\n{USAGE}"))?;
                options.minutes = value
                    .parse::<f64>()
                    .ok()
                    .filter(|m| m.is_finite() && *m > 0.0)
                    .ok_or(format!("--minutes takes a number above 0, not \"{value}\""))?;
            }
            "--no-sanitizer" => options.sanitizer = false,
            "help" | "--help" | "-h" => return Err(USAGE.to_owned()),
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option \"{flag}\"\n\n{USAGE}"))
            }
            target if options.target.is_none() => options.target = Some(target.to_owned()),
            extra => return Err(format!("one target at most (\"{extra}\" too)\n\n{USAGE}")),
        }
    }
    Ok(options)
}

/// The targets, by the files in fuzz/fuzz_targets/.
fn targets(fuzz: &Path) -> Result<Vec<String>, String> {
    let dir = fuzz.join("fuzz_targets");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".rs").map(str::to_owned))
        .collect();
    out.sort();
    Ok(out)
}

/// A nightly toolchain, or what to do to get one.
fn nightly() -> Result<(), String> {
    match first_line("rustc", &["+nightly", "--version"]) {
        Some(version) => {
            println!("fuzz: {version} ✓");
            Ok(())
        }
        None => Err(
            "fuzzing needs a nightly toolchain (cargo-fuzz builds with sanitizer \
             flags stable Rust does not take), and none is installed. Install it with\n\n    \
             rustup toolchain install nightly\n\nthen run this again."
                .to_owned(),
        ),
    }
}

/// cargo-fuzz, installed when missing.
fn cargo_fuzz() -> Result<(), String> {
    if let Some(version) = first_line("cargo", &["+nightly", "fuzz", "--version"]) {
        println!("fuzz: {version} ✓");
        return Ok(());
    }
    println!("fuzz: cargo-fuzz needed; installing it, which takes a few minutes");
    run(command("cargo").args(["install", "cargo-fuzz", "--locked"]))
}

/// Copies `from` (a file, or every file in a directory) into `corpus`, under `seed-` names,
/// leaving inputs already there alone.
fn seed_from(from: &Path, corpus: &Path) -> Result<usize, String> {
    let files: Vec<PathBuf> = if from.is_dir() {
        let mut files = Vec::new();
        crate::collect_files(from, &mut files).map_err(|e| format!("{}: {e}", from.display()))?;
        files
    } else if from.is_file() {
        vec![from.to_path_buf()]
    } else {
        Vec::new()
    };
    let mut copied = 0;
    for file in files {
        let small = file.metadata().is_ok_and(|m| m.len() <= MAX_SEED_BYTES);
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        let (Some(name), true) = (name, small) else {
            continue;
        };
        let to = corpus.join(format!("seed-{name}"));
        if !to.exists() {
            std::fs::copy(&file, &to).map_err(|e| format!("{}: {e}", file.display()))?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// What one run did, from libFuzzer's last status line and final stats.
struct Summary {
    target: String,
    minutes: f64,
    execs: Option<u64>,
    coverage: Option<u64>,
    features: Option<u64>,
    corpus: Option<u64>,
    ok: bool,
}

/// The number after `key` in `line` ("cov: 1234" → 1234).
fn after(line: &str, key: &str) -> Option<u64> {
    let rest = &line[line.find(key)? + key.len()..];
    rest.split_whitespace().next()?.parse().ok()
}

/// `minutes` is the whole command's time, the build included; libFuzzer's own count of the
/// seconds it ran ("Done 123 runs in 601 second(s)") is taken when it gives one.
fn summarise(target: &str, minutes: f64, ok: bool, output: &str) -> Summary {
    let fuzzed = output.lines().find_map(|l| {
        let seconds = l.strip_prefix("Done ")?.split(" in ").nth(1)?;
        seconds.split_whitespace().next()?.parse::<f64>().ok()
    });
    // The last status line ("#123 DONE cov: 1 ft: 2 corp: 3/4b …", or the last pulse).
    let status = output
        .lines()
        .rev()
        .find(|l| l.starts_with('#') && l.contains(" cov: "));
    let execs = output
        .lines()
        .find_map(|l| after(l, "stat::number_of_executed_units:"))
        .or_else(|| status.and_then(|l| l[1..].split_whitespace().next()?.parse().ok()));
    Summary {
        target: target.to_owned(),
        minutes: fuzzed.map_or(minutes, |s| s / 60.0),
        execs,
        coverage: status.and_then(|l| after(l, "cov:")),
        features: status.and_then(|l| after(l, "ft:")),
        corpus: status.and_then(|l| {
            let corp = &l[l.find("corp: ")? + 6..];
            corp.split('/').next()?.parse().ok()
        }),
        ok,
    }
}

pub fn run_fuzz(args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    let fuzz = root().join("fuzz");
    let all = targets(&fuzz)?;
    let chosen: Vec<String> = match &options.target {
        Some(t) if all.contains(t) => vec![t.clone()],
        Some(t) => {
            return Err(format!(
                "no fuzz target \"{t}\"; the targets are {}",
                all.join(", ")
            ))
        }
        None => all,
    };
    nightly()?;
    cargo_fuzz()?;
    let seconds = (options.minutes * 60.0).round().max(1.0) as u64;
    let mut summaries = Vec::new();
    for target in &chosen {
        let corpus = fuzz.join("corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        let mut seeded = seed_from(&fuzz.join("regressions").join(target), &corpus)?;
        for from in seeds(target) {
            seeded += seed_from(&root().join(from), &corpus)?;
        }
        println!("\nfuzz: {target} for {seconds} s ({seeded} new seeds in its corpus)");
        let started = std::time::Instant::now();
        let corpus_arg = format!("fuzz/corpus/{target}");
        let sanitizer = if options.sanitizer { "address" } else { "none" };
        let (ok, output) = run_tee(command("cargo").args([
            "+nightly",
            "fuzz",
            "run",
            "--sanitizer",
            sanitizer,
            target,
            &corpus_arg,
            "--",
            &format!("-max_total_time={seconds}"),
            &format!("-timeout={TIMEOUT_SECONDS}"),
            &format!("-rss_limit_mb={RSS_LIMIT_MB}"),
            "-print_final_stats=1",
        ]));
        let minutes = started.elapsed().as_secs_f64() / 60.0;
        summaries.push(summarise(target, minutes, ok, &output));
    }
    println!(
        "\n{:<20} {:>8} {:>14} {:>8} {:>8} {:>8}  result",
        "target", "minutes", "runs", "cov", "ft", "corpus"
    );
    let shown = |n: Option<u64>| n.map_or_else(|| "?".to_owned(), |n| n.to_string());
    for s in &summaries {
        println!(
            "{:<20} {:>8.1} {:>14} {:>8} {:>8} {:>8}  {}",
            s.target,
            s.minutes,
            shown(s.execs),
            shown(s.coverage),
            shown(s.features),
            shown(s.corpus),
            if s.ok {
                "no finding".to_owned()
            } else {
                format!("FINDING: see fuzz/artifacts/{}/", s.target)
            }
        );
    }
    let found: Vec<&str> = summaries
        .iter()
        .filter(|s| !s.ok)
        .map(|s| s.target.as_str())
        .collect();
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} found a failing input. Minimise it (cargo +nightly fuzz tmin TARGET \
             fuzz/artifacts/TARGET/FILE), fix the engine, and keep the minimised input in \
             fuzz/regressions/TARGET/ under a name saying what it is",
            found.join(", ")
        ))
    }
}
