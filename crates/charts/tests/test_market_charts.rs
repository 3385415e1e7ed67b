#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_charts::demand_chart::{draw_signals, signal_at, signal_layout, SignalPoint};
use beachhead_charts::english;
use beachhead_charts::test_market_charts::{draw_flash_sales, flash_layout, FlashPoint};
use beachhead_charts::time_chart::{draw_time_chart, month_starts, Series, TimeChart};
use beachhead_charts::{compact_number, nice_ticks, palette};
use plotters::prelude::SVGBackend;

fn weeks(n: usize) -> Vec<String> {
    // Mondays from 2013-09-02, written by hand to keep the test free of a date crate.
    let mut out = Vec::new();
    let days = [
        30, 31, 30, 31, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ];
    let (mut year, mut month, mut day) = (2013, 9usize, 2u32);
    for _ in 0..n {
        out.push(format!("{year}-{month:02}-{day:02}"));
        day += 7;
        let len = days[(month + 12 - 9) % days.len()];
        if day > len {
            day -= len;
            month += 1;
            if month > 12 {
                month = 1;
                year += 1;
            }
        }
    }
    out
}

#[test]
fn ticks_are_round_and_cover_the_maximum() {
    assert_eq!(nice_ticks(95.0, 4), [0.0, 25.0, 50.0, 75.0, 100.0]);
    assert_eq!(nice_ticks(1800.0, 4), [0.0, 500.0, 1000.0, 1500.0, 2000.0]);
    assert_eq!(nice_ticks(0.0, 4), [0.0, 0.25, 0.5, 0.75, 1.0]);
    assert_eq!(compact_number(1500.0), "1.5k");
    assert_eq!(compact_number(950.0), "950");
    assert_eq!(compact_number(2_500_000.0), "2.5M");
}

#[test]
fn month_labels_start_each_month_and_never_crowd() {
    let periods = weeks(60);
    let starts = month_starts(&periods, 10.0, 54.0);
    assert_eq!(starts[0], 0);
    for pair in starts.windows(2) {
        assert!((pair[1] - pair[0]) as f64 * 10.0 >= 54.0);
        assert_ne!(periods[pair[0]][..7], periods[pair[1]][..7]);
    }
    // With room, every month is labelled: 60 weeks from September 2013 cover 14 months.
    assert_eq!(month_starts(&periods, 40.0, 54.0).len(), 14);
}

#[test]
fn the_time_chart_stacks_bars_draws_lines_and_shades_periods() {
    let periods = weeks(8);
    let chart = TimeChart {
        periods: periods.clone(),
        bars: vec![
            Series {
                label: "Online".into(),
                values: vec![Some(10.0); 8],
                color: palette::series(0),
            },
            Series {
                label: "Retail".into(),
                values: vec![Some(5.0); 8],
                color: palette::series(1),
            },
        ],
        lines: vec![Series {
            label: "Plan".into(),
            values: vec![
                Some(20.0),
                None,
                Some(20.0),
                Some(20.0),
                Some(20.0),
                Some(20.0),
                Some(20.0),
                Some(20.0),
            ],
            color: palette::TEXT,
        }],
        shaded: vec![false, true, false, false, false, false, false, false],
        unit: String::new(),
        y_max: None,
    };
    let mut svg = String::new();
    draw_time_chart(
        SVGBackend::with_string(&mut svg, (640, 240)),
        &chart,
        1.0,
        &english,
    )
    .unwrap();
    assert_eq!(
        svg.matches("<rect").count(),
        1 + 1 + 16,
        "background, one shaded week, 2 x 8 bars"
    );
    assert_eq!(
        svg.matches("<polyline").count(),
        1 + 5 + 1 + 2,
        "the plan's run of seven weeks, five grid lines, the axis and two month ticks"
    );
    for text in ["Sep 2013", "Oct", "20", "0"] {
        assert!(svg.contains(&format!("\n{text}\n")), "missing {text}");
    }
}

