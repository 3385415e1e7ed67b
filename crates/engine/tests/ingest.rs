#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

//! The test-market loader read a slice at a time gives what it gives read at once, and says
//! how far it has got.

use beachhead_engine::synthetic::{bundle, weekly_csv};
use beachhead_engine::table::{decode_text, read_table};
use beachhead_engine::test_market::{load_files, Ingest, TestMarkets};
use beachhead_engine::MarketIndex;
use beachhead_engine::{Dataset, LoadError, Problem};
use proptest::prelude::*;

type Loaded = Result<(TestMarkets, Vec<Problem>), LoadError>;

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

fn bundled_file(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../public/data/test-markets/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const HEADER: &str = "market,week,plan_units,units_online,units_platforms,units_carriers,units_retail,inventory_on_hand,inventory_in_transit,stockout_days,forum_posts,reseller_listings,service_tickets,repair_turnaround_days,return_rate_pct,rating";

/// Loads `files` with `step(rows)` until done, checking the progress on the way.
fn sliced(dataset: &Dataset, files: &[(String, Vec<u8>)], rows: usize) -> Loaded {
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut ingest = Ingest::new(dataset, files.to_vec());
    let mut last = ingest.progress();
    assert_eq!(last, (0, total));
    let mut steps = 0;
    while !ingest.step(rows) {
        let now = ingest.progress();
        assert!(now.0 >= last.0 && now.0 <= total, "{now:?} after {last:?}");
        assert_eq!(now.1, total);
        last = now;
        steps += 1;
        assert!(steps <= total + 10, "no end in sight");
    }
    assert_eq!(ingest.progress(), (total, total), "done is all of it");
    assert!(ingest.step(rows), "a finished ingest stays finished");
    ingest.finish()
}

fn assert_slicing_changes_nothing(dataset: &Dataset, files: &[(String, Vec<u8>)]) -> Loaded {
    let whole = load_files(dataset, files);
    for rows in [1, 7, 1_000, usize::MAX] {
        assert_eq!(sliced(dataset, files, rows), whole, "step({rows})");
    }
    whole
}

fn named(files: &[(&str, &[u8])]) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
        .collect()
}

#[test]
fn the_bundled_files_load_the_same_in_any_slices() {
    let base = bundled();
    let (weekly, flash, shares) = (
        bundled_file("weekly.csv"),
        bundled_file("flash_sales.csv"),
        bundled_file("competitor_shares.csv"),
    );
    let files = named(&[
        ("shares.csv", &shares),
        ("weekly.csv", &weekly),
        ("flash.csv", &flash),
    ]);
    let (data, warnings) = assert_slicing_changes_nothing(&base, &files).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        (
            data.weekly.len(),
            data.flash_sales.len(),
            data.competitor_shares.len()
        ),
        (120, 28, 28)
    );
    let first = &data.weekly[0];
    assert_eq!(
        (first.line, first.date.to_string()),
        (2, "2013-09-02".into())
    );
    assert_eq!(first.value(0), Some(800.0));
    assert_eq!(first.values().len(), 14);
    assert_eq!(data.competitor_shares[0].date.to_string(), "2013-09");
}

