//! `cargo xtask bench`: the engine natively (criterion) and the release build in headless
//! Chromium (tests/bench/bench.mjs) on the same seeded synthetic data, in one run. Prints a
//! table against the budgets, writes target/bench/report.json and records the figures with
//! the machine in BENCHMARKS.md. Measures; never fails on a missed budget.
//!
//! Start-up and the first view's bytes are measured on dist/, what ships; the rest on the
//! testing build (the same build plus the `bench_*` hooks the page calls), whose extra exports
//! would count against the download and start-up.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::process::{self, command};
use crate::setup::CHROMIUM;
use crate::static_server::Server;
use crate::{build, root, setup, Build};

/// Each figure, its budget and which way is better.
const BUDGETS: [(&str, &str, f64, Better); 11] = [
    (
        "startup_ms",
        "cold start to the first chart (median of 5)",
        400.0,
        Better::Lower,
    ),
    (
        "first_view_gz_kb",
        "gzip KB the first view downloads",
        450.0,
        Better::Lower,
    ),
    (
        "wasm_gz_kb",
        "gzip KB of wasm the first view downloads",
        350.0,
        Better::Lower,
    ),
    (
        "embed_gz_kb",
        "gzip KB an embedded view downloads (the Embed button's default snippet)",
        450.0,
        Better::Lower,
    ),
    (
        "redraw_p95_ms",
        "weight change to all charts redrawn, p95, 250 × 40",
        8.0,
        Better::Lower,
    ),
    (
        "mc_10k_ms_app",
        "10,000 Monte Carlo draws, 250 × 40, browser, as the app runs them (on `mc_workers` background workers)",
        120.0,
        Better::Lower,
    ),
    (
        "mc_10k_ms_wasm",
        "the same draws on one thread in the page (the fallback where no worker starts)",
        f64::NAN,
        Better::Lower,
    ),
    (
        "mc_10k_ms_native",
        "the same, native (criterion median)",
        f64::NAN,
        Better::Lower,
    ),
    (
        "csv_mb_s_wasm",
        "100 MB sell-through CSV, Beachhead's loader",
        f64::NAN,
        Better::Higher,
    ),
    (
        "csv_mb_s_papaparse",
        "the same file, PapaParse",
        f64::NAN,
        Better::Higher,
    ),
    (
        "longest_task_ms",
        "longest main-thread task in the Monte Carlo and the ingest",
        16.0,
        Better::Lower,
    ),
];

#[derive(Clone, Copy, PartialEq)]
enum Better {
    Lower,
    Higher,
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The served site for every stage but start-up: the testing build (`dist`) with the bundled
/// data; under `scale/` the same build with the synthetic 250 × 40 data in place of the
/// bundled indicators; under `bench/` the 100 MB file and PapaParse.
fn site(bench: &Path, dist: &Path) -> Result<PathBuf, String> {
    let data = bench.join("data");
    process::run(
        command("cargo")
            .args([
                "run",
                "--release",
                "--quiet",
                "-p",
                "beachhead-cli",
                "--",
                "synthetic",
                "--out",
            ])
            .arg(&data),
    )?;
    let site = bench.join("site");
    let _ = std::fs::remove_dir_all(&site);
    copy_dir(dist, &site)?;
    let scale = site.join("scale");
    copy_dir(dist, &scale)?;
    for (from, to) in [
        ("indicators.csv", "data/indicators.csv"),
        ("markets.csv", "data/markets.csv"),
        ("model.json", "data/models/beachhead-readiness.json"),
    ] {
        std::fs::copy(data.join(from), scale.join(to)).map_err(|e| format!("{from}: {e}"))?;
    }
    // The synthetic data cites no other source; the bundled citations name real markets and
    // indicators it does not have, which the app would rightly refuse.
    for (file, header) in [
        ("data/sources.csv", "key,name,licence,citation\n"),
        ("data/value_sources.csv", "iso3,indicator,source,note\n"),
    ] {
        std::fs::write(scale.join(file), header).map_err(|e| format!("{file}: {e}"))?;
    }
    let files = site.join("bench");
    std::fs::create_dir_all(&files).map_err(|e| e.to_string())?;
    std::fs::copy(data.join("weekly.csv"), files.join("weekly.csv"))
        .map_err(|e| format!("weekly.csv: {e}"))?;
    let papa = root().join("node_modules/papaparse/papaparse.min.js");
    std::fs::copy(&papa, files.join("papaparse.min.js"))
        .map_err(|e| format!("{}: {e}", papa.display()))?;
    Ok(site)
}

/// Criterion's median for the Monte Carlo, in milliseconds.
fn native_monte_carlo() -> Result<f64, String> {
    process::run(command("cargo").args([
        "bench",
        "-p",
        "beachhead-engine",
        "--bench",
        "engine",
        "--",
        "monte_carlo",
    ]))?;
    let path = root().join("target/criterion/monte_carlo/mc_10k_250x40/new/estimates.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let estimates: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    estimates["median"]["point_estimate"]
        .as_f64()
        .map(|ns| ns / 1e6)
        .ok_or_else(|| format!("{}: no median", path.display()))
}

/// The browser stages named (bench.mjs's `startup`, `redraw`, `compute`, `responsiveness`)
/// run against `site`.
fn browser(site: &Path, stages: &str) -> Result<Map<String, Value>, String> {
    let server = Server::start(site, 0)?;
    let mut cmd = command("node");
    cmd.arg(root().join("tests/bench/bench.mjs"))
        .env("BASE_URL", server.url())
        .env("SITE_DIR", site)
        .env("BENCH_STAGES", stages)
        .env("CHROMIUM", CHROMIUM);
    let (ok, output) = process::run_tee(&mut cmd);
    server.stop();
    if !ok {
        return Err("the browser benchmarks failed (output above)".into());
    }
    let line = output
        .lines()
        .find_map(|l| l.strip_prefix("BENCH "))
        .ok_or("the browser benchmarks printed no BENCH line")?;
    match serde_json::from_str(line) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(format!("unreadable BENCH line: {line}")),
    }
}

fn first_line(path: &str, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split(':').nth(1))
        .map(|v| v.trim().to_owned())
}

