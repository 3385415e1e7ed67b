#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_charts::english;
use beachhead_charts::margin_charts::{
    bubble_at, compact_usd, draw_matrix, draw_payback, draw_waterfall, matrix_layout, Bubble,
    WaterfallStep,
};
use beachhead_charts::palette;
use plotters::prelude::SVGBackend;

#[test]
fn the_waterfall_draws_every_step_with_its_amount() {
    let steps = [
        ("Retail price", 230.0, true),
        ("VAT/GST", -30.0, false),
        ("Net price", 200.0, true),
        ("Contribution", 34.84, true),
    ]
    .map(|(label, usd, total)| WaterfallStep {
        label: label.into(),
        usd,
        total,
    });
    let mut svg = String::new();
    draw_waterfall(
        SVGBackend::with_string(&mut svg, (600, 200)),
        &steps,
        1.0,
        &english,
    )
    .unwrap();
    assert_eq!(svg.matches("<rect").count(), 5, "background and four bars");
    for text in ["230.00", "−30.00", "34.84", "VAT/GST", "US$ per unit"] {
        assert!(svg.contains(&format!("\n{text}\n")), "missing {text}");
    }
}

#[test]
fn the_payback_curve_marks_where_it_crosses_the_fixed_cost() {
    let mut svg = String::new();
    draw_payback(
        SVGBackend::with_string(&mut svg, (600, 240)),
        100_000.0,
        1_000_000.0,
        36,
        1.0,
        &english,
    )
    .unwrap();
    assert_eq!(svg.matches("<circle").count(), 1, "payback at month 10");
    assert!(svg.contains("\nfixed entry cost\n"));
    assert_eq!(compact_usd(1_250_000.0), "$1.2M");
    assert_eq!(compact_usd(-40_000.0), "−$40k");
}

fn bubbles(n: usize) -> Vec<Bubble> {
    (0..n)
        .map(|i| Bubble {
            label: format!("Market {i}"),
            readiness: 40.0 + (i % 7) as f64 * 8.0,
            margin_pct: 10.0 + (i % 5) as f64 * 3.0,
            volume: 1000.0 * (i + 1) as f64,
            color: palette::series(i),
        })
        .collect()
}

#[test]
fn matrix_labels_never_overlap_and_clicks_find_their_bubble() {
    let b = bubbles(60);
    let layout = matrix_layout(&b, 800.0, 500.0, 1.0);
    assert!(
        !layout.labelled.is_empty() && layout.labelled.len() < b.len(),
        "some labels give way"
    );
    let px = 11.0;
    let boxes: Vec<(f64, f64, f64, f64)> = layout
        .labelled
        .iter()
        .map(|&i| {
            let (x, y, r) = layout.centres[i];
            (
                x + r + 2.0,
                y - px * 0.6,
                x + r + 2.0 + b[i].label.len() as f64 * px * 0.56,
                y + px * 0.6,
            )
        })
        .collect();
    for (i, a) in boxes.iter().enumerate() {
        for c in &boxes[i + 1..] {
            assert!(
                a.2 < c.0 || a.0 > c.2 || a.3 < c.1 || a.1 > c.3,
                "labels overlap: {a:?} {c:?}"
            );
        }
    }
    let (x, y, _) = layout.centres[3];
    assert!(bubble_at(&layout, x, y).is_some());
    assert_eq!(bubble_at(&layout, 1.0, 1.0), None);
    let mut svg = String::new();
    draw_matrix(
        SVGBackend::with_string(&mut svg, (800, 500)),
        &b,
        (60.0, 15.0),
        1.0,
        &english,
    )
    .unwrap();
    assert_eq!(
        svg.matches("<circle").count(),
        120,
        "a fill and an outline per bubble"
    );
}

#[test]
fn the_margin_curve_draws_the_line_and_marks_todays_price() {
    use beachhead_charts::margin_charts::draw_margin_curve;
    let points: Vec<(f64, f64)> = (0..=20)
        .map(|i| (100.0 + 10.0 * f64::from(i), -10.0 + 2.0 * f64::from(i)))
        .collect();
    let mut svg = String::new();
    draw_margin_curve(
        SVGBackend::with_string(&mut svg, (500, 240)),
        &points,
        (200.0, 10.0),
        1.0,
    )
    .unwrap();
    assert_eq!(svg.matches("<circle").count(), 1);
    assert!(
        svg.contains("\n100\n") && svg.contains("\n300\n"),
        "price ticks"
    );
}

/// A NaN volume is not the biggest market: its label is placed last (and its bubble, drawn at
/// the smallest size, goes on top), whatever the NaN's sign.
#[test]
fn a_nan_volume_is_labelled_last() {
    let bubble = |i: usize, volume: f64| Bubble {
        label: format!("M{i}"),
        readiness: 10.0 + 20.0 * i as f64,
        margin_pct: 10.0 + 5.0 * i as f64,
        volume,
        color: palette::series(i),
    };
    let bubbles = vec![
        bubble(0, f64::NAN),
        bubble(1, 10.0),
        bubble(2, -f64::NAN),
        bubble(3, 30.0),
    ];
    let layout = matrix_layout(&bubbles, 800.0, 500.0, 1.0);
    assert_eq!(
        layout.labelled,
        [3, 1, 0, 2],
        "labels are placed biggest first"
    );
    let mut svg = String::new();
    draw_matrix(
        SVGBackend::with_string(&mut svg, (800, 500)),
        &bubbles,
        (60.0, 15.0),
        1.0,
        &english,
    )
    .unwrap();
    // Bubbles sit at distinct x; each one's first circle (its fill) marks when it was drawn.
    let drawn_at = |i: usize| {
        svg.find(&format!("<circle cx=\"{}\"", layout.centres[i].0 as i32))
            .unwrap()
    };
    assert!(drawn_at(3) < drawn_at(1) && drawn_at(1) < drawn_at(0) && drawn_at(0) < drawn_at(2));
}
