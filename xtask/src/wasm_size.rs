//! The wasm size ratchet: the release build's gzipped wasm modules (the page's, and the Monte
//! Carlo worker's) may not grow more than `ALLOWED_GROWTH` over the sizes recorded in
//! `wasm-size.txt` without anyone noticing. Raising
//! the record is a deliberate edit of that file, in the commit that makes the wasm bigger, with
//! the reason in its message; when the wasm shrinks, the check says so, so the record can follow
//! it down.

use std::path::Path;

use crate::{gzip_len, root};

/// How much the gzipped wasm may exceed the record before the check fails.
pub const ALLOWED_GROWTH: f64 = 0.02;

/// The file holding the record, at the repository's root.
pub const RECORD_FILE: &str = "wasm-size.txt";

/// The modules held to a record, in the record's order: what each is, and how its file in
/// `dist/` starts.
pub const MODULES: [(&str, &str); 2] = [
    ("page wasm", "beachhead-app-"),
    ("worker wasm", "mc-worker_bg"),
];

/// The recorded gzipped sizes in bytes, one per line in [`MODULES`]' order (lines starting
/// with `#` say what they are and how to change them).
pub fn parse_record(text: &str) -> Result<Vec<usize>, String> {
    let sizes = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.replace(['_', ','], "")
                .parse()
                .map_err(|e| format!("{RECORD_FILE}: a size is not a whole number of bytes ({e})"))
        })
        .collect::<Result<Vec<usize>, String>>()?;
    if sizes.len() != MODULES.len() {
        return Err(format!(
            "{RECORD_FILE} holds {} sizes, one per module expected ({})",
            sizes.len(),
            MODULES.len()
        ));
    }
    Ok(sizes)
}

/// What the check concludes from the measured and the recorded size.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Within the record and its allowance.
    Within,
    /// Smaller than the record by more than the allowance: the record may come down.
    Shrank,
    /// Over the record by more than the allowance.
    Grew,
}

pub fn verdict(measured: usize, recorded: usize) -> Verdict {
    let ratio = measured as f64 / recorded.max(1) as f64;
    if ratio > 1.0 + ALLOWED_GROWTH {
        Verdict::Grew
    } else if ratio < 1.0 - ALLOWED_GROWTH {
        Verdict::Shrank
    } else {
        Verdict::Within
    }
}

/// The gzipped size of the one `.wasm` file in `dist` whose name starts with `prefix`.
pub fn measure(dist: &Path, prefix: &str) -> Result<usize, String> {
    let wasm: Vec<_> = std::fs::read_dir(dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    let [path] = wasm.as_slice() else {
        return Err(format!(
            "{}: expected one {prefix}*.wasm file, found {}",
            dist.display(),
            wasm.len()
        ));
    };
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(gzip_len(&bytes))
}

/// Checks the release build in `dist` against the record: a note for the summary, or why it
/// failed.
pub fn check(dist: &Path) -> Result<String, String> {
    let record_path = root().join(RECORD_FILE);
    let record = std::fs::read_to_string(&record_path)
        .map_err(|e| format!("{}: {e}", record_path.display()))?;
    let recorded = parse_record(&record)?;
    let (mut notes, mut failures) = (Vec::new(), Vec::new());
    for ((what, prefix), recorded) in MODULES.iter().zip(recorded) {
        let measured = measure(dist, prefix)?;
        let change = 100.0 * (measured as f64 / recorded.max(1) as f64 - 1.0);
        let figures = format!("{what} {measured} B gzipped, recorded {recorded} B ({change:+.1}%)");
        match verdict(measured, recorded) {
            Verdict::Within => notes.push(figures),
            Verdict::Shrank => notes.push(format!(
                "{figures}: smaller, lower the record in {RECORD_FILE}"
            )),
            Verdict::Grew => failures.push(format!(
                "{figures}: more than {:.0}% over the record",
                100.0 * ALLOWED_GROWTH
            )),
        }
    }
    if failures.is_empty() {
        Ok(notes.join("; "))
    } else {
        Err(format!(
            "{}. Find what grew (docs/performance.md); if the growth is worth it, raise the record in {RECORD_FILE} in the same commit and say why in its message",
            failures.join("; ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_is_a_number_per_module_and_comments_are_skipped() {
        assert_eq!(
            parse_record("# gz bytes\n\n947_972\n# the worker\n34,206\n"),
            Ok(vec![947_972, 34_206])
        );
        assert!(parse_record("947,972").is_err(), "one size for two modules");
        assert!(parse_record("# nothing\n").is_err());
        assert!(parse_record("about 900 KB\n34206").is_err());
    }

    #[test]
    fn growth_past_two_percent_fails_and_a_shrink_past_it_is_told() {
        assert_eq!(verdict(1000, 1000), Verdict::Within);
        assert_eq!(verdict(1020, 1000), Verdict::Within);
        assert_eq!(verdict(1021, 1000), Verdict::Grew);
        assert_eq!(verdict(980, 1000), Verdict::Within);
        assert_eq!(verdict(979, 1000), Verdict::Shrank);
    }
}
