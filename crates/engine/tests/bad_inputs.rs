#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place
//! The bad-input catalogue (`tests/fixtures/bad/`, see its README): every malformed file there
//! goes through the engine's real loader for its directory, and the message it gets must be
//! the one `tests/fixtures/bad/EXPECTED.tsv` gives for it: the same file, row and column, a
//! `found` and an `expected` containing the listed text. A fixture without its line in
//! EXPECTED.tsv fails, and so does a line without its fixture.
//!
//! Cases too big to commit (a million columns, a 300 MB file) are built here, by
//! [`generated`], and listed in EXPECTED.tsv under `generated/`.

use std::collections::BTreeMap;
use std::path::Path;

use beachhead_engine::economics::Assumptions;
use beachhead_engine::table::MAX_FILE_BYTES;
use beachhead_engine::view_state::ViewState;
use beachhead_engine::{
    parse_user_files, scenario, test_market, Dataset, IndexModel, LoadError, Problem, Severity,
};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/bad");
const EXPECTED: &str = "EXPECTED.tsv";
/// Files in the catalogue's directory that are not cases.
const NOT_CASES: [&str; 2] = [EXPECTED, "README.md"];
/// No committed fixture is bigger than this: big cases are generated.
const MAX_FIXTURE_BYTES: u64 = 100 * 1024;
const MIN_CASES: usize = 40;

/// The loaders, named as the catalogue's directories are.
const LOADERS: [&str; 6] = [
    "user",
    "test-market",
    "index-model",
    "assumptions",
    "scenario",
    "view-state",
];

fn bundled() -> Dataset {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).unwrap();
    Dataset::from_csv(
        "indicators.csv",
        &read("indicators.csv"),
        "markets.csv",
        &read("markets.csv"),
    )
    .unwrap()
}

/// What one line of EXPECTED.tsv says a case must produce.
#[derive(Debug)]
struct Expectation {
    /// Line in EXPECTED.tsv, for messages.
    line: usize,
    loader: String,
    severity: Severity,
    file: Option<String>,
    row: Option<usize>,
    /// For a fault in the text (a JSON syntax error): the column in line `row`, written
    /// `LINE:COLUMN` in the row's field.
    line_column: Option<usize>,
    column: Option<String>,
    found: String,
    expected: String,
}

/// `-` is "none".
fn optional(text: &str) -> Option<String> {
    (text != "-").then(|| text.to_owned())
}

/// EXPECTED.tsv by case (its path under tests/fixtures/bad), and the problems with the file
/// itself.
fn expectations() -> (BTreeMap<String, Expectation>, Vec<String>) {
    let text = std::fs::read_to_string(format!("{DIR}/{EXPECTED}")).unwrap();
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    let header = lines.by_ref().find(|(_, l)| !l.starts_with('#'));
    let columns = "case\tloader\toutcome\tfile\trow\tcolumn\tfound\texpected";
    if header.map(|(_, l)| l) != Some(columns) {
        errors.push(format!("{EXPECTED}: the header must be {columns:?}"));
    }
    for (line, text) in lines {
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = text.split('\t').collect();
        let [case, loader, outcome, file, row, column, found, expected] = fields[..] else {
            errors.push(format!("{EXPECTED}:{line}: {} fields, not 8", fields.len()));
            continue;
        };
        let severity = match outcome {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            other => {
                errors.push(format!(
                    "{EXPECTED}:{line}: outcome {other:?}, not error or warning"
                ));
                continue;
            }
        };
        // A row, LINE:COLUMN for a place in the text, or -.
        let (row, line_column) = match row {
            "-" => (None, None),
            text => {
                let (r, c) = match text.split_once(':') {
                    Some((r, c)) => (r, Some(c)),
                    None => (text, None),
                };
                match (r.parse::<usize>(), c.map(str::parse::<usize>).transpose()) {
                    (Ok(r), Ok(c)) => (Some(r), c),
                    _ => {
                        errors.push(format!(
                            "{EXPECTED}:{line}: row {text:?}, not a number, LINE:COLUMN or -"
                        ));
                        continue;
                    }
                }
            }
        };
        let dir = case.strip_prefix("generated/").unwrap_or(case);
        if !LOADERS.contains(&loader) || !dir.starts_with(&format!("{loader}/")) {
            errors.push(format!(
                "{EXPECTED}:{line}: loader {loader:?}: it must be one of {LOADERS:?} and the case's directory"
            ));
            continue;
        }
        if found.is_empty() || expected.is_empty() || found == "-" || expected == "-" {
            errors.push(format!(
                "{EXPECTED}:{line}: found and expected must each give some text"
            ));
            continue;
        }
        let expectation = Expectation {
            line,
            loader: loader.to_owned(),
            severity,
            file: optional(file),
            row,
            line_column,
            column: optional(column),
            found: found.to_owned(),
            expected: expected.to_owned(),
        };
        if let Some(first) = out.insert(case.to_owned(), expectation) {
            errors.push(format!(
                "{EXPECTED}:{line}: {case} again (first on line {})",
                first.line
            ));
        }
    }
    (out, errors)
}

