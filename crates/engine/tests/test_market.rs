#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_engine::test_market::{load, load_files};
use beachhead_engine::Dataset;

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

fn bundled_file(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../public/data/test-markets/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn the_bundled_test_markets_load_for_hong_kong_and_taiwan() {
    let base = bundled();
    let (w, f, s) = (
        bundled_file("weekly.csv"),
        bundled_file("flash_sales.csv"),
        bundled_file("competitor_shares.csv"),
    );
    let (data, warnings) = load(
        &base,
        ("weekly.csv", &w),
        ("flash_sales.csv", &f),
        ("competitor_shares.csv", &s),
    )
    .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let names: Vec<&str> = data
        .markets()
        .iter()
        .map(|&m| base[m].iso3.as_str())
        .collect();
    assert_eq!(names, ["HKG", "TWN"]);
    assert_eq!(
        data.weekly.len(),
        120,
        "60 weeks, over a year, for each market"
    );
    assert_eq!(
        (data.flash_sales.len(), data.competitor_shares.len()),
        (28, 28)
    );
}

#[test]
fn every_rule_is_reported_with_file_row_and_column() {
    let base = bundled();
    let header = "market,week,plan_units,units_online,units_platforms,units_carriers,units_retail,inventory_on_hand,inventory_in_transit,stockout_days,forum_posts,reseller_listings,service_tickets,repair_turnaround_days,return_rate_pct,rating";
    let weekly = format!(
        "{header}\nHKG,2013-09-02,800,1,1,1,1,1,1,0,1,1,1,3,2.5,4.1\nHong Kong,2013-09-02,800,1,1,1,1,1,1,0,1,1,1,3,2.5,4.1\nTWN,2013-02-30,800,1,1,1,1,1,1,0,1,1,1,3,2.5,4.1\nTWN,2013-09-09,800,1,1,1,1,1,1,9,1,1,1,3,140,4.1\nAtlantis,2013-09-09,800,1,1,1,1,1,1,0,1,1,1,3,2.5,4.1\n"
    );
    let flash = "market,date,units_offered,units_sold,seconds_to_sell_out,registrations\nHKG,2013-09-19,5000,5200,40,9000\n";
    let shares = "market,month,samsung_pct,apple_pct,htc_pct,lenovo_pct,ours_pct,others_pct\nHKG,2013-13,40,30,10,5,5,10\nTWN,2013-09,40,30,10,5,5,5\n";
    let err = load(
        &base,
        ("weekly.csv", &weekly),
        ("flash.csv", flash),
        ("shares.csv", shares),
    )
    .unwrap_err();
    let messages: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages, [
        "weekly.csv, row 3, column \"week\": found 2013-09-02 again for this market (first on row 2); expected one row per market and date",
        "weekly.csv, row 4, column \"week\": found \"2013-02-30\"; expected a date as YYYY-MM-DD, such as 2014-03-10",
        "weekly.csv, row 5, column \"stockout_days\": found 9; expected a value from 0 to 7",
        "weekly.csv, row 5, column \"return_rate_pct\": found 140; expected a value from 0 to 100",
        "weekly.csv, row 6, column \"market\": found \"Atlantis\", which matches no market (the row was skipped); expected an ISO 3166-1 code or a country name",
        "flash.csv, row 2, column \"units_sold\": found 5200 sold of 5000 offered; expected no more sold than offered",
        "shares.csv, row 2, column \"month\": found \"2013-13\"; expected a month as YYYY-MM, such as 2014-03",
        "shares.csv, row 3: found shares summing to 95.0%; expected shares summing to 100% (±0.5)",
    ]);
    let missing = load(
        &base,
        ("weekly.csv", "market,week\nHKG,2013-09-02\n"),
        ("flash.csv", flash),
        ("shares.csv", shares),
    )
    .unwrap_err();
    assert_eq!(missing.problems[0].to_string(), "weekly.csv, row 1, column \"plan_units\": found no such column; expected a column named \"plan_units\"");
}