#[test]
fn problems_come_the_same_in_any_slices() {
    let base = bundled();
    let weekly = bundled_file("weekly.csv");
    let text = String::from_utf8(weekly.clone()).unwrap();
    let broken = text
        .replacen("HKG,2013-09-09,1505", "HKG,2013-09-09,lots", 1)
        .replacen("HKG,2013-09-16,", "Atlantis,2013-09-16,", 1);
    let short = format!(
        "{HEADER}\nHKG,2013-09-02,1\n\n   \nTWN,2013-09-02,800,1,1,1,1,1,1,0,1,1,1,3,2.5,4.1\n"
    );
    let flash = "market,date,units_offered,units_sold,seconds_to_sell_out,registrations\r\nHKG,2013-09-19,5000,5200,,9000\r\nHKG,2013-09-19,5000,5000,40,9000\r\n";
    let shares = "\u{feff}market;month;samsung_pct;apple_pct;htc_pct;lenovo_pct;ours_pct;others_pct\nHKG;2013-09;40;30;10;5;5;5\n";
    for files in [
        named(&[("w.csv", broken.as_bytes())]),
        named(&[("w.csv", short.as_bytes())]),
        named(&[
            ("w.csv", &weekly),
            ("f.csv", flash.as_bytes()),
            ("s.csv", shares.as_bytes()),
        ]),
        named(&[("a.csv", &weekly), ("b.csv", &weekly)]),
        named(&[("f.csv", flash.as_bytes())]),
        named(&[("x.csv", b"sku,price\na,1\n"), ("w.csv", &weekly)]),
        named(&[("empty.csv", b" \n\t\n"), ("w.csv", &weekly)]),
        named(&[("book.xlsx", b"PK\x03\x04rest"), ("w.csv", &weekly)]),
        named(&[]),
    ] {
        let whole = assert_slicing_changes_nothing(&base, &files);
        assert!(whole.is_err(), "{whole:?}");
    }
    // Too many columns: read_table's one problem, and nothing else about the file.
    let wide: Vec<String> = (0..=beachhead_engine::table::MAX_COLUMNS)
        .map(|i| format!("c{i}"))
        .collect();
    let wide = format!("week,{}\n1,{}\n", wide.join(","), wide.join(","));
    let err = assert_slicing_changes_nothing(&base, &named(&[("wide.csv", wide.as_bytes())]))
        .unwrap_err();
    assert_eq!(
        err.problems,
        read_table("wide.csv", &wide).unwrap_err().problems
    );
    let (_, warnings) = assert_slicing_changes_nothing(
        &base,
        &named(&[(
            "w.csv",
            text.replacen("HKG,2013-09-16,", "Atlantis,2013-09-16,", 1)
                .as_bytes(),
        )]),
    )
    .unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].to_string().contains("row 4"), "{}", warnings[0]);
}

/// A weekly file of `rows` rows, each naming a market with a two-byte character, so that the
/// 1,024-byte slices of the text check cut characters in two.
fn accented(rows: usize) -> String {
    let mut out = format!("{HEADER}\n");
    for i in 0..rows {
        let market = if i % 3 == 0 { "Zürich" } else { "Hong Kong" };
        out.push_str(&format!(
            "{market},{:04}-01-0{},{},1,1,1,1,1,1,0,1,1,1,3,2.5,4.1\n",
            2000 + i / 7,
            1 + i % 7,
            i * 37 % 1000
        ));
    }
    out
}

#[test]
fn characters_cut_by_a_slice_and_bytes_that_are_not_utf8_are_found_as_at_once() {
    let base = bundled();
    let text = accented(400);
    let (data, warnings) =
        assert_slicing_changes_nothing(&base, &named(&[("w.csv", text.as_bytes())])).unwrap();
    assert_eq!((data.weekly.len(), warnings.len()), (266, 134));
    // Long runs of two-, three- and four-byte characters, shifted by a byte at a time: some
    // slice ends inside a character whatever the slice length.
    for (character, pad) in ["é", "中", "😀"]
        .into_iter()
        .flat_map(|c| (0..4).map(move |p| (c, p)))
    {
        let name = format!("{}{}", "a".repeat(pad), character.repeat(3_000));
        let file = format!("{HEADER}\n{name},2013-09-02,1,1,1,1,1,1,1,0,1,1,1,3,2.5,4.1\nHKG,2013-09-02,1,1,1,1,1,1,1,0,1,1,1,3,2.5,4.1\n");
        let (data, warnings) =
            assert_slicing_changes_nothing(&base, &named(&[("w.csv", file.as_bytes())])).unwrap();
        assert_eq!((data.weekly.len(), warnings.len()), (1, 1));
    }
    assert!(
        warnings[0].to_string().contains("\"Zürich\""),
        "{}",
        warnings[0]
    );

    // A byte that is not UTF-8 late in the file, and a NUL: the message names the line, as
    // decoding the whole file does, and nothing else is reported for the file.
    let mut bytes = text.into_bytes();
    let at = bytes.len() - 300;
    bytes[at] = 0xff;
    let err = assert_slicing_changes_nothing(&base, &named(&[("w.csv", &bytes)])).unwrap_err();
    assert_eq!(
        err.problems,
        decode_text("w.csv", &bytes).unwrap_err().problems
    );
    let mut nul = accented(50).into_bytes();
    let at = 2_000 + nul[2_000..].iter().position(|&b| b == b',').unwrap();
    nul.insert(at, 0);
    let err = assert_slicing_changes_nothing(&base, &named(&[("w.csv", &nul)])).unwrap_err();
    assert_eq!(
        err.problems,
        read_table("w.csv", std::str::from_utf8(&nul).unwrap())
            .unwrap_err()
            .problems
    );
}