/// Every committed case: its path under tests/fixtures/bad, with `/` between parts.
fn fixture_files() -> Vec<(String, u64)> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, u64)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let path = format!("{prefix}{name}");
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{path}/"), out);
            } else if !(prefix.is_empty() && NOT_CASES.contains(&name.as_str())) {
                out.push((path, entry.metadata().unwrap().len()));
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new(DIR), "", &mut out);
    out.sort();
    out
}

/// The cases built at run time, by their name under `generated/`. They are cheap: the 300 MB
/// file is zeroed memory the allocator hands over untouched (the size check must refuse it
/// before a byte is read, or it would be refused as binary), the million columns are a 7 MB
/// header, and the over-long link is 68 KB.
fn generated(case: &str) -> Option<Vec<u8>> {
    let million_columns = |first: &str| {
        let mut header = String::from(first);
        for i in first.split(',').count()..1_000_000 {
            header.push_str(&format!(",c{i}"));
        }
        header.push_str("\nHKG\n");
        header.into_bytes()
    };
    match case {
        "generated/user/300mb.csv" | "generated/test-market/300mb.csv" => {
            Some(vec![0u8; 300 * 1024 * 1024])
        }
        "generated/user/just-over-the-limit.csv" => Some(vec![0u8; MAX_FILE_BYTES + 1]),
        "generated/user/million-columns.csv" => Some(million_columns("iso3")),
        "generated/test-market/million-columns.csv" => Some(million_columns("market,week")),
        "generated/view-state/too-long.txt" => {
            let link = format!("#ranking?m=HKG&c={}", "HKG,".repeat(17_000));
            Some(format!("{link}\n#ranking\n").into_bytes())
        }
        _ => None,
    }
}

const GENERATED: [&str; 6] = [
    "generated/user/300mb.csv",
    "generated/user/just-over-the-limit.csv",
    "generated/user/million-columns.csv",
    "generated/test-market/300mb.csv",
    "generated/test-market/million-columns.csv",
    "generated/view-state/too-long.txt",
];

/// One problem as the catalogue compares it. The link decoder, and the scenario reader for a
/// file from a newer Beachhead, say what is wrong in one sentence, with no file, row or
/// column: `found` and `expected` are that sentence, and the catalogue looks for both texts in
/// it.
#[derive(Debug, Clone)]
struct Finding {
    severity: Severity,
    file: Option<String>,
    row: Option<usize>,
    line_column: Option<usize>,
    column: Option<String>,
    found: String,
    expected: String,
    /// As the user reads it.
    text: String,
}

impl From<&Problem> for Finding {
    fn from(p: &Problem) -> Self {
        Self {
            severity: p.severity,
            file: Some(p.file.clone()),
            row: p.row,
            line_column: p.line_column,
            column: p.column.clone(),
            found: p.found.english(),
            expected: p.expected.english(),
            text: p.to_string(),
        }
    }
}

