//! Installs the toolchain, each piece only when missing or at the wrong version.

use std::path::Path;

use crate::process::{self, command, first_line};
use crate::root;

const TRUNK_VERSION: &str = "0.21.14";
const WASM_OPT_VERSION: &str = "132";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn run() -> Result<(), String> {
    wasm_target()?;
    let bindgen = wasm_bindgen_version()?;
    cargo_tool(
        "wasm-bindgen",
        &bindgen,
        // Not --locked: wasm-bindgen-cli's lockfile pins a webpki-roots the registry lacks.
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            &bindgen,
            "--force",
        ],
    )?;
    cargo_tool(
        "trunk",
        TRUNK_VERSION,
        &[
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
            "--force",
        ],
    )?;
    chromium()?;
    npm_packages()?;
    wasm_opt()?;
    Ok(())
}

fn wasm_target() -> Result<(), String> {
    let installed = command("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == WASM_TARGET)
        })
        .unwrap_or(false);
    if installed {
        println!("setup: {WASM_TARGET} target ✓");
        return Ok(());
    }
    process::run(command("rustup").args(["target", "add", WASM_TARGET]))
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn wasm_bindgen_version() -> Result<String, String> {
    let lock_path = root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|e| format!("reading {}: {e}", lock_path.display()))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

/// `program --version` prints "program X.Y.Z"; install with `cargo <install_args>` otherwise.
fn cargo_tool(program: &str, version: &str, install_args: &[&str]) -> Result<(), String> {
    let found = first_line(program, &["--version"]);
    if found
        .as_deref()
        .is_some_and(|line| line.split_whitespace().nth(1) == Some(version))
    {
        println!("setup: {program} {version} ✓");
        return Ok(());
    }
    println!(
        "setup: {program} {version} needed (found {}); installing, which takes minutes the first time",
        found.as_deref().unwrap_or("none")
    );
    process::run(command("cargo").args(install_args))
}

/// A font with Chinese glyphs, so screenshots of the Simplified Chinese interface are legible
/// (users' systems have their own; a bare Debian has none).
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

fn chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists()
        && Path::new(CHROMEDRIVER).exists()
        && Path::new(CJK_FONT).exists()
    {
        println!("setup: chromium, chromedriver and a CJK font ✓");
        return Ok(());
    }
    println!("setup: installing Debian's chromium, chromium-driver and fonts-wqy-microhei");
    let is_root = command("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut cmd = if is_root {
            command("apt-get")
        } else {
            let mut sudo = command("sudo");
            sudo.arg("apt-get");
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        process::run(&mut cmd)
    };
    apt(&["update"])?;
    apt(&[
        "install",
        "-y",
        "chromium",
        "chromium-driver",
        "fonts-wqy-microhei",
    ])
}

/// `npm ci`, skipped when node_modules was installed from this very package-lock.json.
fn npm_packages() -> Result<(), String> {
    let lock = std::fs::read(root().join("package-lock.json"))
        .map_err(|e| format!("reading package-lock.json: {e}"))?;
    let stamp = root()
        .join("node_modules")
        .join(".beachhead-installed-lock");
    if std::fs::read(&stamp).is_ok_and(|installed| installed == lock) {
        println!("setup: npm packages ✓");
        return Ok(());
    }
    process::run(command("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(&stamp, &lock).map_err(|e| format!("writing {}: {e}", stamp.display()))
}

fn wasm_opt() -> Result<(), String> {
    let found = first_line("wasm-opt", &["--version"]).unwrap_or_default();
    let from_npm = command("which")
        .arg("wasm-opt")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("node_modules"))
        .unwrap_or(false);
    if found.contains(&format!("version {WASM_OPT_VERSION}")) && from_npm {
        println!("setup: wasm-opt {WASM_OPT_VERSION} (npm binaryen) ✓");
        Ok(())
    } else {
        Err(format!(
            "wasm-opt {WASM_OPT_VERSION} from npm's binaryen is not first on PATH (found \"{found}\"); \
             check package.json's binaryen devDependency"
        ))
    }
}
