//! The profile chart: one row per pillar, a bar per series (a market, its region's median, the
//! top markets' median, or up to four markets side by side), all on the 0-100 score scale.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::ranking_chart::fit_label;
use crate::{palette, sane_scale, ChartError};

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
) -> Result<(), ChartError> {
    let root = backend.into_drawing_area();
    let (width, height) = root.dim_in_pixel();
    root.fill(&palette::BACKGROUND)?;
    let scale = sane_scale(scale);
    let (w, h) = (f64::from(width), f64::from(height));
    let font_px = 12.0 * scale;
    let pad = 8.0 * scale;
    let label_width = (w * 0.28).clamp(80.0 * scale, 170.0 * scale);
    let value_width = 36.0 * scale;
    let axis = 22.0 * scale;
    let left = pad + label_width + pad;
    let right = (w - value_width - pad).max(left + 10.0);
    let top = pad;
    let bottom = (h - axis).max(top + 1.0);
    let series = rows
        .iter()
        .map(|r| r.values.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let row_height = (bottom - top) / rows.len().max(1) as f64;
    let bar_height = (row_height * 0.8 / series as f64).max(1.0);
    let x = |v: f64| (left + (v / 100.0).clamp(0.0, 1.0) * (right - left)).round() as i32;
    let font = ("sans-serif", font_px).into_font();
    let small = ("sans-serif", font_px * 0.85).into_font();
    let line = scale.max(1.0).round() as u32;

    for tick in (0..=100).step_by(20) {
        let tx = x(f64::from(tick));
        root.draw(&PathElement::new(
            vec![(tx, top as i32), (tx, bottom as i32)],
            palette::GRID.stroke_width(line),
        ))?;
        root.draw(&Text::new(
            tick.to_string(),
            (tx, (bottom + 4.0 * scale) as i32),
            TextStyle::from(font.clone())
                .color(&palette::MUTED_TEXT)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }
    let max_chars = ((label_width - pad) / (font_px * 0.56)).floor().max(4.0) as usize;
    for (r, row) in rows.iter().enumerate() {
        let row_top = top + r as f64 * row_height + row_height * 0.1;
        root.draw(&Text::new(
            fit_label(&row.label, max_chars),
            (pad as i32, (top + (r as f64 + 0.5) * row_height) as i32),
            TextStyle::from(font.clone())
                .color(&palette::TEXT)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        for (s, value) in row.values.iter().enumerate() {
            let y0 = row_top + s as f64 * bar_height;
            let y1 = y0 + bar_height * 0.85;
            let centre = ((y0 + y1) / 2.0) as i32;
            match value {
                Some(v) => {
                    root.draw(&Rectangle::new(
                        [(x(0.0), y0 as i32), (x(*v).max(x(0.0) + 1), y1 as i32)],
                        series_color(s).filled(),
                    ))?;
                    root.draw(&Text::new(
                        format!("{v:.0}"),
                        (x(*v) + (4.0 * scale) as i32, centre),
                        TextStyle::from(small.clone())
                            .color(&palette::TEXT)
                            .pos(Pos::new(HPos::Left, VPos::Center)),
                    ))?;
                }
                None => {
                    root.draw(&Text::new(
                        "no data",
                        (x(0.0) + (4.0 * scale) as i32, centre),
                        TextStyle::from(small.clone())
                            .color(&palette::MUTED_TEXT)
                            .pos(Pos::new(HPos::Left, VPos::Center)),
                    ))?;
                }
            }
        }
    }
    root.draw(&PathElement::new(
        vec![(x(0.0), bottom as i32), (x(100.0), bottom as i32)],
        palette::MUTED_TEXT.stroke_width(line),
    ))?;
    root.present()?;
    Ok(())
}
