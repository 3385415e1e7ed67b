#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_charts::english;
use beachhead_charts::profile_chart::{draw_profile, ProfileRow};
use plotters::prelude::SVGBackend;

#[test]
fn draws_a_bar_per_series_and_says_where_data_is_missing() {
    let rows = vec![
        ProfileRow {
            label: "Demand".into(),
            values: vec![Some(80.0), Some(55.0), Some(90.0)],
        },
        ProfileRow {
            label: "Service readiness".into(),
            values: vec![None, Some(40.0), Some(70.0)],
        },
    ];
    let mut svg = String::new();
    draw_profile(
        SVGBackend::with_string(&mut svg, (600, 220)),
        &rows,
        1.0,
        &english,
    )
    .unwrap();
    // Background + 5 bars (one series has no value).
    assert_eq!(svg.matches("<rect").count(), 6, "{svg}");
    for text in ["Demand", "Service readiness", "80", "no data", "100"] {
        assert!(svg.contains(&format!("\n{text}\n")), "missing {text}");
    }
}
