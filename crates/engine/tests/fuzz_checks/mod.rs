//! The bodies of the fuzz targets: each takes any bytes, runs them through one of the
//! engine's readers and panics when a property of that reader does not hold. The cargo-fuzz
//! targets (`fuzz/fuzz_targets/<target>.rs`, nightly) call them through `fuzz/src/lib.rs`, and
//! `tests/fuzz_regressions.rs` (stable, in CI) replays every input kept in
//! `fuzz/regressions/<target>/` through the same function.
//!
//! Beyond "does not panic", every check asserts what the reader promises (docs/reliability.md):
//! a refused input gets problems that name their file and say what was found and what was
//! expected; what is accepted is valid by the reader's own rules and survives being written
//! out and read again.
//!
//! The file targets read one file or several from one input: an input that starts with
//! `@@ NAME\n` is split before every later line starting `@@ `, each part named by its line
//! (see [`files`]).

use beachhead_engine::MarketIndex;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use beachhead_engine::economics::{market_economics, Assumptions};
use beachhead_engine::scenario::{self, ReadError, SCENARIOS_VERSION};
use beachhead_engine::test_market::{self, Ingest, TestMarkets};
use beachhead_engine::view_state::{apply_assumption_changes, ViewState, MAX_LINK_CHARS};
use beachhead_engine::{
    parse_user_files, readiness, Dataset, IndexModel, LoadError, MergeMode, Problem, Severity,
};

/// A target's body: any bytes in, a panic when a property does not hold.
pub type Check = fn(&[u8]);

/// Every check, by its fuzz target's name.
pub const CHECKS: [(&str, Check); 6] = [
    ("indicator_files", indicator_files),
    ("test_market_files", test_market_files),
    ("index_model", index_model),
    ("assumptions", assumptions),
    ("link_state", link_state),
    ("scenario_file", scenario_file),
];

/// The bundled markets and indicators, the dataset every file is read against.
pub fn bundled() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| {
        match Dataset::from_csv(
            "indicators.csv",
            include_str!("../../../../public/data/indicators.csv"),
            "markets.csv",
            include_str!("../../../../public/data/markets.csv"),
        ) {
            Ok(dataset) => dataset,
            Err(e) => panic!("the bundled dataset does not load: {e}"),
        }
    })
}

/// The bundled economics assumptions, which links change.
fn bundled_assumptions() -> &'static Assumptions {
    static ASSUMPTIONS: OnceLock<Assumptions> = OnceLock::new();
    ASSUMPTIONS.get_or_init(|| {
        match Assumptions::from_json(
            "assumptions.json",
            include_str!("../../../../public/data/economics/assumptions.json"),
        ) {
            Ok(assumptions) => assumptions,
            Err(e) => panic!("the bundled assumptions do not load: {e}"),
        }
    })
}

/// The most files one input is split into.
const MAX_FILES: usize = 4;

/// One input as files: without a leading `@@ NAME\n` line, the whole input is one file named
/// `default`; with one, the input is split before each line starting `@@ `, each part being
/// named by its line (the rest of the line, trimmed; `file<N>.csv` when that is empty) and
/// holding the bytes after it up to and including the line feed before the next part. At most
/// [`MAX_FILES`] files: the last holds the rest.
pub fn files(data: &[u8], default: &str) -> Vec<(String, Vec<u8>)> {
    if !data.starts_with(b"@@ ") {
        return vec![(default.to_owned(), data.to_vec())];
    }
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(part) = rest.strip_prefix(b"@@ ") {
        let name_end = part.iter().position(|&b| b == b'\n').unwrap_or(part.len());
        let name = String::from_utf8_lossy(&part[..name_end]).trim().to_owned();
        let body = part.get(name_end + 1..).unwrap_or(&[]);
        let next = if out.len() + 1 == MAX_FILES {
            None
        } else {
            body.windows(4).position(|w| w == b"\n@@ ")
        };
        let (content, after) = match next {
            Some(i) => (&body[..=i], &body[i + 1..]),
            None => (body, &[][..]),
        };
        let name = if name.is_empty() {
            format!("file{}.csv", out.len() + 1)
        } else {
            name
        };
        out.push((name, content.to_vec()));
        rest = after;
    }
    out
}

