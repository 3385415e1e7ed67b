#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_engine::csv_export::{escape_cell, to_csv};

#[test]
fn formulas_are_defused_and_numbers_kept() {
    for (cell, out) in [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+2", "'+1+2"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("-2.5", "-2.5"),
        ("-2,500", "-2,500"),
        ("+3", "+3"),
        ("Hong Kong", "Hong Kong"),
        ("", ""),
    ] {
        assert_eq!(escape_cell(cell), out, "{cell}");
    }
}

#[test]
fn csv_quotes_what_needs_quoting() {
    let csv = to_csv(
        &["Market".into(), "Note".into()],
        &[
            vec!["Korea, Republic of".into(), "say \"hi\"".into()],
            vec!["=1+1".into(), "-4".into()],
        ],
    );
    assert_eq!(
        csv,
        "Market,Note\r\n\"Korea, Republic of\",\"say \"\"hi\"\"\"\r\n'=1+1,-4\r\n"
    );
}