#[test]
fn a_million_row_style_file_loads_the_same_in_slices_and_markets_come_in_first_order() {
    let files = bundle(30, 5, 2);
    let dataset =
        Dataset::from_csv("i.csv", &files.dictionary_csv, "m.csv", &files.markets_csv).unwrap();
    let codes: Vec<&str> = dataset
        .markets()
        .iter()
        .rev()
        .map(|m| m.iso3.as_str())
        .collect();
    let csv = weekly_csv(&codes, 20_000, 5).into_bytes();
    let whole = load_files(&dataset, &[("weekly.csv".to_owned(), csv.clone())]);
    for rows in [1, 7, 5_000] {
        assert_eq!(
            sliced(&dataset, &[("weekly.csv".to_owned(), csv.clone())], rows),
            whole
        );
    }
    let (data, warnings) = whole.unwrap();
    assert!(warnings.is_empty());
    assert_eq!(data.weekly.len(), 20_000);
    let expected: Vec<MarketIndex> = dataset.market_indices().rev().collect();
    assert_eq!(
        data.markets(),
        expected,
        "first appearance, not index order"
    );
}

#[test]
fn a_dropped_ingest_is_a_cancelled_one() {
    let base = bundled();
    let files = named(&[("w.csv", &bundled_file("weekly.csv"))]);
    let mut ingest = Ingest::new(&base, files);
    assert!(!ingest.step(10));
    let (read, total) = ingest.progress();
    assert!(read > 0 && read < total, "{read} of {total}");
    drop(ingest);
}

/// Cells that pass, fail, or test an edge of a check.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0u32..2_000).prop_map(|n| n.to_string()),
        2 => (0u32..500, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        3 => prop::sample::select(vec![
            "", " ", " 3 ", "1e2", "inf", "NaN", "-0", "+4", "5.", ".5", "-1", "1_0", "\u{a0}2",
            "\"7\"", "\"8,5\"", "x", "\"a\nb\"", "9999999999999", "1e400", "٣",
        ])
        .prop_map(str::to_owned),
    ]
}

fn row(columns: usize) -> impl Strategy<Value = String> {
    let market = prop::sample::select(vec![
        "HKG",
        "TWN",
        "hk",
        "Taiwan",
        " HKG ",
        "Atlantis",
        "",
        "\"Hong Kong\"",
        "Zürich",
    ]);
    let week = prop::sample::select(vec![
        "2013-09-02",
        "2013-09-09",
        "2013-09-16",
        "2013-02-30",
        "2013-9-2",
        "",
        " 2013-09-23 ",
    ]);
    (
        market,
        week,
        prop::collection::vec(cell(), columns - 3..=columns - 1),
    )
        .prop_map(|(m, w, cells)| format!("{m},{w},{}", cells.join(",")))
}

fn weekly_file() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(prop_oneof![8 => row(16), 1 => Just(String::new())], 0..12),
        prop::sample::select(vec!["\n", "\r\n"]),
        any::<bool>(),
    )
        .prop_map(|(rows, eol, bom)| {
            let mut text = if bom {
                "\u{feff}".to_owned()
            } else {
                String::new()
            };
            text.push_str(HEADER);
            for row in rows {
                text.push_str(eol);
                text.push_str(&row);
            }
            text.into_bytes()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn small_files_load_the_same_in_any_slices_and_agree_with_read_table(
        file in weekly_file(),
        rows in 1usize..20,
    ) {
        let base = bundled();
        let files = vec![("w.csv".to_owned(), file.clone())];
        let whole = load_files(&base, &files);
        prop_assert_eq!(&sliced(&base, &files, rows), &whole);
        // The checks of the file as a table are read_table's, word for word.
        let text = String::from_utf8(file).unwrap();
        match read_table("w.csv", &text) {
            Err(e) => prop_assert_eq!(whole.unwrap_err().problems, e.problems),
            Ok(table) => {
                let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
                let (records, problems) = match &whole {
                    Ok((data, warnings)) => (data.weekly.clone(), warnings.clone()),
                    Err(e) => (Vec::new(), e.problems.clone()),
                };
                for record in &records {
                    prop_assert!(lines.contains(&record.line));
                }
                for problem in problems {
                    prop_assert!(problem.row.is_some_and(|r| lines.contains(&r)), "{}", problem);
                }
            }
        }
    }
}
