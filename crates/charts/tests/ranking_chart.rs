#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failed test, with its place

use beachhead_charts::ranking_chart::{draw_ranking, fit_label, layout, RankedBar};
use plotters::prelude::SVGBackend;

fn bars() -> Vec<RankedBar> {
    vec![
        RankedBar {
            rank: 1,
            label: "United States".into(),
            score: 81.5,
            segments: vec![30.0, 25.0, 26.5],
        },
        RankedBar {
            rank: 2,
            label: "China".into(),
            score: 80.0,
            segments: vec![40.0, 20.0, 20.0],
        },
        RankedBar {
            rank: 3,
            label: "Congo, Democratic Republic of the Congo".into(),
            score: 12.4,
            segments: vec![10.0, 0.0, 2.4],
        },
    ]
}

fn render(width: u32, height: u32, bars: &[RankedBar], scale: f64) -> String {
    let mut svg = String::new();
    draw_ranking(
        SVGBackend::with_string(&mut svg, (width, height)),
        bars,
        scale,
    )
    .expect("draws");
    svg
}

#[test]
fn layout_keeps_the_plot_inside_the_canvas_and_rows_apart() {
    // (width, height, rows, device pixel ratio): desktop, phone, high-DPI, a single row.
    for (w, h, rows, scale) in [
        (900, 560, 20, 1.0),
        (360, 560, 20, 1.0),
        (1800, 1120, 20, 2.0),
        (900, 200, 1, 1.0),
    ] {
        let l = layout(w, h, rows, scale);
        assert!(l.plot_left < l.plot_right, "{w}x{h}: {l:?}");
        assert!(
            l.plot_right <= w as i32 && l.plot_bottom <= h as i32,
            "{l:?}"
        );
        assert!(
            l.label_right < l.plot_left && l.rank_right < l.name_left,
            "{l:?}"
        );
        assert!(l.bar_height < l.row_height, "bars must not touch: {l:?}");
        assert!(l.max_label_chars >= 10, "a phone still shows names: {l:?}");
    }
    let (lo, hi) = (layout(900, 560, 20, 1.0), layout(1800, 1120, 20, 2.0));
    assert_eq!(
        hi.font_px,
        2.0 * lo.font_px,
        "text scales with devicePixelRatio"
    );
}

#[test]
fn long_labels_are_cut_with_an_ellipsis() {
    assert_eq!(fit_label("China", 10), "China");
    assert_eq!(fit_label("Congo, Democratic Republic", 10), "Congo, De…");
    assert_eq!(fit_label("Côte d'Ivoire", 13), "Côte d'Ivoire");
}

#[test]
fn draws_one_stacked_bar_per_market_with_rank_name_and_score() {
    let svg = render(600, 240, &bars(), 1.0);
    // The SVG backend writes each text on a line of its own.
    for text in [
        "United States",
        "China",
        "81.5",
        "80.0",
        "12.4",
        "1",
        "3",
        "100",
    ] {
        assert!(svg.contains(&format!("\n{text}\n")), "missing {text}");
    }
    // 3 + 3 + 2 non-empty segments (a zero segment draws nothing), plus the background.
    assert_eq!(svg.matches("<rect").count(), 9, "{svg}");
    assert!(svg.contains("#0072B2") || svg.contains("#0072b2"));
}

#[test]
fn an_empty_ranking_draws_just_the_axis() {
    let svg = render(600, 240, &[], 1.0);
    assert_eq!(svg.matches("<rect").count(), 1);
    assert!(svg.contains("\n0\n") && svg.contains("\n100\n"));
}

/// Compares the rendered chart with the stored reference. A mismatch writes
/// `ranking-changed.svg` beside it for review; references are only written on request
/// (`UPDATE_SNAPSHOTS=1`), never by CI.
#[test]
fn ranking_matches_its_snapshot() {
    let svg = render(640, 200, &bars(), 1.0);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots");
    let reference = format!("{dir}/ranking.svg");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&reference, &svg).expect("write snapshot");
        return;
    }
    let stored = std::fs::read_to_string(&reference)
        .expect("no reference: run with UPDATE_SNAPSHOTS=1 and review the file");
    if stored != svg {
        std::fs::write(format!("{dir}/ranking-changed.svg"), &svg).expect("write");
        panic!("ranking chart changed: compare {dir}/ranking-changed.svg with ranking.svg");
    }
}

/// An unusable device pixel ratio (0, negative, NaN) draws exactly as 1 does. It used to lay
/// out at 1 but offset the tick labels and scores by 0 pixels, leaving them on the axis.
#[test]
fn an_unusable_scale_draws_as_one() {
    let one = render(640, 200, &bars(), 1.0);
    for bad in [0.0, -2.0, f64::NAN] {
        assert_eq!(render(640, 200, &bars(), bad), one, "{bad}");
    }
}
