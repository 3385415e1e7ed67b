//! The profile chart: one row per pillar, a bar per series (a market, its region's median, the
//! top markets' median, or up to four markets side by side), all on the 0-100 score scale.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::frame::{anchored, Canvas, PAD};
use crate::{palette, ChartError, Words};

#[derive(Debug, Clone, PartialEq)]
pub struct ProfileRow {
    pub label: String,
    /// One value per series, 0-100; None where the series has no value for this row.
    pub values: Vec<Option<f64>>,
}

/// Colours of the series, in order: the first is the market in focus.
pub const PROFILE_COLORS: [RGBColor; 4] = [
    palette::SERIES[0],
    RGBColor(0x9a, 0xa4, 0xaf),
    RGBColor(0x1f, 0x23, 0x28),
    palette::SERIES[5],
];

pub fn series_color(i: usize) -> RGBColor {
    PROFILE_COLORS[i % PROFILE_COLORS.len()]
}

pub fn draw_profile<DB: DrawingBackend>(
    backend: DB,
    rows: &[ProfileRow],
    scale: f64,
    words: Words<'_>,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let font_px = f.px(12.0);
    let small = font_px * 0.85;
    let labels = f.label_column(0.28, 80.0, 170.0, font_px);
    // Right: the value after each bar; below: the tick labels.
    let plot = f
        .inset(0.0, 36.0 + PAD, PAD, 22.0)
        .with_left(labels.plot_left)
        .at_least(10.0, 1.0);
    let series = rows
        .iter()
        .map(|r| r.values.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let row_height = (plot.bottom - plot.top) / rows.len().max(1) as f64;
    let bar_height = (row_height * 0.8 / series as f64).max(1.0);
    let x = |v: f64| {
        (plot.left + (v / 100.0).clamp(0.0, 1.0) * (plot.right - plot.left)).round() as i32
    };

    for tick in (0..=100).step_by(20) {
        let tx = x(f64::from(tick));
        canvas.grid((tx, plot.top as i32), (tx, plot.bottom as i32))?;
        canvas.x_tick(
            tick.to_string(),
            (tx, (plot.bottom + f.px(4.0)) as i32),
            font_px,
        )?;
    }
    for (r, row) in rows.iter().enumerate() {
        let row_top = plot.top + r as f64 * row_height + row_height * 0.1;
        let centre = (plot.top + (r as f64 + 0.5) * row_height) as i32;
        canvas.row_label(&labels, &row.label, centre, font_px)?;
        for (s, value) in row.values.iter().enumerate() {
            let y0 = row_top + s as f64 * bar_height;
            let y1 = y0 + bar_height * 0.85;
            let centre = ((y0 + y1) / 2.0) as i32;
            match value {
                Some(v) => {
                    canvas.draw(&Rectangle::new(
                        [(x(0.0), y0 as i32), (x(*v).max(x(0.0) + 1), y1 as i32)],
                        series_color(s).filled(),
                    ))?;
                    canvas.text(
                        format!("{v:.0}"),
                        (x(*v) + f.px(4.0) as i32, centre),
                        anchored(small, &palette::TEXT, HPos::Left, VPos::Center),
                    )?;
                }
                None => {
                    canvas.text(
                        words("no data"),
                        (x(0.0) + f.px(4.0) as i32, centre),
                        anchored(small, &palette::MUTED_TEXT, HPos::Left, VPos::Center),
                    )?;
                }
            }
        }
    }
    canvas.rule((x(0.0), plot.bottom as i32), (x(100.0), plot.bottom as i32))?;
    canvas.finish()
}