#[test]
fn an_empty_time_chart_draws_a_blank_frame() {
    let mut svg = String::new();
    draw_time_chart(
        SVGBackend::with_string(&mut svg, (300, 100)),
        &TimeChart::default(),
        1.0,
        &english,
    )
    .unwrap();
    assert_eq!(svg.matches("<rect").count(), 1);
}

#[test]
fn flash_sales_sit_on_a_log_time_axis_with_unsold_ones_apart() {
    let points = vec![
        FlashPoint {
            units_sold: 5000.0,
            units_offered: 5000.0,
            seconds_to_sell_out: Some(30.0),
            registrations: 50_000.0,
        },
        FlashPoint {
            units_sold: 5000.0,
            units_offered: 5000.0,
            seconds_to_sell_out: Some(300.0),
            registrations: 20_000.0,
        },
        FlashPoint {
            units_sold: 3000.0,
            units_offered: 5000.0,
            seconds_to_sell_out: None,
            registrations: 4_000.0,
        },
    ];
    let layout = flash_layout(&points, 600.0, 300.0, 1.0);
    assert!(
        layout.points[0].0 < layout.points[1].0,
        "faster sells further left"
    );
    assert!(
        layout.points[1].0 < layout.points[2].0,
        "unsold in the column at the right"
    );
    assert!(
        layout.points[2].1 > layout.points[0].1,
        "fewer units sit lower"
    );
    assert!(
        layout.points[0].2 > layout.points[2].2,
        "more registrations, bigger dot"
    );
    let mut svg = String::new();
    draw_flash_sales(
        SVGBackend::with_string(&mut svg, (600, 300)),
        &points,
        1.0,
        &english,
    )
    .unwrap();
    for text in ["1 min", "did not", "sell out", "6k"] {
        assert!(svg.contains(&format!("\n{text}\n")), "missing {text}");
    }
}

#[test]
fn signals_plot_interest_against_readiness_and_can_be_hit() {
    let points: Vec<SignalPoint> = [
        ("Ahead", 20.0, 90.0, 70.0),
        ("Behind", 90.0, 20.0, 70.0),
        ("Even", 50.0, 50.0, 0.0),
    ]
    .iter()
    .map(
        |&(label, readiness_pct, interest_pct, priority)| SignalPoint {
            label: label.into(),
            readiness_pct,
            interest_pct,
            color: palette::series(0),
            priority,
        },
    )
    .collect();
    let layout = signal_layout(&points, 500.0, 400.0, 1.0);
    let (x, y, _) = layout.centres[0];
    assert_eq!(signal_at(&layout, x + 2.0, y, 1.0), Some(0));
    assert_eq!(signal_at(&layout, 0.0, 0.0, 1.0), None);
    let mut svg = String::new();
    draw_signals(
        SVGBackend::with_string(&mut svg, (500, 400)),
        &points,
        25.0,
        1.0,
        &english,
    )
    .unwrap();
    for text in [
        "Ahead",
        "Behind",
        "Even",
        "interest ahead",
        "readiness ahead",
    ] {
        assert!(svg.contains(&format!("\n{text}\n")), "missing {text}");
    }
}

/// Only the 24 highest priorities are considered for a label; a NaN priority is the lowest,
/// not (as `total_cmp` alone has it) above infinity.
#[test]
fn a_nan_priority_gives_way_to_every_number() {
    let points: Vec<SignalPoint> = (0..25)
        .map(|i| SignalPoint {
            label: format!("P{i}"),
            readiness_pct: 3.5 * i as f64,
            interest_pct: 3.5 * i as f64,
            color: palette::series(0),
            priority: if i == 0 { f64::NAN } else { i as f64 },
        })
        .collect();
    let layout = signal_layout(&points, 1000.0, 800.0, 1.0);
    assert_eq!(layout.labelled.len(), 24, "all 24 numbered points fit");
    assert!(!layout.labelled.contains(&0), "{:?}", layout.labelled);
    assert_eq!(layout.labelled[0], 24, "highest priority first");
}
