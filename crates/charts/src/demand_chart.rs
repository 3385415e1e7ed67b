//! Demand signals against readiness: each market's interest percentile against its readiness
//! percentile, the diagonal where they agree, and the bands beyond which one runs ahead.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::frame::{anchored, sane_scale, Canvas, Frame, PlotBox};
use crate::{largest_first, palette, place_labels, ChartError, Words};

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
    let f = Frame::new(width, height, scale);
    let plot = signal_plot(&f);
    let centres: Vec<(f64, f64, f64)> = points
        .iter()
        .map(|p| {
            (
                plot.left + p.readiness_pct.clamp(0.0, 100.0) / 100.0 * (plot.right - plot.left),
                plot.bottom - p.interest_pct.clamp(0.0, 100.0) / 100.0 * (plot.bottom - plot.top),
                f.px(4.0),
            )
        })
        .collect();
    let mut order = largest_first(points.len(), |i| points[i].priority);
    order.truncate(24);
    let labels: Vec<&str> = points.iter().map(|p| p.label.as_str()).collect();
    let labelled = place_labels(&centres, &labels, &order, &plot, f.px(11.0), f.scale);
    SignalLayout { centres, labelled }
}

/// Left: the interest ticks; below: the readiness ticks and the axis title.
fn signal_plot(f: &Frame) -> PlotBox {
    f.inset(48.0, 12.0, 12.0, 38.0)
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
    words: Words<'_>,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let plot = signal_plot(&f);
    let (left, right, top, bottom) = (plot.left, plot.right, plot.top, plot.bottom);
    let x = |v: f64| left + v.clamp(0.0, 100.0) / 100.0 * (right - left);
    let y = |v: f64| bottom - v.clamp(0.0, 100.0) / 100.0 * (bottom - top);
    let px = f.px(11.0);
    let tint = |c: RGBColor| c.mix(0.08).filled();
    // Above the upper band: interest ahead; below the lower: readiness ahead.
    let upper: Vec<(i32, i32)> = [(0.0, band), (100.0 - band, 100.0), (0.0, 100.0)]
        .iter()
        .map(|&(a, b)| (x(a) as i32, y(b) as i32))
        .collect();
    canvas.draw(&Polygon::new(upper, tint(palette::series(5))))?;
    let lower: Vec<(i32, i32)> = [(band, 0.0), (100.0, 100.0 - band), (100.0, 0.0)]
        .iter()
        .map(|&(a, b)| (x(a) as i32, y(b) as i32))
        .collect();
    canvas.draw(&Polygon::new(lower, tint(palette::series(0))))?;
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let (tx, ty) = (x(tick) as i32, y(tick) as i32);
        canvas.grid((tx, top as i32), (tx, bottom as i32))?;
        canvas.grid((left as i32, ty), (right as i32, ty))?;
        canvas.x_tick(format!("{tick:.0}"), (tx, (bottom + f.px(5.0)) as i32), px)?;
        canvas.y_tick(format!("{tick:.0}"), ((left - f.px(5.0)) as i32, ty), px)?;
    }
    canvas.rule(
        (x(0.0) as i32, y(0.0) as i32),
        (x(100.0) as i32, y(100.0) as i32),
    )?;
    canvas.axis_title(
        words("readiness percentile (without interest indicators)"),
        (((left + right) / 2.0) as i32, (bottom + f.px(20.0)) as i32),
        px,
        HPos::Center,
    )?;
    canvas.text(
        words("interest ahead"),
        ((left + f.px(6.0)) as i32, (top + f.px(4.0)) as i32),
        anchored(px, &palette::TEXT, HPos::Left, VPos::Top),
    )?;
    canvas.text(
        words("readiness ahead"),
        ((right - f.px(6.0)) as i32, (bottom - f.px(4.0)) as i32),
        anchored(px, &palette::TEXT, HPos::Right, VPos::Bottom),
    )?;
    let layout = signal_layout(points, f.width, f.height, f.scale);
    for (p, &(cx, cy, r)) in points.iter().zip(&layout.centres) {
        canvas.draw(&Circle::new(
            (cx.round() as i32, cy.round() as i32),
            r.round() as u32,
            p.color.filled(),
        ))?;
    }
    for &i in &layout.labelled {
        let (cx, cy, r) = layout.centres[i];
        canvas.text(
            points[i].label.clone(),
            ((cx + r + f.px(2.0)) as i32, cy as i32),
            anchored(px, &palette::TEXT, HPos::Left, VPos::Center),
        )?;
    }
    canvas.finish()
}
