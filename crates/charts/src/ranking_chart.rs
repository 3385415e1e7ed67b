//! The ranking chart: one horizontal bar per market, best at the top, each bar stacked by the
//! points every criterion contributes, so the bar shows both the score and why.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{palette, sane_scale, ChartError};

/// One market's bar. `segments` are the points each criterion adds, in legend order; they
/// sum to `score`.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedBar {
    pub rank: usize,
    pub label: String,
    pub score: f64,
    pub segments: Vec<f64>,
}

/// Pixel geometry of the chart, computed apart from drawing so it can be tested without a
/// backend. `scale` is the device pixel ratio: sizes are given in CSS pixels and multiplied.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub font_px: f64,
    /// Right edge of the rank numbers; names start just after.
    pub rank_right: i32,
    pub name_left: i32,
    /// Right edge of the rank-and-name column.
    pub label_right: i32,
    pub plot_left: i32,
    pub plot_right: i32,
    pub plot_top: i32,
    pub plot_bottom: i32,
    pub row_height: f64,
    pub bar_height: f64,
    /// Longest label, in characters, that fits the label column.
    pub max_label_chars: usize,
}

/// Scores run 0-100; ticks every 20 points keep five gridlines even on a phone.
pub const SCORE_MAX: f64 = 100.0;
const TICK_STEP: f64 = 20.0;
/// Average glyph advance of a proportional sans-serif as a fraction of the font size; used
/// only to decide where to truncate, never to position text.
const GLYPH_WIDTH_EM: f64 = 0.56;

pub fn layout(width: u32, height: u32, rows: usize, scale: f64) -> Layout {
    let scale = sane_scale(scale);
    let (w, h) = (f64::from(width), f64::from(height));
    let font_px = 12.0 * scale;
    let pad = 8.0 * scale;
    let label_width = (w * 0.34).clamp(90.0 * scale, 190.0 * scale);
    let value_width = 40.0 * scale;
    let axis_height = 24.0 * scale;
    let plot_top = pad;
    let plot_bottom = (h - axis_height).max(plot_top + 1.0);
    let row_height = (plot_bottom - plot_top) / rows.max(1) as f64;
    let rank_width = 3.0 * font_px * GLYPH_WIDTH_EM;
    let max_label_chars = ((label_width - pad - rank_width) / (font_px * GLYPH_WIDTH_EM)).floor();
    Layout {
        font_px,
        rank_right: (pad + rank_width) as i32,
        name_left: (pad + rank_width + 6.0 * scale) as i32,
        label_right: (pad + label_width) as i32,
        plot_left: (pad + label_width + pad) as i32,
        plot_right: (w - value_width - pad).max(pad + label_width + 2.0 * pad) as i32,
        plot_top: plot_top as i32,
        plot_bottom: plot_bottom as i32,
        row_height,
        bar_height: (row_height * 0.72).max(1.0),
        max_label_chars: max_label_chars.max(4.0) as usize,
    }
}

impl Layout {
    fn x(&self, score: f64) -> i32 {
        let t = (score / SCORE_MAX).clamp(0.0, 1.0);
        self.plot_left + (t * f64::from(self.plot_right - self.plot_left)).round() as i32
    }

    fn row_centre(&self, row: usize) -> f64 {
        f64::from(self.plot_top) + (row as f64 + 0.5) * self.row_height
    }
}

/// Shortens `label` to at most `max_chars` characters, marking the cut with an ellipsis.
pub fn fit_label(label: &str, max_chars: usize) -> String {
    if label.chars().count() <= max_chars {
        return label.to_owned();
    }
    let kept: String = label.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Draws the bars onto the whole of `backend`. `scale` is the device pixel ratio.
pub fn draw_ranking<DB: DrawingBackend>(
    backend: DB,
    bars: &[RankedBar],
    scale: f64,
) -> Result<(), ChartError> {
    let root = backend.into_drawing_area();
    let (width, height) = root.dim_in_pixel();
    root.fill(&palette::BACKGROUND)?;
    let l = layout(width, height, bars.len(), scale);
    let font = ("sans-serif", l.font_px).into_font();
    let label_style = TextStyle::from(font.clone())
        .color(&palette::TEXT)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let rank_style = TextStyle::from(font.clone())
        .color(&palette::MUTED_TEXT)
        .pos(Pos::new(HPos::Right, VPos::Center));
    let value_style = TextStyle::from(font.clone())
        .color(&palette::TEXT)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let tick_style = TextStyle::from(font)
        .color(&palette::MUTED_TEXT)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let line_width = (scale.max(1.0)).round() as u32;

    let mut tick = 0.0;
    while tick <= SCORE_MAX + 1e-9 {
        let x = l.x(tick);
        root.draw(&PathElement::new(
            vec![(x, l.plot_top), (x, l.plot_bottom)],
            palette::GRID.stroke_width(line_width),
        ))?;
        root.draw(&Text::new(
            format!("{tick:.0}"),
            (x, l.plot_bottom + (4.0 * scale) as i32),
            tick_style.clone(),
        ))?;
        tick += TICK_STEP;
    }

    for (row, bar) in bars.iter().enumerate() {
        let centre = l.row_centre(row);
        let y = centre.round() as i32;
        root.draw(&Text::new(
            bar.rank.to_string(),
            (l.rank_right, y),
            rank_style.clone(),
        ))?;
        root.draw(&Text::new(
            fit_label(&bar.label, l.max_label_chars),
            (l.name_left, y),
            label_style.clone(),
        ))?;
        let top = (centre - l.bar_height / 2.0).round() as i32;
        let bottom = (centre + l.bar_height / 2.0).round() as i32;
        let mut start = 0.0;
        for (i, &points) in bar.segments.iter().enumerate() {
            // Zero, negative and NaN segments draw nothing.
            if points.is_nan() || points <= 0.0 {
                continue;
            }
            let end = start + points;
            root.draw(&Rectangle::new(
                [(l.x(start), top), (l.x(end).max(l.x(start) + 1), bottom)],
                palette::series(i).filled(),
            ))?;
            start = end;
        }
        root.draw(&Text::new(
            format!("{:.1}", bar.score),
            (l.x(bar.score) + (5.0 * scale) as i32, y),
            value_style.clone(),
        ))?;
    }
    root.draw(&PathElement::new(
        vec![(l.plot_left, l.plot_bottom), (l.plot_right, l.plot_bottom)],
        palette::MUTED_TEXT.stroke_width(line_width),
    ))?;
    root.present()?;
    Ok(())
}