#[test]
fn own_files_are_told_apart_by_their_date_column_in_any_order() {
    use beachhead_engine::test_market::load_files;
    let base = bundled();
    let files = vec![
        (
            "shares.csv".to_owned(),
            bundled_file("competitor_shares.csv").into_bytes(),
        ),
        ("w.csv".to_owned(), bundled_file("weekly.csv").into_bytes()),
    ];
    let (data, warnings) = load_files(&base, &files).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(data.weekly.len(), 120);
    assert_eq!(data.competitor_shares.len(), 28);
    assert!(data.flash_sales.is_empty(), "a kind not given stays empty");
}

#[test]
fn own_files_that_cannot_be_used_say_why() {
    use beachhead_engine::test_market::load_files;
    let base = bundled();
    let message = |files: Vec<(&str, &str)>| {
        let files: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|(n, t)| (n.to_owned(), t.as_bytes().to_vec()))
            .collect();
        load_files(&base, &files)
            .unwrap_err()
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let flash = bundled_file("flash_sales.csv");
    assert!(
        message(vec![("flash.csv", &flash)]).contains("no weekly file"),
        "{}",
        message(vec![("flash.csv", &flash)])
    );
    let other = message(vec![("prices.csv", "sku,price\na,1\n")]);
    assert!(
        other.contains("prices.csv") && other.contains("no week, date or month column"),
        "{other}"
    );
    let weekly = bundled_file("weekly.csv");
    let twice = message(vec![("a.csv", &weekly), ("b.csv", &weekly)]);
    assert!(
        twice.contains("b.csv") && twice.contains("a second weekly file (the first is a.csv)"),
        "{twice}"
    );
    let broken = weekly.replacen("HKG,2013-09-09,1505", "HKG,2013-09-09,lots", 1);
    let bad_cell = message(vec![("w.csv", &broken)]);
    assert!(
        bad_cell.contains("w.csv") && bad_cell.contains("row 3") && bad_cell.contains("plan_units"),
        "{bad_cell}"
    );
}

#[test]
fn a_weekly_file_with_another_delimiter_is_told_to_use_commas() {
    let weekly = bundled_file("weekly.csv").replace(',', "|");
    let err = load_files(&bundled(), &[("weekly.csv".into(), weekly.into_bytes())]).unwrap_err();
    let p = &err.problems[0];
    assert_eq!(
        (p.file.as_str(), p.row, p.column.as_deref()),
        ("weekly.csv", Some(1), None)
    );
    assert!(
        p.found.english().starts_with(
            "no week, date or month column, only one column, \"market|week|plan_units|"
        ),
        "{p}"
    );
    assert!(
        p.expected
            .english()
            .contains("with the columns separated by commas, semicolons or tabs"),
        "the hint indicator files give: {p}"
    );
}

#[test]
fn a_number_with_thousands_separators_is_told_to_drop_them() {
    let weekly = bundled_file("weekly.csv").replacen(",12906,", ",\"12,906\",", 1);
    let err = load_files(&bundled(), &[("weekly.csv".into(), weekly.into_bytes())]).unwrap_err();
    let messages: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages, [
        "weekly.csv, row 2, column \"inventory_on_hand\": found \"12,906\"; expected a finite number (without thousands separators or decimal commas)",
    ]);
    let weekly = bundled_file("weekly.csv").replacen(",12906,", ",lots,", 1);
    let err = load_files(&bundled(), &[("weekly.csv".into(), weekly.into_bytes())]).unwrap_err();
    assert_eq!(
        err.problems[0].expected.english(),
        "a finite number",
        "no hint where none helps"
    );
}

#[test]
fn bundled_files_with_carriage_returns_alone_are_refused_not_read_as_row_1() {
    // Found by fuzzing: through `load` (the app's bundled files) every row was row 1.
    let weekly = bundled_file("weekly.csv").replace('\n', "\r");
    let (f, s) = (
        bundled_file("flash_sales.csv"),
        bundled_file("competitor_shares.csv"),
    );
    let err = load(
        &bundled(),
        ("weekly.csv", &weekly),
        ("flash_sales.csv", &f),
        ("competitor_shares.csv", &s),
    )
    .unwrap_err();
    let messages: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages, [
        "weekly.csv: found line breaks that are carriage returns alone (an old Mac format); expected lines ending in a line feed (in a spreadsheet, use Save as… CSV UTF-8)",
    ]);
}