fn machine() -> String {
    let cpu = first_line("/proc/cpuinfo", "model name").unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = first_line("/proc/meminfo", "MemTotal")
        .and_then(|m| {
            m.split_whitespace()
                .next()
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or("unknown".into(), |kb| {
            format!("{:.0} GB", kb / 1024.0 / 1024.0)
        });
    let chromium =
        process::first_line(CHROMIUM, &["--version"]).unwrap_or_else(|| "Chromium".into());
    let rustc = process::first_line("rustc", &["--version"]).unwrap_or_default();
    format!("{cpu}, {cores} threads, {memory} RAM; {chromium}; {rustc}")
}

pub fn run() -> Result<(), String> {
    setup::run()?;
    let shipped = build(Build::Release)?;
    let testing = build(Build::Testing)?;
    let bench = root().join("target/bench");
    std::fs::create_dir_all(&bench).map_err(|e| e.to_string())?;
    let site = site(&bench, &testing)?;
    let mut report = browser(&shipped, "startup")?;
    report.extend(browser(&site, "redraw,compute,responsiveness")?);
    report.insert(
        "mc_10k_ms_native".into(),
        Value::from(native_monte_carlo()?),
    );
    let figure = |key: &str| report.get(key).and_then(Value::as_f64).unwrap_or(f64::NAN);
    let ratio = figure("mc_10k_ms_app") / figure("mc_10k_ms_native");
    let thread_ratio = figure("mc_10k_ms_wasm") / figure("mc_10k_ms_native");
    let csv_ratio = figure("csv_mb_s_wasm") / figure("csv_mb_s_papaparse");

    let mut table = String::new();
    let _ = writeln!(table, "| figure | value | budget | met | what |");
    let _ = writeln!(table, "|---|---:|---:|:---:|---|");
    for (key, what, budget, better) in BUDGETS {
        let value = figure(key);
        let (budget_text, met) = if budget.is_nan() {
            ("".to_owned(), "")
        } else {
            let met = match better {
                Better::Lower => value <= budget,
                Better::Higher => value >= budget,
            };
            (
                format!(
                    "{} {budget}",
                    if better == Better::Lower {
                        "≤"
                    } else {
                        "≥"
                    }
                ),
                if met { "yes" } else { "**no**" },
            )
        };
        let _ = writeln!(
            table,
            "| `{key}` | {value:.1} | {budget_text} | {met} | {what} |"
        );
    }
    let _ = writeln!(
        table,
        "| browser (app) / native Monte Carlo | {ratio:.2} | ≤ 1.3 | {} | same draws, same data |",
        if ratio <= 1.3 { "yes" } else { "**no**" }
    );
    let _ = writeln!(
        table,
        "| one thread, wasm / native Monte Carlo | {thread_ratio:.2} |  |  | the same, thread for thread |"
    );
    let _ = writeln!(
        table,
        "| wasm / PapaParse ingest | {csv_ratio:.2} | ≥ 2 | {} | same file, same Chromium |",
        if csv_ratio >= 2.0 { "yes" } else { "**no**" }
    );
    println!("\n{table}");
    for (key, value) in &report {
        if !BUDGETS.iter().any(|(k, ..)| k == key) {
            println!("  {key}: {value}");
        }
    }

    let path = bench.join("report.json");
    let text =
        serde_json::to_string_pretty(&Value::Object(report.clone())).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("\nwrote {}", path.display());

    let date = process::first_line("date", &["-u", "+%Y-%m-%d"]).unwrap_or_default();
    let mut notes = String::new();
    for (key, value) in &report {
        if !BUDGETS.iter().any(|(k, ..)| k == key) {
            let _ = writeln!(notes, "- `{key}`: {value}");
        }
    }
    let markdown = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` (do not edit by hand): the latest run, {date}, on {}.\n\
         Budgets are issue 17's targets (issue 8's before); ratios compare figures measured in the same run. The browser figures\n\
         come from the release build on loopback in headless Chromium (start-up and first view from\n\
         `dist/` as shipped, the rest from the same build with the `testing` feature's bench hooks);\n\
         the native one from criterion (`crates/engine/benches/engine.rs`). Data: seeded synthetic, 250 markets × 40 indicators and a\n\
         100 MB, 1.1-million-row sell-through file (`beachhead synthetic`).\n\n{table}\nOther figures from the same run:\n\n{notes}",
        machine()
    );
    let path = root().join("BENCHMARKS.md");
    std::fs::write(&path, markdown).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}