impl Finding {
    fn sentence(severity: Severity, text: String) -> Self {
        Self {
            severity,
            file: None,
            row: None,
            line_column: None,
            column: None,
            found: text.clone(),
            expected: text.clone(),
            text,
        }
    }

    /// The line EXPECTED.tsv would need for this finding (to paste, after checking it).
    fn tsv(&self, case: &str, loader: &str) -> String {
        let outcome = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let or_dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
        format!(
            "{case}\t{loader}\t{outcome}\t{}\t{}\t{}\t{}\t{}",
            or_dash(&self.file),
            match (self.row, self.line_column) {
                (Some(line), Some(column)) => format!("{line}:{column}"),
                (Some(row), None) => row.to_string(),
                (None, _) => "-".into(),
            },
            or_dash(&self.column),
            self.found,
            self.expected
        )
    }
}

/// What a loader made of a case.
#[derive(Debug)]
enum Outcome {
    /// Nothing was loaded: every problem, errors and warnings.
    Refused(Vec<Finding>),
    /// The load went ahead, with these warnings. `kept` counts what was loaded (rows, values,
    /// scenarios); `stray` describes anything of a bad part that was applied anyway.
    Loaded {
        warnings: Vec<Finding>,
        kept: usize,
        stray: Option<String>,
    },
}

fn refused(e: &LoadError) -> Outcome {
    Outcome::Refused(e.problems.iter().map(Finding::from).collect())
}

fn test_market_outcome(
    loaded: Result<(test_market::TestMarkets, Vec<Problem>), LoadError>,
) -> Outcome {
    match loaded {
        Ok((data, w)) => Outcome::Loaded {
            warnings: w.iter().map(Finding::from).collect(),
            kept: data.weekly.len() + data.flash_sales.len() + data.competitor_shares.len(),
            stray: None,
        },
        Err(e) => refused(&e),
    }
}

fn run(loader: &str, name: &str, bytes: Vec<u8>, base: &Dataset) -> Outcome {
    // The JSON loaders take text, as the app hands it over after reading the file as UTF-8.
    let text = || String::from_utf8_lossy(&bytes).into_owned();
    match loader {
        "user" => match parse_user_files(base, &[(name.to_owned(), bytes)]) {
            Ok((user, w)) => Outcome::Loaded {
                warnings: w.iter().map(Finding::from).collect(),
                kept: user.values.len() + user.indicators.len(),
                stray: None,
            },
            Err(e) => refused(&e),
        },
        "test-market" => {
            // A weekly file is required: a flash-sale or competitor-share case is loaded after
            // the bundled weekly file, so its own problem is the one reported.
            let mut files = Vec::new();
            if name.starts_with("flash-") || name.starts_with("shares-") {
                let weekly = concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../../public/data/test-markets/weekly.csv"
                );
                files.push(("weekly.csv".to_owned(), std::fs::read(weekly).unwrap()));
            }
            files.push((name.to_owned(), bytes));
            test_market_outcome(test_market::load_files(base, &files))
        }
        "index-model" => match IndexModel::from_json(name, &text()) {
            Ok(_) => Outcome::Loaded {
                warnings: Vec::new(),
                kept: 1,
                stray: None,
            },
            Err(e) => refused(&e),
        },
        "assumptions" => match Assumptions::from_json(name, &text()) {
            Ok(_) => Outcome::Loaded {
                warnings: Vec::new(),
                kept: 1,
                stray: None,
            },
            Err(e) => refused(&e),
        },
        "scenario" => match scenario::read_file(name, &text()) {
            Ok(file) => Outcome::Loaded {
                warnings: Vec::new(),
                kept: file.scenarios.len(),
                stray: None,
            },
            Err(scenario::ReadError::Corrupt(problem)) => {
                Outcome::Refused(vec![Finding::from(&*problem)])
            }
            // A newer file is not a fault in it: the sentence says so.
            Err(e) => Outcome::Refused(vec![Finding::sentence(Severity::Error, e.to_string())]),
        },
        "view-state" => {
            // A link with a bad part, and on an optional second line the same link without it:
            // both must decode alike (the bad part left at its default). Without a second
            // line, the link is its view and the bad part.
            let text = text();
            let mut lines = text.lines().map(str::trim);
            let link = lines.next().unwrap_or("");
            let (state, notices) = ViewState::decode(link);
            let sound = match lines.next() {
                Some(without) => ViewState::decode(without).0,
                None => ViewState {
                    view: state.view.clone(),
                    ..ViewState::default()
                },
            };
            Outcome::Loaded {
                warnings: notices
                    .into_iter()
                    .map(|n| Finding::sentence(Severity::Warning, n.english()))
                    .collect(),
                kept: usize::from(!state.view.is_empty()),
                stray: (state != sound).then(|| format!("{state:?}, not {sound:?}")),
            }
        }
        other => panic!("no loader {other}"),
    }
}

