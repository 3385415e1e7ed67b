//! Uncertainty charts: rank intervals (5-95% of the Monte Carlo draws, with the median and the
//! rank under the chosen weights), and the tornado of one market's score as each weight moves.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::ranking_chart::fit_label;
use crate::{anchored, palette, sane_scale, ChartError};

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

struct Frame {
    font_px: f64,
    pad: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    max_chars: usize,
}

fn frame(width: u32, height: u32, scale: f64) -> Frame {
    let (w, h) = (f64::from(width), f64::from(height));
    let font_px = 12.0 * scale;
    let pad = 8.0 * scale;
    let label_width = (w * 0.3).clamp(80.0 * scale, 180.0 * scale);
    let left = pad + label_width + pad;
    Frame {
        font_px,
        pad,
        left,
        right: (w - 2.0 * pad).max(left + 10.0),
        top: pad,
        bottom: (h - 30.0 * scale).max(pad + 1.0),
        max_chars: ((label_width - pad) / (font_px * 0.56)).floor().max(4.0) as usize,
    }
}

/// Ranks run left (1, best) to right (`max_rank`).
pub fn draw_rank_intervals<DB: DrawingBackend>(
    backend: DB,
    rows: &[IntervalRow],
    max_rank: usize,
    scale: f64,
) -> Result<(), ChartError> {
    let root = backend.into_drawing_area();
    let (width, height) = root.dim_in_pixel();
    root.fill(&palette::BACKGROUND)?;
    let scale = sane_scale(scale);
    let f = frame(width, height, scale);
    let max_rank = max_rank.max(2) as f64;
    let x =
        |rank: f64| (f.left + (rank - 1.0) / (max_rank - 1.0) * (f.right - f.left)).round() as i32;
    let row_height = (f.bottom - f.top) / rows.len().max(1) as f64;
    let line = scale.max(1.0).round() as u32;
    for tick in rank_ticks(max_rank) {
        root.draw(&PathElement::new(
            vec![(x(tick), f.top as i32), (x(tick), f.bottom as i32)],
            palette::GRID.stroke_width(line),
        ))?;
        root.draw(&Text::new(
            format!("{tick:.0}"),
            (x(tick), (f.bottom + 4.0 * scale) as i32),
            anchored(f.font_px, &palette::MUTED_TEXT, HPos::Center, VPos::Top),
        ))?;
    }
    root.draw(&Text::new(
        "rank (1 = best)",
        (f.right as i32, (f.bottom + 16.0 * scale) as i32),
        anchored(
            f.font_px * 0.9,
            &palette::MUTED_TEXT,
            HPos::Right,
            VPos::Top,
        ),
    ))?;
    for (r, row) in rows.iter().enumerate() {
        let y = (f.top + (r as f64 + 0.5) * row_height).round() as i32;
        root.draw(&Text::new(
            fit_label(&row.label, f.max_chars),
            (f.pad as i32, y),
            anchored(f.font_px, &palette::TEXT, HPos::Left, VPos::Center),
        ))?;
        root.draw(&PathElement::new(
            vec![(x(row.p05 as f64), y), (x(row.p95 as f64), y)],
            palette::series(0).stroke_width((3.0 * scale).round() as u32),
        ))?;
        let radius = (4.0 * scale).round() as i32;
        root.draw(&Circle::new(
            (x(row.median as f64), y),
            radius,
            palette::series(0).filled(),
        ))?;
        root.draw(&Cross::new(
            (x(row.rank as f64), y),
            radius,
            palette::series(5).stroke_width(line.max(2)),
        ))?;
    }
    root.present()?;
    Ok(())
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
    let root = backend.into_drawing_area();
    let (width, height) = root.dim_in_pixel();
    root.fill(&palette::BACKGROUND)?;
    let scale = sane_scale(scale);
    let f = frame(width, height, scale);
    let spread = rows
        .iter()
        .flat_map(|r| [r.low, r.high])
        .filter(|v| v.is_finite())
        .map(|v| (v - base).abs())
        .fold(0.0f64, f64::max)
        .max(0.5)
        * 1.15;
    let (lo, hi) = (base - spread, base + spread);
    let x = |v: f64| (f.left + (v - lo) / (hi - lo) * (f.right - f.left)).round() as i32;
    let row_height = (f.bottom - f.top) / rows.len().max(1) as f64;
    let line = scale.max(1.0).round() as u32;
    for tick in [lo, base, hi] {
        root.draw(&Text::new(
            format!("{tick:.1}"),
            (x(tick), (f.bottom + 4.0 * scale) as i32),
            anchored(f.font_px, &palette::MUTED_TEXT, HPos::Center, VPos::Top),
        ))?;
    }
    for (r, row) in rows.iter().enumerate() {
        let y0 = (f.top + r as f64 * row_height + row_height * 0.2) as i32;
        let y1 = (f.top + (r as f64 + 1.0) * row_height - row_height * 0.2) as i32;
        let y = (y0 + y1) / 2;
        root.draw(&Text::new(
            fit_label(&row.label, f.max_chars),
            (f.pad as i32, y),
            anchored(f.font_px, &palette::TEXT, HPos::Left, VPos::Center),
        ))?;
        for (value, color) in [
            (row.low, palette::series(1)),
            (row.high, palette::series(0)),
        ] {
            if !value.is_finite() {
                continue;
            }
            let (a, b) = (x(base.min(value)), x(base.max(value)));
            root.draw(&Rectangle::new(
                [(a, y0), (b.max(a + 1), y1)],
                color.filled(),
            ))?;
        }
    }
    root.draw(&PathElement::new(
        vec![(x(base), f.top as i32), (x(base), f.bottom as i32)],
        palette::TEXT.stroke_width(line),
    ))?;
    root.present()?;
    Ok(())
}
