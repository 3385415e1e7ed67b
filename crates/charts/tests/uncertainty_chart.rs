#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_charts::english;
use beachhead_charts::uncertainty_chart::{
    draw_rank_intervals, draw_tornado, IntervalRow, TornadoRow,
};
use plotters::prelude::SVGBackend;

#[test]
fn rank_intervals_draw_a_line_a_median_and_the_chosen_rank_per_market() {
    let rows = vec![
        IntervalRow {
            label: "Singapore".into(),
            rank: 1,
            median: 1,
            p05: 1,
            p95: 3,
        },
        IntervalRow {
            label: "Japan".into(),
            rank: 2,
            median: 3,
            p05: 1,
            p95: 6,
        },
    ];
    let mut svg = String::new();
    draw_rank_intervals(
        SVGBackend::with_string(&mut svg, (500, 160)),
        &rows,
        10,
        1.0,
        &english,
    )
    .unwrap();
    assert_eq!(
        svg.matches("<circle").count(),
        2,
        "one median dot per market"
    );
    for text in ["Singapore", "Japan", "rank (1 = best)", "10"] {
        assert!(svg.contains(&format!("\n{text}\n")), "missing {text}");
    }
}

#[test]
fn the_tornado_draws_both_sides_of_every_weight() {
    let rows = vec![
        TornadoRow {
            label: "Demand".into(),
            low: 70.0,
            high: 76.0,
        },
        TornadoRow {
            label: "Service readiness".into(),
            low: 73.5,
            high: 72.5,
        },
    ];
    let mut svg = String::new();
    draw_tornado(
        SVGBackend::with_string(&mut svg, (500, 160)),
        &rows,
        73.0,
        1.0,
    )
    .unwrap();
    // Background + two bars per row.
    assert_eq!(svg.matches("<rect").count(), 5);
    assert!(svg.contains("\n73.0\n") && svg.contains("\nDemand\n"));
}

#[test]
fn rank_ticks_start_at_one_and_step_evenly() {
    use beachhead_charts::uncertainty_chart::rank_ticks;
    assert_eq!(rank_ticks(4.0), [1.0, 2.0, 3.0, 4.0]);
    assert_eq!(rank_ticks(20.0), [1.0, 5.0, 10.0, 15.0, 20.0]);
    assert_eq!(rank_ticks(35.0), [1.0, 10.0, 20.0, 30.0]);
}
