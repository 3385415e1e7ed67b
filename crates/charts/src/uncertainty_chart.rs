//! Uncertainty charts: rank intervals (5-95% of the Monte Carlo draws, with the median and the
//! rank under the chosen weights), and the tornado of one market's score as each weight moves.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::frame::{Canvas, Frame, LabelColumn, PlotBox, PAD};
use crate::{palette, ChartError, Words};

#[derive(Debug, Clone, PartialEq)]
pub struct IntervalRow {
    pub label: String,
    pub rank: usize,
    pub median: usize,
    pub p05: usize,
    pub p95: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TornadoRow {
    pub label: String,
    /// The score with the weight lowered and raised.
    pub low: f64,
    pub high: f64,
}

const FONT_PX: f64 = 12.0;

/// Both charts: the label column at the left and the plot beside it, above the tick labels and
/// the axis title.
fn layout(f: &Frame) -> (LabelColumn, PlotBox) {
    let labels = f.label_column(0.3, 80.0, 180.0, f.px(FONT_PX));
    let plot = f
        .inset(0.0, 2.0 * PAD, PAD, 30.0)
        .with_left(labels.plot_left)
        .at_least(10.0, 1.0);
    (labels, plot)
}

/// Ranks run left (1, best) to right (`max_rank`).
pub fn draw_rank_intervals<DB: DrawingBackend>(
    backend: DB,
    rows: &[IntervalRow],
    max_rank: usize,
    scale: f64,
    words: Words<'_>,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let font_px = f.px(FONT_PX);
    let (labels, plot) = layout(&f);
    let max_rank = max_rank.max(2) as f64;
    let x = |rank: f64| {
        (plot.left + (rank - 1.0) / (max_rank - 1.0) * (plot.right - plot.left)).round() as i32
    };
    let row_height = (plot.bottom - plot.top) / rows.len().max(1) as f64;
    for tick in rank_ticks(max_rank) {
        canvas.grid((x(tick), plot.top as i32), (x(tick), plot.bottom as i32))?;
        canvas.x_tick(
            format!("{tick:.0}"),
            (x(tick), (plot.bottom + f.px(4.0)) as i32),
            font_px,
        )?;
    }
    canvas.axis_title(
        words("rank (1 = best)"),
        (plot.right as i32, (plot.bottom + f.px(16.0)) as i32),
        font_px * 0.9,
        HPos::Right,
    )?;
    for (r, row) in rows.iter().enumerate() {
        let y = (plot.top + (r as f64 + 0.5) * row_height).round() as i32;
        canvas.row_label(&labels, &row.label, y, font_px)?;
        canvas.draw(&PathElement::new(
            vec![(x(row.p05 as f64), y), (x(row.p95 as f64), y)],
            palette::series(0).stroke_width(f.px(3.0).round() as u32),
        ))?;
        let radius = f.px(4.0).round() as i32;
        canvas.draw(&Circle::new(
            (x(row.median as f64), y),
            radius,
            palette::series(0).filled(),
        ))?;
        canvas.draw(&Cross::new(
            (x(row.rank as f64), y),
            radius,
            palette::series(5).stroke_width(f.line.max(2)),
        ))?;
    }
    canvas.finish()
}

/// Rank 1, then every `step` ranks up to `max`: 1, 5, 10, 15 … or 1, 2, 3 … for short ranges.
pub fn rank_ticks(max: f64) -> Vec<f64> {
    let step = match max {
        m if m <= 12.0 => 1.0,
        m if m <= 30.0 => 5.0,
        m if m <= 120.0 => 10.0,
        _ => 25.0,
    };
    let mut ticks = vec![1.0];
    let mut tick = step;
    while tick <= max {
        if tick > 1.0 {
            ticks.push(tick);
        }
        tick += step;
    }
    ticks
}

/// Bars from the lowered-weight score to the raised-weight score around the base score.
pub fn draw_tornado<DB: DrawingBackend>(
    backend: DB,
    rows: &[TornadoRow],
    base: f64,
    scale: f64,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let font_px = f.px(FONT_PX);
    let (labels, plot) = layout(&f);
    let spread = rows
        .iter()
        .flat_map(|r| [r.low, r.high])
        .filter(|v| v.is_finite())
        .map(|v| (v - base).abs())
        .fold(0.0f64, f64::max)
        .max(0.5)
        * 1.15;
    let (lo, hi) = (base - spread, base + spread);
    let x = |v: f64| (plot.left + (v - lo) / (hi - lo) * (plot.right - plot.left)).round() as i32;
    let row_height = (plot.bottom - plot.top) / rows.len().max(1) as f64;
    for tick in [lo, base, hi] {
        canvas.x_tick(
            format!("{tick:.1}"),
            (x(tick), (plot.bottom + f.px(4.0)) as i32),
            font_px,
        )?;
    }
    for (r, row) in rows.iter().enumerate() {
        let y0 = (plot.top + r as f64 * row_height + row_height * 0.2) as i32;
        let y1 = (plot.top + (r as f64 + 1.0) * row_height - row_height * 0.2) as i32;
        let y = (y0 + y1) / 2;
        canvas.row_label(&labels, &row.label, y, font_px)?;
        for (value, color) in [
            (row.low, palette::series(1)),
            (row.high, palette::series(0)),
        ] {
            if !value.is_finite() {
                continue;
            }
            let (a, b) = (x(base.min(value)), x(base.max(value)));
            canvas.draw(&Rectangle::new(
                [(a, y0), (b.max(a + 1), y1)],
                color.filled(),
            ))?;
        }
    }
    canvas.draw(&PathElement::new(
        vec![(x(base), plot.top as i32), (x(base), plot.bottom as i32)],
        palette::TEXT.stroke_width(f.line),
    ))?;
    canvas.finish()
}