/// A problem as the user gets it: it names its file (one of `names`) first, says what was
/// found and what was expected, and its row (1-based) and column, where it has them, are real.
fn check_problem(problem: &Problem, names: &[&str]) {
    let text = problem.to_string();
    assert!(
        names.contains(&problem.file.as_str()),
        "a problem naming {:?}, not one of the files {names:?}: {text}",
        problem.file
    );
    assert!(
        !problem.file.is_empty() && text.starts_with(problem.file.as_str()),
        "a problem not naming its file first: {text}"
    );
    assert!(
        !problem.found.english().trim().is_empty() && !problem.expected.english().trim().is_empty(),
        "a problem without found or expected: {text}"
    );
    assert!(problem.row != Some(0), "row 0 (rows count from 1): {text}");
    assert!(
        problem.column.as_ref().is_none_or(|c| !c.trim().is_empty()),
        "an empty column name: {text}"
    );
}

/// A refused load: at least one error, and every problem located as [`check_problem`] says.
fn check_refusal(error: &LoadError, names: &[&str]) {
    assert!(
        error.errors().next().is_some(),
        "refused without an error: {error}"
    );
    for problem in &error.problems {
        check_problem(problem, names);
    }
}

/// Warnings that came with a load: warnings only, each located.
fn check_warnings(warnings: &[Problem], names: &[&str]) {
    for warning in warnings {
        assert_eq!(
            warning.severity,
            Severity::Warning,
            "an error among a load's warnings: {warning}"
        );
        check_problem(warning, names);
    }
}

/// The user's own indicator files (CSV, wide or long, dictionaries, JSON), one to four of
/// them, through `parse_user_files`. Refused: located problems. Loaded: every value is a
/// finite number in its indicator's range, for a real market, once per market and indicator,
/// and merging the data into the bundled dataset (either way) shows exactly those values.
pub fn indicator_files(data: &[u8]) {
    let base = bundled();
    let files = files(data, "values.csv");
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    // The problem that there is nothing at all names every file.
    let all = names.join(", ");
    let mut allowed = names.clone();
    allowed.push(&all);
    let (user, warnings) = match parse_user_files(base, &files) {
        Ok(loaded) => loaded,
        Err(e) => return check_refusal(&e, &allowed),
    };
    check_warnings(&warnings, &allowed);
    assert_eq!(user.files, names, "the files loaded are the files given");
    assert!(
        !user.values.is_empty() || !user.indicators.is_empty(),
        "loaded, with nothing in it"
    );
    let mut ids = BTreeSet::new();
    for indicator in &user.indicators {
        assert!(
            ids.insert(indicator.id.as_str()),
            "indicator {:?} defined twice",
            indicator.id
        );
    }
    let known = |id: &str| {
        user.indicators
            .iter()
            .chain(base.indicators())
            .find(|i| i.id == id)
    };
    let mut seen = BTreeSet::new();
    for value in &user.values {
        let v = value.observation.value;
        assert!(value.market.0 < base.markets().len(), "no market {value:?}");
        assert!(v.is_finite(), "a value that is not finite: {value:?}");
        let Some(indicator) = known(&value.indicator) else {
            panic!("a value of an unknown indicator: {value:?}");
        };
        assert_eq!(
            indicator.out_of_range(v),
            None,
            "a value out of its range: {value:?}"
        );
        assert!(
            seen.insert((value.market, value.indicator.as_str())),
            "two values of {} for market {}",
            value.indicator,
            value.market
        );
    }
    for mode in [MergeMode::Merge, MergeMode::Replace] {
        let merged = base.with_user_data(&user, mode);
        assert_eq!(merged.markets().len(), base.markets().len());
        for value in &user.values {
            let i = merged.indicator_index(&value.indicator);
            assert_eq!(
                i.and_then(|i| merged.observation(value.market, i)),
                Some(value.observation),
                "{mode:?}: the merged dataset lacks {value:?}"
            );
        }
    }
}

