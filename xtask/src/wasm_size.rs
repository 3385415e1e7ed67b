//! The wasm size ratchet: the release build's gzipped wasm may not grow more than
//! `ALLOWED_GROWTH` over the size recorded in `wasm-size.txt` without anyone noticing. Raising
//! the record is a deliberate edit of that file, in the commit that makes the wasm bigger, with
//! the reason in its message; when the wasm shrinks, the check says so, so the record can follow
//! it down.

use std::path::Path;

use crate::{gzip_len, root};

/// How much the gzipped wasm may exceed the record before the check fails.
pub const ALLOWED_GROWTH: f64 = 0.02;

/// The file holding the record, at the repository's root.
pub const RECORD_FILE: &str = "wasm-size.txt";

/// The recorded gzipped size in bytes: the first line of the record that is a number (the
/// others say what it is and how to change it).
pub fn parse_record(text: &str) -> Result<usize, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.replace(['_', ','], ""))
        .next()
        .ok_or_else(|| format!("{RECORD_FILE} holds no size"))?
        .parse()
        .map_err(|e| format!("{RECORD_FILE}: the size is not a whole number of bytes ({e})"))
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

/// The gzipped size of the one `.wasm` file in `dist`.
pub fn measure(dist: &Path) -> Result<usize, String> {
    let wasm: Vec<_> = std::fs::read_dir(dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    let [path] = wasm.as_slice() else {
        return Err(format!(
            "{}: expected one .wasm file, found {}",
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
    let measured = measure(dist)?;
    let change = 100.0 * (measured as f64 / recorded.max(1) as f64 - 1.0);
    let figures = format!("{measured} B gzipped, recorded {recorded} B ({change:+.1}%)");
    match verdict(measured, recorded) {
        Verdict::Within => Ok(figures),
        Verdict::Shrank => Ok(format!(
            "{figures}: smaller, lower the record in {RECORD_FILE}"
        )),
        Verdict::Grew => Err(format!(
            "{figures}: more than {:.0}% over the record. Find what grew (docs/performance.md); if the growth is worth it, raise the record in {RECORD_FILE} in the same commit and say why in its message",
            100.0 * ALLOWED_GROWTH
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_is_the_first_number_and_comments_are_skipped() {
        assert_eq!(parse_record("# gz bytes\n\n947_972\n"), Ok(947_972));
        assert_eq!(parse_record("947,972"), Ok(947_972));
        assert!(parse_record("# nothing\n").is_err());
        assert!(parse_record("about 900 KB").is_err());
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
