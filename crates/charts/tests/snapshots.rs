#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

//! One reference SVG per chart (the ranking's is in `ranking_chart.rs`), so a change to the
//! shared set-up (`frame.rs`) that moves a pixel anywhere shows. A mismatch writes
//! `<name>-changed.svg` beside the reference for review; references are only written on
//! request (`UPDATE_SNAPSHOTS=1`), never by CI. The high-DPI ones are drawn at a fractional
//! device pixel ratio, where rounding differences show first.

use beachhead_charts::demand_chart::{draw_signals, SignalPoint};
use beachhead_charts::english;
use beachhead_charts::margin_charts::{
    draw_margin_curve, draw_matrix, draw_payback, draw_waterfall, Bubble, WaterfallStep,
};
use beachhead_charts::palette;
use beachhead_charts::profile_chart::{draw_profile, ProfileRow};
use beachhead_charts::test_market_charts::{draw_flash_sales, FlashPoint};
use beachhead_charts::time_chart::{draw_time_chart, Series, TimeChart};
use beachhead_charts::uncertainty_chart::{
    draw_rank_intervals, draw_tornado, IntervalRow, TornadoRow,
};
use beachhead_charts::world_map::{draw_map, score_color, Country, WorldMap};
use beachhead_charts::ChartError;
use plotters::prelude::SVGBackend;

fn check(
    name: &str,
    (width, height): (u32, u32),
    draw: impl Fn(SVGBackend) -> Result<(), ChartError>,
) {
    let mut svg = String::new();
    draw(SVGBackend::with_string(&mut svg, (width, height))).expect("draws");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots");
    let reference = format!("{dir}/{name}.svg");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&reference, &svg).expect("write snapshot");
        return;
    }
    let stored = std::fs::read_to_string(&reference)
        .expect("no reference: run with UPDATE_SNAPSHOTS=1 and review the file");
    if stored != svg {
        std::fs::write(format!("{dir}/{name}-changed.svg"), &svg).expect("write");
        panic!("{name} changed: compare {dir}/{name}-changed.svg with {name}.svg");
    }
}

#[test]
fn the_profile_matches_its_snapshot() {
    let rows = vec![
        ProfileRow {
            label: "Demand".into(),
            values: vec![Some(80.0), Some(55.0), Some(90.0)],
        },
        ProfileRow {
            label: "Service readiness and logistics".into(),
            values: vec![None, Some(40.0), Some(70.0)],
        },
    ];
    check("profile", (600, 220), |b| {
        draw_profile(b, &rows, 1.0, &english)
    });
}

fn steps() -> Vec<WaterfallStep> {
    [
        ("Retail price", 230.0, true),
        ("VAT/GST", -30.0, false),
        ("Net price", 200.0, true),
        ("Rounding", -0.001, false),
        ("Contribution", 34.84, true),
    ]
    .map(|(label, usd, total)| WaterfallStep {
        label: label.into(),
        usd,
        total,
    })
    .to_vec()
}

#[test]
fn the_margin_charts_match_their_snapshots() {
    check("waterfall", (600, 200), |b| {
        draw_waterfall(b, &steps(), 1.0, &english)
    });
    check("waterfall-hidpi", (900, 300), |b| {
        draw_waterfall(b, &steps(), 1.5, &english)
    });
    check("payback", (600, 240), |b| {
        draw_payback(b, 100_000.0, 1_000_000.0, 36, 1.0, &english)
    });
    let bubbles: Vec<Bubble> = (0..12)
        .map(|i| Bubble {
            label: format!("Market {i}"),
            readiness: 40.0 + (i % 7) as f64 * 8.0,
            margin_pct: 10.0 + (i % 5) as f64 * 3.0,
            volume: 1000.0 * (i + 1) as f64,
            color: palette::series(i),
        })
        .collect();
    check("matrix", (600, 400), |b| {
        draw_matrix(b, &bubbles, (60.0, 15.0), 1.0, &english)
    });
    let points: Vec<(f64, f64)> = (0..=20)
        .map(|i| (100.0 + 10.0 * f64::from(i), -10.0 + 2.0 * f64::from(i)))
        .collect();
    check("margin-curve", (500, 240), |b| {
        draw_margin_curve(b, &points, (200.0, 10.0), 1.0)
    });
}

