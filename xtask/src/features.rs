//! The engine is tested natively by `cargo test --workspace`, where Cargo turns on a shared
//! dependency's features for every workspace member and dev-dependency at once, and ships in
//! the app's wasm, where only the app's own graph counts. A feature on one side only (the
//! CLI's serde_json `preserve_order`, say, which changes how JSON objects are ordered) makes
//! the engine that passed the tests differ from the one that ships. This compares, for each
//! of the engine's dependencies, the features Cargo resolves in the two builds.

use std::collections::{BTreeMap, BTreeSet};

use crate::process::command;

/// Features that differ but cannot change what the engine does, with why.
const INERT: [(&str, &str, &str); 5] = [
    ("serde", "alloc", "implied by std, which both sides have"),
    (
        "serde_core",
        "alloc",
        "implied by std, which both sides have",
    ),
    (
        "serde_json",
        "alloc",
        "implied by std, which both sides have",
    ),
    (
        "zerocopy",
        "derive",
        "derive macros only (criterion's half wants them)",
    ),
    ("zerocopy", "zerocopy-derive", "the crate behind derive"),
];

fn tree(args: &[&str]) -> Result<String, String> {
    let output = command("cargo")
        .args(["tree", "--prefix", "none"])
        .args(args)
        .output()
        .map_err(|e| format!("cargo tree: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo tree {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `{p} [{f}]` lines: each package with the union of the features it is built with.
fn features(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim_end().trim_end_matches(" (*)");
        let Some((package, list)) = line.rsplit_once(" [") else {
            continue;
        };
        out.entry(package.to_owned()).or_default().extend(
            list.trim_end_matches(']')
                .split(',')
                .filter(|f| !f.is_empty())
                .map(str::to_owned),
        );
    }
    out
}

/// What differs between the two sides for the engine's dependencies (`name vX`), inert
/// differences left out.
fn differences(
    engine_deps: &[String],
    tested: &BTreeMap<String, BTreeSet<String>>,
    shipped: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let empty = BTreeSet::new();
    let mut out = Vec::new();
    for package in engine_deps {
        let name = package.split(' ').next().unwrap_or_default();
        let inert = |f: &&String| INERT.iter().any(|(n, i, _)| *n == name && *i == f.as_str());
        let test = tested.get(package).unwrap_or(&empty);
        let ship = shipped.get(package).unwrap_or(&empty);
        let only_tested: Vec<&String> = test.difference(ship).filter(|f| !inert(f)).collect();
        let only_shipped: Vec<&String> = ship.difference(test).filter(|f| !inert(f)).collect();
        if !only_tested.is_empty() || !only_shipped.is_empty() {
            out.push(format!(
                "{package}: only in the tests {only_tested:?}, only in the wasm {only_shipped:?}"
            ));
        }
    }
    out
}

pub fn check() -> Result<(), String> {
    let engine_deps: Vec<String> = tree(&[
        "-p",
        "beachhead-engine",
        "-e",
        "normal,no-proc-macro",
        "-f",
        "{p}",
    ])?
    .lines()
    .map(|l| l.trim_end_matches(" (*)").to_owned())
    .collect::<BTreeSet<_>>()
    .into_iter()
    .collect();
    // Build scripts and proc macros are built apart from the code they serve (resolver 2), so
    // their features are left out on both sides.
    let tested = features(&tree(&[
        "--workspace",
        "-e",
        "normal,dev,no-proc-macro",
        "-f",
        "{p} [{f}]",
    ])?);
    let shipped = features(&tree(&[
        "-p",
        "beachhead-app",
        "--target",
        "wasm32-unknown-unknown",
        "-e",
        "normal,no-proc-macro",
        "-f",
        "{p} [{f}]",
    ])?);
    let found = differences(&engine_deps, &tested, &shipped);
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the engine's dependencies are built with other features in `cargo test --workspace` than in the app's wasm:\n  {}",
            found.join("\n  ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{differences, features};

    #[test]
    fn only_features_that_matter_are_reported() {
        let tested = features(
            "serde_json v1.0.1 [alloc,default,preserve_order,std]\nserde v1.0.2 [alloc,std]\nserde v1.0.2 [alloc,std] (*)\nrand v0.9.0 [std]\n",
        );
        let shipped =
            features("serde_json v1.0.1 [default,std]\nserde v1.0.2 [std]\nrand v0.9.0 [std]\n");
        let deps = ["serde_json v1.0.1", "serde v1.0.2", "rand v0.9.0"].map(String::from);
        assert_eq!(
            differences(&deps, &tested, &shipped),
            ["serde_json v1.0.1: only in the tests [\"preserve_order\"], only in the wasm []"]
        );
        assert!(differences(&deps, &shipped, &shipped).is_empty());
    }
}
