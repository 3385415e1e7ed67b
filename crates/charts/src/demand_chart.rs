//! Demand signals against readiness: each market's interest percentile against its readiness
//! percentile, the diagonal where they agree, and the bands beyond which one runs ahead.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::{anchored, palette, place_labels, sane_scale, ChartError};

#[derive(Debug, Clone, PartialEq)]
pub struct SignalPoint {
    pub label: String,
    /// 0-100.
    pub readiness_pct: f64,
    /// 0-100.
    pub interest_pct: f64,
    pub color: RGBColor,
    /// Labelled before the others when room is short.
    pub priority: f64,
}

pub struct SignalLayout {
    pub centres: Vec<(f64, f64, f64)>,
    pub labelled: Vec<usize>,
}

pub fn signal_layout(points: &[SignalPoint], width: f64, height: f64, scale: f64) -> SignalLayout {
    let scale = sane_scale(scale);
    let (left, right, top, bottom) = (
        48.0 * scale,
        width - 12.0 * scale,
        12.0 * scale,
        height - 38.0 * scale,
    );
    let centres: Vec<(f64, f64, f64)> = points
        .iter()
        .map(|p| {
            (
                left + p.readiness_pct.clamp(0.0, 100.0) / 100.0 * (right - left),
                bottom - p.interest_pct.clamp(0.0, 100.0) / 100.0 * (bottom - top),
                4.0 * scale,
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| points[b].priority.total_cmp(&points[a].priority));
    order.truncate(24);
    let labels: Vec<&str> = points.iter().map(|p| p.label.as_str()).collect();
    let labelled = place_labels(
        &centres,
        &labels,
        &order,
        (left, top, right, bottom),
        11.0 * scale,
        scale,
    );
    SignalLayout { centres, labelled }
}

/// The index of the point under (x, y), if any.
pub fn signal_at(layout: &SignalLayout, x: f64, y: f64, scale: f64) -> Option<usize> {
    layout
        .centres
        .iter()
        .enumerate()
        .map(|(i, (cx, cy, _))| (i, (cx - x).hypot(cy - y)))
        .filter(|(_, d)| *d <= 7.0 * sane_scale(scale))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

pub fn draw_signals<DB: DrawingBackend>(
    backend: DB,
    points: &[SignalPoint],
    band: f64,
    scale: f64,
) -> Result<(), ChartError> {
    let root = backend.into_drawing_area();
    let (width, height) = root.dim_in_pixel();
    root.fill(&palette::BACKGROUND)?;
    let scale = sane_scale(scale);
    let (w, h) = (f64::from(width), f64::from(height));
    let (left, right, top, bottom) = (
        48.0 * scale,
        w - 12.0 * scale,
        12.0 * scale,
        h - 38.0 * scale,
    );
    let x = |v: f64| left + v.clamp(0.0, 100.0) / 100.0 * (right - left);
    let y = |v: f64| bottom - v.clamp(0.0, 100.0) / 100.0 * (bottom - top);
    let px = 11.0 * scale;
    let line = (scale.round() as u32).max(1);
    let tint = |c: RGBColor| c.mix(0.08).filled();
    // Above the upper band: interest ahead; below the lower: readiness ahead.
    let upper: Vec<(i32, i32)> = [(0.0, band), (100.0 - band, 100.0), (0.0, 100.0)]
        .iter()
        .map(|&(a, b)| (x(a) as i32, y(b) as i32))
        .collect();
    root.draw(&Polygon::new(upper, tint(palette::series(5))))?;
    let lower: Vec<(i32, i32)> = [(band, 0.0), (100.0, 100.0 - band), (100.0, 0.0)]
        .iter()
        .map(|&(a, b)| (x(a) as i32, y(b) as i32))
        .collect();
    root.draw(&Polygon::new(lower, tint(palette::series(0))))?;
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        root.draw(&PathElement::new(
            vec![
                (x(tick) as i32, top as i32),
                (x(tick) as i32, bottom as i32),
            ],
            palette::GRID.stroke_width(line),
        ))?;
        root.draw(&PathElement::new(
            vec![
                (left as i32, y(tick) as i32),
                (right as i32, y(tick) as i32),
            ],
            palette::GRID.stroke_width(line),
        ))?;
        root.draw(&Text::new(
            format!("{tick:.0}"),
            (x(tick) as i32, (bottom + 5.0 * scale) as i32),
            anchored(px, &palette::MUTED_TEXT, HPos::Center, VPos::Top),
        ))?;
        root.draw(&Text::new(
            format!("{tick:.0}"),
            ((left - 5.0 * scale) as i32, y(tick) as i32),
            anchored(px, &palette::MUTED_TEXT, HPos::Right, VPos::Center),
        ))?;
    }
    root.draw(&PathElement::new(
        vec![
            (x(0.0) as i32, y(0.0) as i32),
            (x(100.0) as i32, y(100.0) as i32),
        ],
        palette::MUTED_TEXT.stroke_width(line),
    ))?;
    root.draw(&Text::new(
        "readiness percentile (without interest indicators)",
        (
            ((left + right) / 2.0) as i32,
            (bottom + 20.0 * scale) as i32,
        ),
        anchored(px, &palette::MUTED_TEXT, HPos::Center, VPos::Top),
    ))?;
    root.draw(&Text::new(
        "interest ahead",
        ((left + 6.0 * scale) as i32, (top + 4.0 * scale) as i32),
        anchored(px, &palette::TEXT, HPos::Left, VPos::Top),
    ))?;
    root.draw(&Text::new(
        "readiness ahead",
        ((right - 6.0 * scale) as i32, (bottom - 4.0 * scale) as i32),
        anchored(px, &palette::TEXT, HPos::Right, VPos::Bottom),
    ))?;
    let layout = signal_layout(points, w, h, scale);
    for (p, &(cx, cy, r)) in points.iter().zip(&layout.centres) {
        root.draw(&Circle::new(
            (cx.round() as i32, cy.round() as i32),
            r.round() as u32,
            p.color.filled(),
        ))?;
    }
    for &i in &layout.labelled {
        let (cx, cy, r) = layout.centres[i];
        root.draw(&Text::new(
            points[i].label.clone(),
            ((cx + r + 2.0 * scale) as i32, cy as i32),
            anchored(px, &palette::TEXT, HPos::Left, VPos::Center),
        ))?;
    }
    root.present()?;
    Ok(())
}