/// The (bytes read, bytes in all) an ingest reports, read after every step.
fn step_to_the_end(mut ingest: Ingest<Vec<u8>>, budgets: &[u8], total: usize) -> Ingest<Vec<u8>> {
    let mut last = 0;
    for step in 0usize.. {
        let budget = budgets
            .get(step % budgets.len().max(1))
            .map_or(1, |&b| usize::from(b % 16) + 1);
        let finished = ingest.step(budget);
        let (done, all) = ingest.progress();
        assert_eq!(all, total, "the progress's total is the files' bytes");
        assert!(
            done >= last && done <= all,
            "progress went from {last} to {done} of {all}"
        );
        last = done;
        if finished {
            assert_eq!(done, all, "finished short of the total");
            break;
        }
        assert!(
            step <= 2 * total + 64,
            "{step} steps of at least one row for {total} bytes"
        );
    }
    ingest
}

const BUNDLED_WEEKLY: &str = include_str!("../../../../public/data/test-markets/weekly.csv");
const BUNDLED_FLASH: &str = include_str!("../../../../public/data/test-markets/flash_sales.csv");
const BUNDLED_SHARES: &str =
    include_str!("../../../../public/data/test-markets/competitor_shares.csv");

/// What a loaded test market must be: warnings only, each located; records for real markets,
/// one per market and date in each kind, with values in their columns' ranges.
fn check_test_markets(data: &TestMarkets, warnings: &[Problem], names: &[&str]) {
    check_warnings(warnings, names);
    let markets = bundled().markets().len();
    for (kind, records) in [
        ("weekly", &data.weekly),
        ("flash-sale", &data.flash_sales),
        ("competitor-share", &data.competitor_shares),
    ] {
        let mut seen = BTreeSet::new();
        for r in records {
            assert!(r.market.0 < markets, "{kind}: no market {r:?}");
            assert!(r.line >= 2, "{kind}: a record on the header's row: {r:?}");
            assert!(
                seen.insert((r.market, r.date)),
                "{kind}: a second record for {} on {}",
                r.market,
                r.date
            );
            for v in r.values().flatten() {
                assert!(v.is_finite() && v >= 0.0, "{kind}: value {v} in {r:?}");
            }
        }
    }
    assert!(
        data.weekly.iter().all(|r| r.date.day().is_some()),
        "a weekly record dated by its month"
    );
    assert!(
        data.competitor_shares
            .iter()
            .all(|r| r.date.day().is_none()),
        "a competitor-share record with a day"
    );
}

/// The user's own test-market files (weekly, flash-sale, competitor-share CSVs, told apart by
/// their date column), through `test_market::load_files`. Refused: located problems. Loaded:
/// [`check_test_markets`]. Read a few rows at a time by an [`Ingest`] (the budgets taken from
/// the input's first bytes), the result is the same, and the progress only grows, up to the
/// files' total. The first three files as text, given their kinds (the bundled files for
/// kinds not given), through `test_market::load`: located problems, or valid data.
pub fn test_market_files(data: &[u8]) {
    let base = bundled();
    let files = files(data, "weekly.csv");
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let whole = test_market::load_files(base, &files);
    match &whole {
        Ok((loaded, warnings)) => check_test_markets(loaded, warnings, &names),
        Err(e) => check_refusal(e, &names),
    }
    let total = files.iter().map(|(_, b)| b.len()).sum();
    let sliced = step_to_the_end(Ingest::new(base, files.clone()), data, total).finish();
    assert_eq!(
        sliced, whole,
        "read a slice at a time, the files load differently"
    );

    let text: Vec<(&str, String)> = files
        .iter()
        .take(3)
        .map(|(n, b)| (n.as_str(), String::from_utf8_lossy(b).into_owned()))
        .collect();
    // Kinds the input does not give are the bundled files.
    let part = |i: usize, bundled: (&'static str, &'static str)| {
        text.get(i).map_or(bundled, |(n, t)| (*n, t.as_str()))
    };
    let (weekly, flash, shares) = (
        part(0, ("weekly.csv", BUNDLED_WEEKLY)),
        part(1, ("flash_sales.csv", BUNDLED_FLASH)),
        part(2, ("competitor_shares.csv", BUNDLED_SHARES)),
    );
    let given = [weekly.0, flash.0, shares.0];
    match test_market::load(base, weekly, flash, shares) {
        Ok((loaded, warnings)) => check_test_markets(&loaded, &warnings, &given),
        Err(e) => check_refusal(&e, &given),
    }
}