#[test]
fn the_test_market_charts_match_their_snapshots() {
    let points: Vec<SignalPoint> = (0..12)
        .map(|i| SignalPoint {
            label: format!("S{i}"),
            readiness_pct: (i * 37 % 100) as f64,
            interest_pct: (i * 53 % 100) as f64,
            color: palette::series(i),
            priority: (i % 5) as f64,
        })
        .collect();
    check("signals", (500, 400), |b| {
        draw_signals(b, &points, 25.0, 1.0, &english)
    });
    let flash = vec![
        FlashPoint {
            units_sold: 5000.0,
            units_offered: 5000.0,
            seconds_to_sell_out: Some(30.0),
            registrations: 50_000.0,
        },
        FlashPoint {
            units_sold: 3000.0,
            units_offered: 5000.0,
            seconds_to_sell_out: None,
            registrations: 4_000.0,
        },
    ];
    check("flash-sales", (600, 300), |b| {
        draw_flash_sales(b, &flash, 1.0, &english)
    });
    let chart = TimeChart {
        periods: (0..20)
            .map(|i| format!("20{}-{:02}-01", 13 + i / 12, i % 12 + 1))
            .collect(),
        bars: vec![Series {
            label: "Units".into(),
            values: (0..20).map(|i| Some(f64::from(i) * 3.0)).collect(),
            color: palette::series(0),
        }],
        lines: vec![Series {
            label: "Plan".into(),
            values: (0..20)
                .map(|i| (i != 5).then_some(40.0 + f64::from(i)))
                .collect(),
            color: palette::TEXT,
        }],
        shaded: (0..20).map(|i| i == 3).collect(),
        unit: "%".into(),
        y_max: Some(100.0),
    };
    check("time-chart", (640, 240), |b| {
        draw_time_chart(b, &chart, 1.0, &english)
    });
    check("time-chart-hidpi", (800, 300), |b| {
        draw_time_chart(b, &chart, 1.25, &english)
    });
}

#[test]
fn the_uncertainty_charts_match_their_snapshots() {
    let rows = vec![
        IntervalRow {
            label: "Singapore".into(),
            rank: 1,
            median: 1,
            p05: 1,
            p95: 3,
        },
        IntervalRow {
            label: "Congo, Democratic Republic of the Congo".into(),
            rank: 2,
            median: 3,
            p05: 1,
            p95: 6,
        },
    ];
    check("rank-intervals", (500, 160), |b| {
        draw_rank_intervals(b, &rows, 10, 1.0, &english)
    });
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
    check("tornado", (500, 160), |b| draw_tornado(b, &rows, 73.0, 1.0));
}

#[test]
fn the_map_matches_its_snapshot() {
    let map = WorldMap {
        countries: vec![
            Country {
                id: "1".into(),
                name: "Square".into(),
                rings: vec![vec![(-1.0, 0.0), (0.0, 1.0), (1.0, 0.0), (0.0, -0.5)]],
                bounds: (-1.0, -0.5, 1.0, 1.0),
            },
            Country {
                id: "2".into(),
                name: "Triangle".into(),
                rings: vec![vec![(1.5, 0.0), (2.0, 0.5), (2.5, 0.0)]],
                bounds: (1.5, 0.0, 2.5, 0.5),
            },
        ],
    };
    let fill = |id: &str| (id == "1").then(|| score_color(80.0));
    check("map", (400, 200), |b| {
        draw_map(b, &map, &fill, Some("2"), 1.0)
    });
}