/// Why a case's outcome is not what its expectation says (None when it is).
fn mismatch(case: &str, want: &Expectation, got: &Outcome) -> Option<String> {
    let (findings, severity) = match got {
        Outcome::Refused(problems) => {
            if want.severity == Severity::Warning {
                return Some(format!(
                    "refused, but expected to load with a warning; it said:\n      {}",
                    problems
                        .iter()
                        .map(|p| p.tsv(case, &want.loader))
                        .collect::<Vec<_>>()
                        .join("\n      ")
                ));
            }
            (problems, Severity::Error)
        }
        Outcome::Loaded {
            warnings,
            kept,
            stray,
        } => {
            if want.severity == Severity::Error {
                return Some(format!(
                    "loaded ({kept} kept, warnings {:?}), but expected to be refused",
                    warnings.iter().map(|w| &w.text).collect::<Vec<_>>()
                ));
            }
            if let Some(stray) = stray {
                return Some(format!("the bad part was applied: {stray}"));
            }
            if *kept == 0 {
                return Some("loaded with nothing kept: expected the sound rest to load".into());
            }
            (warnings, Severity::Warning)
        }
    };
    let Some(first) = findings.iter().find(|f| f.severity == severity) else {
        return Some(format!("no {severity:?} at all"));
    };
    let mut wrong = Vec::new();
    if first.file != want.file {
        wrong.push(format!("file {:?}, not {:?}", first.file, want.file));
    }
    if (first.row, first.line_column) != (want.row, want.line_column) {
        wrong.push(format!(
            "row (and column in the line) {:?}, not {:?}",
            (first.row, first.line_column),
            (want.row, want.line_column)
        ));
    }
    if first.column != want.column {
        wrong.push(format!("column {:?}, not {:?}", first.column, want.column));
    }
    if !first.found.contains(&want.found) {
        wrong.push(format!("found {:?} lacks {:?}", first.found, want.found));
    }
    if !first.expected.contains(&want.expected) {
        wrong.push(format!(
            "expected {:?} lacks {:?}",
            first.expected, want.expected
        ));
    }
    // Whatever the case, every problem must say what it found and what was wanted, and name
    // the file where the loader has one.
    for f in findings {
        if f.found.trim().is_empty() || f.expected.trim().is_empty() {
            wrong.push(format!(
                "a problem with no found or no expected: {}",
                f.text
            ));
        }
        if let Some(file) = &f.file {
            if !f.text.starts_with(file.as_str()) || file.is_empty() {
                wrong.push(format!("a problem not naming its file first: {}", f.text));
            }
        }
    }
    (!wrong.is_empty()).then(|| {
        format!(
            "{}\n      it said: {}\n      as a line: {}",
            wrong.join("; "),
            first.text,
            first.tsv(case, &want.loader)
        )
    })
}