/// The files' bytes as the app hands them to the JSON readers: text, any invalid UTF-8
/// replaced.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// An index model, through `IndexModel::from_json`. Refused: located problems. Loaded: it
/// passes its own `check`, written out and read again it is the same model, and it scores the
/// bundled dataset: every market ranked or excluded once, scores finite and on the model's
/// scale, ranks from 1 in score order.
pub fn index_model(data: &[u8]) {
    const FILE: &str = "model.json";
    let model = match IndexModel::from_json(FILE, &text(data)) {
        Ok(model) => model,
        Err(e) => return check_refusal(&e, &[FILE]),
    };
    if let Err(e) = model.check(FILE) {
        panic!("loaded, but its check fails: {e}");
    }
    let written = match serde_json::to_string(&model) {
        Ok(json) => json,
        Err(e) => panic!("a loaded model cannot be written: {e}"),
    };
    match IndexModel::from_json(FILE, &written) {
        Ok(again) => assert_eq!(again, model, "written and read again, the model changed"),
        Err(e) => panic!("a loaded model, written out, is refused: {e}\n{written}"),
    }
    let base = bundled();
    let ranking = readiness::score(base, &model);
    let mut markets: Vec<usize> = ranking.scores.iter().map(|s| s.market.0).collect();
    markets.extend(ranking.excluded.iter().map(|m| m.0));
    markets.sort_unstable();
    markets.dedup();
    assert_eq!(
        markets.len(),
        ranking.scores.len() + ranking.excluded.len(),
        "a market ranked twice, or ranked and excluded"
    );
    assert!(markets.iter().all(|&m| m < base.markets().len()));
    let slack = model.scale * 1e-9;
    let mut previous: Option<(f64, usize)> = None;
    for (i, s) in ranking.scores.iter().enumerate() {
        assert!(
            s.score.is_finite() && s.score >= -slack && s.score <= model.scale + slack,
            "market {} scores {} on a scale of {}",
            s.market,
            s.score,
            model.scale
        );
        assert!(
            (0.0..=1.0 + 1e-9).contains(&s.coverage),
            "coverage {}",
            s.coverage
        );
        match previous {
            None => assert_eq!(s.rank, 1, "the best is not ranked 1"),
            Some((score, rank)) => {
                assert!(s.score <= score, "scores not best first");
                let expected = if s.score == score { rank } else { i + 1 };
                assert_eq!(s.rank, expected, "rank of the {}th", i + 1);
            }
        }
        previous = Some((s.score, s.rank));
    }
}

/// Economics assumptions, through `Assumptions::from_json`. Refused: located problems.
/// Loaded: every market's overrides give assumptions (`for_market`) that `check_market`
/// accepts and that `set_market` records as they are; written out and read again they are
/// the same; the economics of the markets they name (and the first) are worked out.
pub fn assumptions(data: &[u8]) {
    const FILE: &str = "assumptions.json";
    let assumptions = match Assumptions::from_json(FILE, &text(data)) {
        Ok(a) => a,
        Err(e) => return check_refusal(&e, &[FILE]),
    };
    for code in assumptions.markets.keys() {
        let market = match assumptions.for_market(code) {
            Ok(m) => m,
            Err(e) => panic!("loaded, but markets.{code} does not apply: {e}"),
        };
        let problems = assumptions.check_market(code, &market);
        assert!(
            problems.is_empty(),
            "loaded, but markets.{code} is refused: {problems:?}"
        );
        let mut again = assumptions.clone();
        if let Err(e) = again.set_market(code, &market) {
            panic!("markets.{code} cannot be recorded: {e}");
        }
        assert_eq!(
            again.for_market(code).ok().as_ref(),
            Some(&market),
            "markets.{code} recorded and read back changed"
        );
    }
    let written = match serde_json::to_string(&assumptions) {
        Ok(json) => json,
        Err(e) => panic!("loaded assumptions cannot be written: {e}"),
    };
    match Assumptions::from_json(FILE, &written) {
        Ok(again) => assert_eq!(again, assumptions, "written and read again, they changed"),
        Err(e) => panic!("loaded assumptions, written out, are refused: {e}\n{written}"),
    }
    let base = bundled();
    let named = base
        .markets()
        .iter()
        .enumerate()
        .filter(|(i, m)| *i == 0 || assumptions.markets.contains_key(&m.iso3))
        .map(|(i, _)| MarketIndex(i));
    for market in named {
        // An error names what is missing (a VAT rate, say); only a panic fails.
        let _ = market_economics(&assumptions, base, market);
    }
}

