#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place
//! One fixture per validation rule (tests/fixtures/user/), each with the exact messages it
//! must produce, read against the bundled dataset so market names and aliases are real.

use beachhead_engine::{parse_user_files, template, Dataset, MergeMode, Severity};

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

fn fixture(name: &str) -> (String, Vec<u8>) {
    let path = format!("{}/tests/fixtures/user/{name}", env!("CARGO_MANIFEST_DIR"));
    (name.to_owned(), std::fs::read(path).unwrap())
}

/// What a load says, one line per finding: "ok: …" for a load that went through, then
/// "error: …" / "warning: …" lines.
fn outcome(base: &Dataset, files: &[(String, Vec<u8>)]) -> Vec<String> {
    let line = |p: &beachhead_engine::Problem| {
        let kind = if p.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        format!("{kind}: {p}")
    };
    match parse_user_files(base, files) {
        Ok((user, warnings)) => {
            let mut out = vec![format!(
                "ok: {} values for {} markets, {} indicators defined",
                user.values.len(),
                user.market_count(),
                user.indicators.len()
            )];
            out.extend(warnings.iter().map(line));
            out
        }
        Err(e) => e.problems.iter().map(line).collect(),
    }
}

#[test]
fn every_validation_rule_has_its_message() {
    let base = bundled();
    let cases: &[(&[&str], &[&str])] = &CASES;
    let mut failures = Vec::new();
    for (files, expected) in cases {
        let loaded: Vec<_> = files.iter().map(|f| fixture(f)).collect();
        let got = outcome(&base, &loaded);
        if got != *expected {
            failures.push(format!(
                "{files:?}\n  expected {expected:#?}\n  got {got:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const CASES: [(&[&str], &[&str]); 29] = [
    (&["bad-year.csv"], &[
        "error: bad-year.csv, row 2, column \"internet_pct_year\": found \"last year\"; expected a year such as 2023, or an empty cell",
    ]),
    (&["binary.csv"], &[
        "error: binary.csv: found binary data (a spreadsheet or archive, not text); expected a CSV text file: in a spreadsheet, use Save as… CSV (UTF-8)",
    ]),
    (&["bom.csv"], &[
        "ok: 2 values for 2 markets, 0 indicators defined",
    ]),
    (&["dictionary-and-values.json"], &[
        "ok: 2 values for 2 markets, 1 indicators defined",
    ]),
    (&["dictionary-errors.csv"], &[
        "error: dictionary-errors.csv, row 2, column \"direction\": found \"up\"; expected \"higher\" or \"lower\" (which way is better)",
        "error: dictionary-errors.csv, row 3, column \"id\": found \"Fan Sites\"; expected an id of lower-case letters, digits and underscores, such as internet_pct",
    ]),
    (&["dictionary.csv"], &[
        "ok: 0 values for 0 markets, 1 indicators defined",
    ]),
    (&["duplicate-column.csv"], &[
        "error: duplicate-column.csv, row 1, column \"internet_pct\": found a second column with this name; expected each column name once",
    ]),
    (&["duplicate-market.csv"], &[
        "error: duplicate-market.csv, row 3, column \"market\": found \"United States\" (United States) again (first on row 2); expected each market once",
    ]),
    (&["empty.csv"], &[
        "error: empty.csv: found an empty file; expected a header row and at least one data row",
    ]),
    (&["future-version.json"], &[
        "error: future-version.json, column \"version\": found version 2; expected version 1 (the version this Beachhead reads)",
    ]),
    (&["header-only.csv"], &[
        "error: header-only.csv: found a header row only; expected at least one data row",
    ]),
    (&["latin1.csv"], &[
        "error: latin1.csv, row 3: found a byte that is not UTF-8 (0xF4); expected UTF-8 text (in a spreadsheet, use Save as… CSV UTF-8)",
    ]),
    (&["long-unknown-indicator.csv"], &[
        "error: long-unknown-indicator.csv, row 2, column \"indicator\": found \"fan_sites\", an unknown indicator; expected an indicator id from the dictionary (add it to an indicator dictionary file to bring a new one)",
    ]),
    (&["long.csv"], &[
        "ok: 3 values for 3 markets, 0 indicators defined",
    ]),
    (&["nan-and-infinity.csv"], &[
        "error: nan-and-infinity.csv, row 2, column \"internet_pct\": found \"NaN\"; expected a finite number in % of population, or an empty cell for a missing value",
        "error: nan-and-infinity.csv, row 3, column \"internet_pct\": found \"inf\"; expected a finite number in % of population, or an empty cell for a missing value",
    ]),
    (&["negative-population.csv"], &[
        "error: negative-population.csv, row 2, column \"population\": found -7500000; expected a value of at least 0 (people)",
    ]),
    (&["no-market-column.csv"], &[
        "error: no-market-column.csv, row 1: found the columns internet_pct, lpi_score; expected a market column (iso3, iso2, market, country or name), or long format (market, indicator, value)",
    ]),
    (&["non-numeric.csv"], &[
        "error: non-numeric.csv, row 2, column \"internet_pct\": found \"high\"; expected a number in % of population, or an empty cell for a missing value",
        "error: non-numeric.csv, row 3, column \"internet_pct\": found \"1,234\"; expected a number in % of population (without thousands separators or decimal commas), or an empty cell for a missing value",
    ]),
    (&["percent-over-100.csv"], &[
        "error: percent-over-100.csv, row 2, column \"internet_pct\": found 104.5; expected a value from 0 to 100 (% of population)",
    ]),
    (&["quoted-and-aliases.csv"], &[
        "ok: 3 values for 3 markets, 0 indicators defined",
    ]),
    (&["semicolon.csv"], &[
        "ok: 4 values for 2 markets, 0 indicators defined",
    ]),
    (&["tab.tsv"], &[
        "ok: 2 values for 2 markets, 0 indicators defined",
    ]),
    (&["truncated.json"], &[
        "error: truncated.json, line 1, column 64: found invalid JSON: EOF while parsing a value; expected a JSON document in the Beachhead data format",
    ]),
    (&["unclosed-quote.csv"], &[
        "error: unclosed-quote.csv, row 2, column \"internet_pct\": found a value running over several lines, starting \"95\"; expected one value per cell: a quote (\") opened here is never closed",
    ]),
    (&["unknown-indicator.csv"], &[
        "error: unknown-indicator.csv, row 1, column \"fan_sites\": found an unknown indicator; expected an indicator id from the dictionary (add it to an indicator dictionary file to bring a new one)",
    ]),
    (&["unknown-market.csv"], &[
        "ok: 1 values for 1 markets, 0 indicators defined",
        "warning: unknown-market.csv, row 2, column \"market\": found \"Narnia\", which matches no market (the row was skipped); expected an ISO 3166-1 alpha-2 or alpha-3 code, or a country name",
    ]),
    (&["values-for-dictionary.csv"], &[
        "error: values-for-dictionary.csv, row 1, column \"fan_sites\": found an unknown indicator; expected an indicator id from the dictionary (add it to an indicator dictionary file to bring a new one)",
    ]),
    (&["workbook-renamed.csv"], &[
        "error: workbook-renamed.csv: found a zip archive (an .xlsx workbook, or a zipped file renamed); expected a CSV or JSON text file",
    ]),
    (&["values-for-dictionary.csv", "dictionary.csv"], &[
        "ok: 2 values for 2 markets, 1 indicators defined",
    ]),
];

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let big = vec![b'1'; beachhead_engine::table::MAX_FILE_BYTES + 1];
    let got = outcome(&bundled(), &[("huge.csv".into(), big)]);
    assert_eq!(
        got,
        ["error: huge.csv: found 268,435,457 bytes (268.4 MB); expected a file of at most 268.4 MB (268,435,456 bytes); split it, or keep only the columns you need"]
    );
}

#[test]
fn merge_overrides_and_adds_while_replace_keeps_only_the_users_indicators() {
    let base = bundled();
    let files = [
        fixture("dictionary.csv"),
        fixture("values-for-dictionary.csv"),
        fixture("bom.csv"),
    ];
    let (user, _) = parse_user_files(&base, &files).unwrap();
    let hkg = base.market_index("HKG").unwrap();

    let merged = base.with_user_data(&user, MergeMode::Merge);
    assert_eq!(merged.indicators().len(), base.indicators().len() + 1);
    let internet = merged.indicator_index("internet_pct").unwrap();
    assert_eq!(merged.observation(hkg, internet).unwrap().value, 95.6);
    assert_eq!(merged.observation(hkg, internet).unwrap().year, Some(2023));
    let fans = merged.indicator_index("fan_sites").unwrap();
    assert_eq!(merged.observation(hkg, fans).unwrap().value, 12.0);
    assert_eq!(
        merged.observation(hkg, fans).unwrap().year,
        Some(2024),
        "dictionary year"
    );
    let population = merged.indicator_index("population").unwrap();
    assert_eq!(
        merged.observation(hkg, population),
        base.observation(hkg, base.indicator_index("population").unwrap())
    );

    let replaced = base.with_user_data(&user, MergeMode::Replace);
    let ids: Vec<&str> = replaced
        .indicators()
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ids, ["fan_sites", "internet_pct"]);
    assert_eq!(
        replaced.markets(),
        base.markets(),
        "markets and their reference data stay"
    );
    let sgp = base.market_index("SGP").unwrap();
    assert_eq!(
        replaced.observation(sgp, 1),
        None,
        "bundled values are gone"
    );
}

#[test]
fn the_template_round_trips_to_the_same_values() {
    let base = bundled();
    let csv = template::wide_csv(&base);
    let (user, warnings) =
        parse_user_files(&base, &[("template.csv".into(), csv.into_bytes())]).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let replaced = base.with_user_data(&user, MergeMode::Replace);
    // The generated layers come back empty: a template's values are the user's own data.
    let real: Vec<_> = base
        .indicators()
        .iter()
        .filter(|i| i.status != beachhead_engine::Status::Illustrative)
        .cloned()
        .collect();
    assert_eq!(replaced.indicators(), real);
    for m in base.market_indices() {
        for (i, indicator) in real.iter().enumerate() {
            let b = base.indicator_index(&indicator.id).unwrap();
            assert_eq!(
                replaced.observation(m, i),
                base.observation(m, b),
                "{} {}",
                base[m].iso3,
                indicator.id
            );
        }
    }
}

#[test]
fn a_bare_values_file_can_be_scored_with_its_numeric_columns_as_indicators() {
    use beachhead_engine::user_data::parse_values_inferring;
    let base = bundled();
    let csv = "\u{feff}iso3,country,hdicode,le_2022,gnipc_2022\nNOR,Norway,Very High,83.1,69190\nZZA.VHHD,Very high human development,,79.0,45000\nKEN,Kenya,Medium,62.1,4800\n";
    let (user, warnings) = parse_values_inferring(&base, &[], "hdr.csv", csv.as_bytes()).unwrap();
    let ids: Vec<&str> = user.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["le_2022", "gnipc_2022"]);
    assert_eq!(
        user.values.len(),
        4,
        "two markets, two indicators; the aggregate row is skipped"
    );
    let texts: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(texts, [
        "hdr.csv, row 1, column \"hdicode\": found a column that is not numeric or not a valid indicator id (it was left out); expected numbers, to use it as an indicator",
        "hdr.csv, row 3, column \"iso3\": found \"ZZA.VHHD\", which matches no market (the row was skipped); expected an ISO 3166-1 alpha-2 or alpha-3 code, or a country name",
    ]);
}
