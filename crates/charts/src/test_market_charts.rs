//! Flash sales: how many units each sale sold against how fast it sold out.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::frame::{Canvas, Frame, PlotBox};
use crate::{compact_number, nice_ticks, palette, ChartError, Words};

#[derive(Debug, Clone, PartialEq)]
pub struct FlashPoint {
    pub units_sold: f64,
    pub units_offered: f64,
    /// None: it did not sell out.
    pub seconds_to_sell_out: Option<f64>,
    pub registrations: f64,
}

/// Seconds axis ticks (log scale) and their labels.
const TIME_TICKS: [(f64, &str); 8] = [
    (1.0, "1 s"),
    (10.0, "10 s"),
    (30.0, "30 s"),
    (60.0, "1 min"),
    (300.0, "5 min"),
    (1800.0, "30 min"),
    (3600.0, "1 h"),
    (86_400.0, "1 day"),
];

/// Width of the "did not sell out" column right of the time axis, in CSS pixels.
const NOT_SOLD_OUT_COLUMN: f64 = 78.0;

/// Where each sale is drawn: (x, y, radius) in pixels, and the x where the "did not sell out"
/// column starts. Sales that sold out sit on a log time axis; the others in a column at the right.
pub struct FlashLayout {
    pub points: Vec<(f64, f64, f64)>,
    pub not_sold_out_x: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub seconds_range: (f64, f64),
    pub units_max: f64,
}

pub fn flash_layout(points: &[FlashPoint], width: f64, height: f64, scale: f64) -> FlashLayout {
    let f = Frame::new(width, height, scale);
    let PlotBox {
        left,
        right,
        top,
        bottom,
    } = f.inset(52.0, 12.0, 12.0, 38.0);
    let column = f.px(NOT_SOLD_OUT_COLUMN);
    let not_sold_out_x = right - column / 2.0;
    let axis_right = right - column;
    let seconds: Vec<f64> = points
        .iter()
        .filter_map(|p| p.seconds_to_sell_out)
        .filter(|s| *s > 0.0)
        .collect();
    let lo = seconds.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = seconds.iter().copied().fold(0.0f64, f64::max);
    let (lo, hi) = if lo.is_finite() {
        ((lo / 2.0).max(1.0), (hi * 2.0).max(lo * 4.0))
    } else {
        (1.0, 3600.0)
    };
    let units_max = nice_ticks(
        points
            .iter()
            .map(|p| p.units_sold.max(p.units_offered))
            .fold(0.0, f64::max),
        4,
    )
    .last()
    .copied()
    .unwrap_or(1.0)
    .max(1.0);
    let max_registrations = points
        .iter()
        .map(|p| p.registrations)
        .fold(1.0f64, f64::max);
    let placed = points
        .iter()
        .map(|p| {
            let x = match p.seconds_to_sell_out {
                Some(s) if s > 0.0 => {
                    left + ((s.ln() - lo.ln()) / (hi.ln() - lo.ln())) * (axis_right - left)
                }
                Some(_) => left,
                None => not_sold_out_x,
            };
            let y = bottom - (p.units_sold.clamp(0.0, units_max) / units_max) * (bottom - top);
            let r = f.px(3.0 + 9.0 * (p.registrations.max(0.0) / max_registrations).sqrt());
            (x, y, r)
        })
        .collect();
    FlashLayout {
        points: placed,
        not_sold_out_x,
        left,
        right: axis_right,
        top,
        bottom,
        seconds_range: (lo, hi),
        units_max,
    }
}

pub fn draw_flash_sales<DB: DrawingBackend>(
    backend: DB,
    points: &[FlashPoint],
    scale: f64,
    words: Words<'_>,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let layout = flash_layout(points, f.width, f.height, f.scale);
    let px = f.px(11.0);
    let (lo, hi) = layout.seconds_range;
    let (left, top, bottom) = (layout.left as i32, layout.top as i32, layout.bottom as i32);
    let column_right = (layout.right + f.px(NOT_SOLD_OUT_COLUMN)) as i32;
    let under_axis = |css: f64| (layout.bottom + f.px(css)) as i32;
    for tick in nice_ticks(layout.units_max, 4) {
        let y =
            (layout.bottom - tick / layout.units_max * (layout.bottom - layout.top)).round() as i32;
        canvas.grid((left, y), (column_right, y))?;
        canvas.y_tick(
            compact_number(tick),
            ((layout.left - f.px(5.0)) as i32, y),
            px,
        )?;
    }
    for (seconds, label) in TIME_TICKS {
        if seconds < lo || seconds > hi {
            continue;
        }
        let x = (layout.left
            + ((seconds.ln() - lo.ln()) / (hi.ln() - lo.ln())) * (layout.right - layout.left))
            .round() as i32;
        canvas.grid((x, top), (x, bottom))?;
        canvas.x_tick(label, (x, under_axis(5.0)), px)?;
    }
    canvas.axis_title(
        words("seconds to sell out (log scale)"),
        (
            ((layout.left + layout.right) / 2.0) as i32,
            under_axis(20.0),
        ),
        px,
        HPos::Center,
    )?;
    let column_x = layout.not_sold_out_x as i32;
    canvas.x_tick("did not", (column_x, under_axis(5.0)), px)?;
    canvas.x_tick("sell out", (column_x, under_axis(18.0)), px)?;
    let divider = (layout.right + f.px(4.0)) as i32;
    canvas.rule((divider, top), (divider, bottom))?;
    for (p, &(x, y, r)) in points.iter().zip(&layout.points) {
        let centre = (x.round() as i32, y.round() as i32);
        let radius = r.round() as u32;
        if p.seconds_to_sell_out.is_some() {
            canvas.draw(&Circle::new(
                centre,
                radius,
                palette::series(0).mix(0.55).filled(),
            ))?;
            canvas.draw(&Circle::new(
                centre,
                radius,
                palette::series(0).stroke_width(f.line),
            ))?;
        } else {
            canvas.draw(&Circle::new(
                centre,
                radius,
                palette::series(5).stroke_width(f.px(2.0).round().max(2.0) as u32),
            ))?;
        }
    }
    canvas.rule((left, bottom), (column_right, bottom))?;
    canvas.finish()
}