/// A link's state (the text after `#`), through `ViewState::decode`. Decoding never fails:
/// what it keeps is valid (weights finite and 0 or more, goalposts in order, gates in range
/// and once per metric, a population floor of 0 or more), every part left out gets a notice;
/// the state encoded and decoded again is the same state, without a notice, and encodes to
/// the same link. Its changes to the assumptions, applied to the bundled ones, leave valid
/// assumptions.
pub fn link_state(data: &[u8]) {
    let link = text(data);
    let (state, notices) = ViewState::decode(&link);
    assert!(
        notices.iter().all(|n| !n.english().trim().is_empty()),
        "an empty notice"
    );
    for (id, w) in &state.weights {
        assert!(w.is_finite() && *w >= 0.0, "weight {w} for {id:?}");
    }
    for n in state.normalisations.values() {
        if let beachhead_engine::Normalisation::Goalposts { min, max } = n {
            assert!(min < max, "goalposts {min} to {max}");
        }
    }
    if let Some(gates) = &state.gates {
        let mut metrics = BTreeSet::new();
        for g in gates {
            let (lo, hi) = g.metric.range();
            assert!(
                (lo..=hi).contains(&g.threshold),
                "gate {:?} at {} outside {lo} to {hi}",
                g.metric,
                g.threshold
            );
            assert!(metrics.insert(g.metric.id()), "gate {:?} twice", g.metric);
        }
    }
    if let Some(f) = &state.filter {
        assert!(
            f.min_population_m.is_finite() && f.min_population_m >= 0.0,
            "population floor {}",
            f.min_population_m
        );
    }
    let encoded = state.encode();
    if encoded.len() <= MAX_LINK_CHARS {
        for again in [encoded.clone(), format!("#{encoded}")] {
            let (decoded, notices) = ViewState::decode(&again);
            assert!(
                notices.is_empty(),
                "the link the state encodes to, {again:?}, has notices: {notices:?}"
            );
            assert_eq!(
                decoded, state,
                "encoded as {again:?} and decoded, it changed"
            );
            assert_eq!(decoded.encode(), encoded, "encoded twice, the links differ");
        }
    }
    let (changed, _) = apply_assumption_changes(bundled_assumptions(), &state.assumptions);
    let written = match serde_json::to_string(&changed) {
        Ok(json) => json,
        Err(e) => panic!("changed assumptions cannot be written: {e}"),
    };
    if let Err(e) = Assumptions::from_json("the link", &written) {
        panic!("the link's changes leave invalid assumptions: {e}");
    }
}

/// A scenario file, through `scenario::read_file`. Refused as unreadable: one located problem
/// naming the file; as newer: a version above this one's. Loaded: written out and read again
/// it is the same, and every scenario's state decodes.
pub fn scenario_file(data: &[u8]) {
    const FILE: &str = "scenarios.json";
    let file = match scenario::read_file(FILE, &text(data)) {
        Ok(file) => file,
        Err(ReadError::Corrupt(problem)) => {
            assert_eq!(problem.severity, Severity::Error);
            return check_problem(&problem, &[FILE]);
        }
        Err(ReadError::Future(v)) => {
            return assert!(v > SCENARIOS_VERSION, "version {v} called newer");
        }
    };
    assert_eq!(
        scenario::read_file(FILE, &file.to_json()).as_ref(),
        Ok(&file),
        "written and read again, the scenarios changed"
    );
    for s in &file.scenarios {
        let _ = ViewState::decode(&format!("?{}", s.state));
    }
}
