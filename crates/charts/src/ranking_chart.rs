//! The ranking chart: one horizontal bar per market, best at the top, each bar stacked by the
//! points every criterion contributes, so the bar shows both the score and why.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::frame::{
    anchored, char_units, chars_fitting, text_units, text_width, Canvas, Frame, PAD,
};
use crate::{palette, ChartError};

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

pub fn layout(width: u32, height: u32, rows: usize, scale: f64) -> Layout {
    layout_in(
        &Frame::new(f64::from(width), f64::from(height), scale),
        rows,
    )
}

fn layout_in(f: &Frame, rows: usize) -> Layout {
    let font_px = f.px(12.0);
    let pad = f.px(PAD);
    let labels = f.label_column(0.34, 90.0, 190.0, font_px);
    // Right: the score after each bar; below: the tick labels.
    let plot = f
        .inset(0.0, 40.0 + PAD, PAD, 24.0)
        .with_left(labels.plot_left)
        .at_least(pad, 1.0);
    let row_height = (plot.bottom - plot.top) / rows.max(1) as f64;
    let rank_width = text_width(3, font_px);
    Layout {
        font_px,
        rank_right: (pad + rank_width) as i32,
        name_left: (pad + rank_width + f.px(6.0)) as i32,
        label_right: (pad + labels.width) as i32,
        plot_left: plot.left as i32,
        plot_right: plot.right as i32,
        plot_top: plot.top as i32,
        plot_bottom: plot.bottom as i32,
        row_height,
        bar_height: (row_height * 0.72).max(1.0),
        max_label_chars: chars_fitting(labels.width - pad - rank_width, font_px),
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

/// Shortens `label` to at most `max_units` narrow characters' width ([`text_units`]), marking
/// the cut with an ellipsis.
pub fn fit_label(label: &str, max_units: usize) -> String {
    if text_units(label) <= max_units {
        return label.to_owned();
    }
    let budget = max_units.saturating_sub(1);
    let mut used = 0;
    let kept: String = label
        .chars()
        .take_while(|&c| {
            used += char_units(c);
            used <= budget
        })
        .collect();
    format!("{}…", kept.trim_end())
}

/// Draws the bars onto the whole of `backend`. `scale` is the device pixel ratio.
pub fn draw_ranking<DB: DrawingBackend>(
    backend: DB,
    bars: &[RankedBar],
    scale: f64,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let l = layout_in(&f, bars.len());
    let label_style = anchored(l.font_px, &palette::TEXT, HPos::Left, VPos::Center);
    let rank_style = anchored(l.font_px, &palette::MUTED_TEXT, HPos::Right, VPos::Center);

    let mut tick = 0.0;
    while tick <= SCORE_MAX + 1e-9 {
        let x = l.x(tick);
        canvas.grid((x, l.plot_top), (x, l.plot_bottom))?;
        canvas.x_tick(
            format!("{tick:.0}"),
            (x, l.plot_bottom + f.px(4.0) as i32),
            l.font_px,
        )?;
        tick += TICK_STEP;
    }

    for (row, bar) in bars.iter().enumerate() {
        let centre = l.row_centre(row);
        let y = centre.round() as i32;
        canvas.text(bar.rank.to_string(), (l.rank_right, y), rank_style.clone())?;
        canvas.text(
            fit_label(&bar.label, l.max_label_chars),
            (l.name_left, y),
            label_style.clone(),
        )?;
        let top = (centre - l.bar_height / 2.0).round() as i32;
        let bottom = (centre + l.bar_height / 2.0).round() as i32;
        let mut start = 0.0;
        for (i, &points) in bar.segments.iter().enumerate() {
            // Zero, negative and NaN segments draw nothing.
            if points.is_nan() || points <= 0.0 {
                continue;
            }
            let end = start + points;
            canvas.draw(&Rectangle::new(
                [(l.x(start), top), (l.x(end).max(l.x(start) + 1), bottom)],
                palette::series(i).filled(),
            ))?;
            start = end;
        }
        canvas.text(
            format!("{:.1}", bar.score),
            (l.x(bar.score) + f.px(5.0) as i32, y),
            label_style.clone(),
        )?;
    }
    canvas.rule((l.plot_left, l.plot_bottom), (l.plot_right, l.plot_bottom))?;
    canvas.finish()
}
