//! Beachhead's web app: Leptos components over the engine. State lives in signals, derived
//! results in memos ([`state`]); components only render them; [`browser`] is the glue to the page.

pub mod app;
// Test-only exports are named `bench_*` or `beachhead_test_*`: `cargo xtask dist` fails a
// release build whose wasm exports a name so prefixed.
#[cfg(feature = "testing")]
pub mod bench;
pub mod browser;
pub mod components;
pub mod format;
pub mod i18n;
pub mod panic_report;
pub mod state;

pub use app::App;

/// Every Rust file under `dir` (relative to the app's root), with its text: what the source
/// rules and the translation checks read.
#[cfg(test)]
pub(crate) fn rust_sources(dir: &str) -> Vec<(std::path::PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir:?}: {e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text =
                    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
                found.push((path, text));
            }
        }
    }
    found
}

#[cfg(test)]
mod source_rules {
    use super::rust_sources;

    /// Text from data (markets, indicators, the user's files, links) reaches the page only as
    /// text: no code in the app sets markup from a string, so none can be injected that way.
    #[test]
    fn nothing_sets_markup_from_a_string() {
        let mut checked = 0;
        for (path, text) in rust_sources("src") {
            // Spelled in two halves so that this test does not find itself.
            for banned in [
                concat!("inner", "_html"),
                concat!("inner", "HTML"),
                concat!("outer", "_html"),
                concat!("insert_adjacent", "_html"),
            ] {
                assert!(!text.contains(banned), "{path:?} uses {banned}");
            }
            checked += 1;
        }
        assert!(checked > 20, "only {checked} source files found");
    }

    /// Every function in the app's views and state reads in one screen or two: a longer one
    /// holds several parts that deserve names (ARCHITECTURE.md). Counted from its `fn` line to
    /// the closing brace at the same indent, as rustfmt lays it out.
    #[test]
    fn no_function_in_the_app_is_over_150_lines() {
        const MAX_LINES: usize = 150;
        let mut long = Vec::new();
        for (path, text) in rust_sources("src") {
            let lines: Vec<&str> = text.lines().collect();
            for (start, line) in lines.iter().enumerate() {
                let indent = line.len() - line.trim_start().len();
                let head = line.trim_start();
                let head = head.strip_prefix("pub ").unwrap_or(head);
                let head = head.strip_prefix("async ").unwrap_or(head);
                if !head.starts_with("fn ") {
                    continue;
                }
                let close = format!("{}}}", " ".repeat(indent));
                if let Some(end) = lines[start + 1..].iter().position(|l| *l == close) {
                    let length = end + 2;
                    if length > MAX_LINES {
                        let name = head[3..].split(['(', '<']).next().unwrap_or_default();
                        long.push(format!("{}: {name}, {length} lines", path.display()));
                    }
                }
            }
        }
        assert!(
            long.is_empty(),
            "functions over {MAX_LINES} lines:\n{}",
            long.join("\n")
        );
    }
}
