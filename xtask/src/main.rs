//! Beachhead's automation: `cargo xtask <setup|serve|test|dist|bench|fuzz>`. Every command
//! but `fuzz` (which needs only nightly and cargo-fuzz) runs `setup` first, and `setup`
//! installs only what is missing or at the wrong version, so a fresh machine needs nothing but
//! rustup, Node/npm and Python, and a warm one loses no time.

mod bench;
mod csp;
mod features;
mod fuzz;
mod process;
mod service_worker;
mod setup;
mod single_file;
mod static_server;
mod test;
mod test_hooks;
mod wasm_size;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  setup               install the toolchain (wasm target, trunk, wasm-bindgen-cli, chromium, npm packages)
  serve [--port N] [--testing]
                      build the app in release mode and serve it on http://127.0.0.1:8080 (or N);
                      --testing: the build with the test hooks, to run one end-to-end test file
  test                fmt, clippy, native tests, wasm tests in headless Chromium, the release build
                      (checked to carry no test hooks), end-to-end tests on the same build with
                      the `testing` feature (target/dist-testing/)
  dist                release build into dist/, with each file's raw and gzip size; fails if it
                      carries test hooks
  bench               benchmarks: engine natively (criterion) and the release build in headless
                      Chromium (with the `testing` feature's hooks but for start-up); a table
                      against the budgets, target/bench/report.json, BENCHMARKS.md
  fuzz [TARGET] [--minutes N] [--no-sanitizer]
                      run the cargo-fuzz targets in fuzz/ (all, or TARGET) N minutes each (10),
                      on nightly; not part of test or CI (fuzz/regressions/ is replayed there)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(),
        Some("serve") => parse_serve(&args[1..]).and_then(|(port, which)| serve(port, which)),
        Some("test") => test::run(),
        Some("dist") => dist(),
        Some("bench") => bench::run(),
        Some("fuzz") => fuzz::run_fuzz(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command \"{other}\"\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, whatever directory the command was started from.
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map_or(manifest.clone(), PathBuf::from)
}

/// `serve`'s `--port N` and `--testing`, in any order.
fn parse_serve(args: &[String]) -> Result<(u16, Build), String> {
    let (mut port, mut which) = (8080, Build::Release);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--testing" => which = Build::Testing,
            "--port" => {
                let value = args.next().map_or("", String::as_str);
                port = value.parse().map_err(|_| {
                    format!("--port takes a number from 1 to 65535, not \"{value}\"")
                })?;
            }
            _ => {
                return Err(format!(
                    "serve takes only --port N and --testing\n\n{USAGE}"
                ))
            }
        }
    }
    Ok((port, which))
}

/// Which build: what ships, or the same with the app's test hooks.
#[derive(Clone, Copy, PartialEq)]
pub enum Build {
    /// `dist/`, what ships: no test hooks.
    Release,
    /// `target/dist-testing/`: the release build with the app's `testing` feature, for the
    /// end-to-end tests and the browser benchmarks. Never in dist/, so dist/ is always
    /// shippable, whichever command ran last.
    Testing,
}

impl Build {
    pub fn dir(self) -> PathBuf {
        match self {
            Build::Release => root().join("dist"),
            Build::Testing => root().join("target").join("dist-testing"),
        }
    }
}

/// `trunk build --release` (with `--features testing` for a testing build), the page made to
/// run under the strict CSP, the single-file page and the service worker; then the test hooks
/// checked: none in a release build, all in a testing one.
pub fn build(build: Build) -> Result<PathBuf, String> {
    let dist = build.dir();
    let mut trunk = process::command("trunk");
    trunk.args(["build", "--release", "--dist"]).arg(&dist);
    if build == Build::Testing {
        trunk.args(["--features", "testing"]);
    } else {
        // Trunk reads these too: set in a shell, they would put the hooks into dist/.
        trunk
            .env_remove("TRUNK_BUILD_FEATURES")
            .env_remove("TRUNK_BUILD_ALL_FEATURES");
    }
    process::run(&mut trunk)?;
    csp::harden(&dist)?;
    single_file::write(&dist)?;
    service_worker::write(&dist)?;
    test_hooks::check(&dist, build == Build::Testing)?;
    Ok(dist)
}

fn serve(port: u16, which: Build) -> Result<(), String> {
    setup::run()?;
    let dist = build(which)?;
    let server = static_server::Server::start(&dist, port)?;
    println!("\nBeachhead is being served at {}", server.url());
    println!("Press Ctrl+C to stop.");
    server.join();
    Ok(())
}

fn dist() -> Result<(), String> {
    setup::run()?;
    let dist = build(Build::Release)?;
    let mut files = Vec::new();
    collect_files(&dist, &mut files).map_err(|e| format!("reading {}: {e}", dist.display()))?;
    files.sort();
    println!("\n{:<48} {:>12} {:>12}", "file", "raw bytes", "gzip bytes");
    let (mut raw_total, mut gz_total) = (0, 0);
    for path in files {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let gz = gzip_len(&bytes);
        raw_total += bytes.len();
        gz_total += gz;
        let name = path
            .strip_prefix(&dist)
            .unwrap_or(&path)
            .display()
            .to_string();
        println!("{name:<48} {:>12} {:>12}", bytes.len(), gz);
    }
    println!("{:<48} {raw_total:>12} {gz_total:>12}", "total");
    Ok(())
}

/// Every file under `dir`, recursively.
pub fn collect_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

pub fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    match encoder.write_all(bytes).and_then(|()| encoder.finish()) {
        Ok(compressed) => compressed.len(),
        Err(_) => 0,
    }
}