/// The loader a case's path puts it under.
fn loader_of(case: &str) -> &str {
    let dir = case.strip_prefix("generated/").unwrap_or(case);
    dir.split('/').next().unwrap_or("")
}

#[test]
fn every_fixture_has_its_expectation_and_every_expectation_its_fixture() {
    let (expected, mut failures) = expectations();
    let files = fixture_files();
    for (case, bytes) in &files {
        if !LOADERS.contains(&loader_of(case)) {
            failures.push(format!("{case}: not in a loader's directory ({LOADERS:?})"));
        }
        if !expected.contains_key(case) {
            failures.push(format!(
                "{case}: no line in {EXPECTED} (the next test prints what the loader says)"
            ));
        }
        if *bytes > MAX_FIXTURE_BYTES {
            failures.push(format!(
                "{case}: {bytes} bytes; build cases over {MAX_FIXTURE_BYTES} bytes in this test (see `generated`)"
            ));
        }
    }
    for case in GENERATED {
        if generated(case).is_none() {
            failures.push(format!("{case}: listed in GENERATED, but not built"));
        }
    }
    for (case, want) in &expected {
        let listed = if case.starts_with("generated/") {
            GENERATED.contains(&case.as_str())
        } else {
            files.iter().any(|(f, _)| f == case)
        };
        if !listed {
            failures.push(format!(
                "{EXPECTED}:{}: {case}: no such fixture file (or generated case)",
                want.line
            ));
        }
    }
    for case in GENERATED {
        if !expected.contains_key(case) {
            failures.push(format!("{case}: generated, but no line in {EXPECTED}"));
        }
    }
    if expected.len() < MIN_CASES {
        failures.push(format!(
            "{} cases: the catalogue holds at least {MIN_CASES}",
            expected.len()
        ));
    }
    assert!(failures.is_empty(), "\n  {}", failures.join("\n  "));
}

#[test]
fn every_bad_input_gets_its_message_and_loads_nothing() {
    let base = bundled();
    let (expected, _) = expectations();
    let mut failures = Vec::new();
    let cases = fixture_files()
        .into_iter()
        .map(|(case, _)| case)
        .chain(GENERATED.iter().map(|c| (*c).to_owned()));
    let mut per_loader: BTreeMap<&str, usize> = BTreeMap::new();
    for case in cases {
        let bytes = match generated(&case) {
            Some(bytes) => bytes,
            None => std::fs::read(format!("{DIR}/{case}")).unwrap(),
        };
        let loader = loader_of(&case).to_owned();
        let name = case.rsplit('/').next().unwrap_or(&case).to_owned();
        let started = std::time::Instant::now();
        let got = run(&loader, &name, bytes, &base);
        let took = started.elapsed();
        if case.starts_with("generated/") {
            eprintln!("{case}: {took:.2?}");
        }
        match expected.get(&case) {
            Some(want) => {
                *per_loader
                    .entry(LOADERS.iter().find(|l| **l == loader).unwrap())
                    .or_default() += 1;
                if let Some(why) = mismatch(&case, want, &got) {
                    failures.push(format!("{case} ({EXPECTED}:{}): {why}", want.line));
                }
            }
            None => {
                let said = match &got {
                    Outcome::Refused(p) => p.iter().map(|f| f.tsv(&case, &loader)).collect(),
                    Outcome::Loaded { warnings, kept, .. } => {
                        let mut lines = vec![format!("loaded, {kept} kept")];
                        lines.extend(warnings.iter().map(|f| f.tsv(&case, &loader)));
                        lines
                    }
                };
                failures.push(format!(
                    "{case}: no line in {EXPECTED}; the loader says:\n      {}",
                    said.join("\n      ")
                ));
            }
        }
    }
    eprintln!("bad-input cases per loader: {per_loader:?}");
    assert!(failures.is_empty(), "\n  {}", failures.join("\n  "));
}
