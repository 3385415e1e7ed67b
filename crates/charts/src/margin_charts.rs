//! The margin charts: the price waterfall, the payback curve, and the opportunity matrix
//! (readiness against contribution margin).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::frame::{anchored, Canvas, Frame, PlotBox, PAD};
use crate::{largest_first, palette, place_labels, ChartError, Words};

#[derive(Debug, Clone, PartialEq)]
pub struct WaterfallStep {
    pub label: String,
    /// Negative for deductions; the running amount for totals.
    pub usd: f64,
    pub total: bool,
}

const TOTAL: RGBColor = RGBColor(0x0b, 0x25, 0x40);
const DEDUCTION: RGBColor = palette::SERIES[1];
const LOSS: RGBColor = RGBColor(0xb3, 0x26, 0x1e);

/// One row per step: totals as bars from zero, deductions floating from the running amount.
pub fn draw_waterfall<DB: DrawingBackend>(
    backend: DB,
    steps: &[WaterfallStep],
    scale: f64,
    words: Words<'_>,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let px = f.px(12.0);
    let labels = f.label_column(0.3, 100.0, 170.0, px);
    // Right: room for the amounts; below: the axis title.
    let plot = f.inset(0.0, 60.0, PAD, 24.0).with_left(labels.plot_left);
    let max = steps.iter().map(|s| s.usd.abs()).fold(1.0f64, f64::max);
    let min = steps
        .iter()
        .filter(|s| s.total)
        .map(|s| s.usd)
        .fold(0.0f64, f64::min);
    let x =
        |v: f64| (plot.left + (v - min) / (max - min) * (plot.right - plot.left)).round() as i32;
    let row = (plot.bottom - plot.top) / steps.len().max(1) as f64;
    let mut running = 0.0;
    for (i, step) in steps.iter().enumerate() {
        let y0 = (plot.top + i as f64 * row + row * 0.15) as i32;
        let y1 = (plot.top + (i as f64 + 1.0) * row - row * 0.15) as i32;
        let (from, to, color) = if step.total {
            running = step.usd;
            (0.0, step.usd, if step.usd < 0.0 { LOSS } else { TOTAL })
        } else {
            let from = running;
            running += step.usd;
            (from, running, DEDUCTION)
        };
        let (a, b) = (x(from.min(to)), x(from.max(to)));
        canvas.draw(&Rectangle::new(
            [(a, y0), (b.max(a + 1), y1)],
            color.filled(),
        ))?;
        let mid = (y0 + y1) / 2;
        canvas.row_label(&labels, &step.label, mid, px)?;
        let amount = if step.total {
            format!("{:.2}", step.usd)
        } else {
            // A deduction that rounds to nothing reads 0.00, not −0.00.
            match -step.usd {
                d if d < 0.005 => "0.00".to_owned(),
                d => format!("−{d:.2}"),
            }
        };
        canvas.text(
            amount,
            (b + f.px(5.0) as i32, mid),
            anchored(px * 0.9, &palette::TEXT, HPos::Left, VPos::Center),
        )?;
    }
    canvas.rule((x(0.0), plot.top as i32), (x(0.0), plot.bottom as i32))?;
    canvas.axis_title(
        words("US$ per unit"),
        (plot.right as i32, (plot.bottom + f.px(6.0)) as i32),
        px * 0.9,
        HPos::Right,
    )?;
    canvas.finish()
}

/// Cumulative contribution month by month against the fixed entry cost; the crossing is payback.
pub fn draw_payback<DB: DrawingBackend>(
    backend: DB,
    monthly_contribution_usd: f64,
    fixed_usd: f64,
    months: u32,
    scale: f64,
    words: Words<'_>,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let px = f.px(12.0);
    let plot = f.inset(60.0, 16.0, 12.0, 28.0);
    let end = (monthly_contribution_usd * f64::from(months))
        .max(fixed_usd * 1.2)
        .max(1.0);
    let low = (monthly_contribution_usd * f64::from(months)).min(0.0);
    let x = |m: f64| {
        (plot.left + m / f64::from(months.max(1)) * (plot.right - plot.left)).round() as i32
    };
    let y =
        |v: f64| (plot.bottom - (v - low) / (end - low) * (plot.bottom - plot.top)).round() as i32;
    for step in 0..=4 {
        let v = low + (end - low) * f64::from(step) / 4.0;
        canvas.grid((x(0.0), y(v)), (x(f64::from(months)), y(v)))?;
        canvas.y_tick(
            compact_usd(v),
            ((plot.left - f.px(6.0)) as i32, y(v)),
            px * 0.9,
        )?;
    }
    for m in (0..=months).step_by(6) {
        canvas.x_tick(
            m.to_string(),
            (x(f64::from(m)), (plot.bottom + f.px(5.0)) as i32),
            px * 0.9,
        )?;
    }
    canvas.draw(&PathElement::new(
        vec![(x(0.0), y(fixed_usd)), (x(f64::from(months)), y(fixed_usd))],
        LOSS.stroke_width(f.px(2.0).round() as u32),
    ))?;
    canvas.text(
        words("fixed entry cost"),
        (
            (plot.left + f.px(6.0)) as i32,
            y(fixed_usd) - f.px(4.0) as i32,
        ),
        anchored(px * 0.9, &LOSS, HPos::Left, VPos::Bottom),
    )?;
    let points: Vec<(i32, i32)> = (0..=months)
        .map(|m| (x(f64::from(m)), y(monthly_contribution_usd * f64::from(m))))
        .collect();
    canvas.draw(&PathElement::new(
        points,
        palette::series(0).stroke_width(f.px(2.5).round() as u32),
    ))?;
    if monthly_contribution_usd > 0.0 {
        let payback = fixed_usd / monthly_contribution_usd;
        if payback <= f64::from(months) {
            canvas.draw(&Circle::new(
                (x(payback), y(fixed_usd)),
                f.px(5.0) as i32,
                palette::series(0).filled(),
            ))?;
        }
    }
    canvas.axis_title(
        words("months after launch"),
        (plot.right as i32, (plot.bottom + f.px(16.0)) as i32),
        px * 0.9,
        HPos::Right,
    )?;
    canvas.finish()
}

/// "$1.2M", "$350k", "−$40k".
pub fn compact_usd(v: f64) -> String {
    let sign = if v < 0.0 { "−" } else { "" };
    let a = v.abs();
    if a >= 1e6 {
        format!("{sign}${:.1}M", a / 1e6)
    } else if a >= 1e3 {
        format!("{sign}${:.0}k", a / 1e3)
    } else {
        format!("{sign}${a:.0}")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bubble {
    pub label: String,
    /// Readiness score, 0-100.
    pub readiness: f64,
    /// Contribution margin, %.
    pub margin_pct: f64,
    /// Addressable units a year: the bubble's area.
    pub volume: f64,
    pub color: RGBColor,
}

/// Where each bubble sits and how big it is, for drawing and for finding the one clicked.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixLayout {
    pub centres: Vec<(f64, f64, f64)>,
    /// Bubbles whose labels fit without overlapping another label or leaving the chart.
    pub labelled: Vec<usize>,
    pub margin_range: (f64, f64),
}

pub fn matrix_layout(bubbles: &[Bubble], width: f64, height: f64, scale: f64) -> MatrixLayout {
    let f = Frame::new(width, height, scale);
    let plot = matrix_plot(&f);
    let (mut lo, mut hi) = bubbles
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), b| {
            (lo.min(b.margin_pct), hi.max(b.margin_pct))
        });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 30.0);
    }
    let span = (hi - lo).max(1.0);
    let (lo, hi) = ((lo - span * 0.08).floor(), (hi + span * 0.08).ceil());
    let max_volume = bubbles.iter().map(|b| b.volume).fold(1.0f64, f64::max);
    let centres: Vec<(f64, f64, f64)> = bubbles
        .iter()
        .map(|b| {
            let x = plot.left + b.readiness.clamp(0.0, 100.0) / 100.0 * (plot.right - plot.left);
            let y = plot.bottom - (b.margin_pct - lo) / (hi - lo) * (plot.bottom - plot.top);
            let r = f.px(3.0 + 22.0 * (b.volume.max(0.0) / max_volume).sqrt());
            (x, y, r)
        })
        .collect();
    // Biggest first: they matter most.
    let order = largest_first(bubbles.len(), |i| bubbles[i].volume);
    let labels: Vec<&str> = bubbles.iter().map(|b| b.label.as_str()).collect();
    let labelled = place_labels(&centres, &labels, &order, &plot, f.px(11.0), f.scale);
    MatrixLayout {
        centres,
        labelled,
        margin_range: (lo, hi),
    }
}

/// Left: the margin ticks; below: the readiness ticks and the axis title.
fn matrix_plot(f: &Frame) -> PlotBox {
    f.inset(56.0, 16.0, 12.0, 40.0)
}

/// The bubble under (x, y), the smallest when several overlap.
pub fn bubble_at(layout: &MatrixLayout, x: f64, y: f64) -> Option<usize> {
    layout
        .centres
        .iter()
        .enumerate()
        .filter(|(_, (cx, cy, r))| (x - cx).powi(2) + (y - cy).powi(2) <= r * r)
        .min_by(|a, b| a.1 .2.total_cmp(&b.1 .2))
        .map(|(i, _)| i)
}

/// Readiness (x) against contribution margin (y), quadrant guides at `guides` (readiness, margin).
pub fn draw_matrix<DB: DrawingBackend>(
    backend: DB,
    bubbles: &[Bubble],
    guides: (f64, f64),
    scale: f64,
    words: Words<'_>,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let layout = matrix_layout(bubbles, f.width, f.height, f.scale);
    let plot = matrix_plot(&f);
    let (left, right, top, bottom) = (plot.left, plot.right, plot.top, plot.bottom);
    let (lo, hi) = layout.margin_range;
    let px = f.px(11.0);
    let gx = (left + guides.0.clamp(0.0, 100.0) / 100.0 * (right - left)) as i32;
    let gy = (bottom - (guides.1 - lo) / (hi - lo) * (bottom - top)) as i32;
    for step in 0..=5 {
        let v = f64::from(step) * 20.0;
        let x = (left + v / 100.0 * (right - left)) as i32;
        canvas.x_tick(format!("{v:.0}"), (x, (bottom + f.px(4.0)) as i32), px)?;
    }
    for step in 0..=4 {
        let v = lo + (hi - lo) * f64::from(step) / 4.0;
        let y = (bottom - (v - lo) / (hi - lo) * (bottom - top)) as i32;
        canvas.grid((left as i32, y), (right as i32, y))?;
        canvas.y_tick(format!("{v:.0}%"), ((left - f.px(6.0)) as i32, y), px)?;
    }
    canvas.rule((gx, top as i32), (gx, bottom as i32))?;
    canvas.rule((left as i32, gy), (right as i32, gy))?;
    canvas.text(
        words("ready and profitable"),
        ((right - f.px(4.0)) as i32, (top + f.px(2.0)) as i32),
        anchored(px, &palette::MUTED_TEXT, HPos::Right, VPos::Top),
    )?;
    canvas.axis_title(
        words("readiness score"),
        (right as i32, (bottom + f.px(20.0)) as i32),
        px,
        HPos::Right,
    )?;
    // Big bubbles underneath, so small markets stay visible and clickable. A NaN volume
    // draws smallest (radius 3), so last, on top.
    for i in largest_first(bubbles.len(), |i| bubbles[i].volume) {
        let (x, y, r) = layout.centres[i];
        let c = bubbles[i].color;
        canvas.draw(&Circle::new(
            (x as i32, y as i32),
            r as i32,
            c.mix(0.55).filled(),
        ))?;
        canvas.draw(&Circle::new(
            (x as i32, y as i32),
            r as i32,
            c.stroke_width(f.line),
        ))?;
    }
    for &i in &layout.labelled {
        let (x, y, r) = layout.centres[i];
        canvas.text(
            bubbles[i].label.clone(),
            ((x + r + f.px(2.0)) as i32, y as i32),
            anchored(px, &palette::TEXT, HPos::Left, VPos::Center),
        )?;
    }
    canvas.finish()
}

/// Contribution margin (%) against retail price, with today's price marked.
pub fn draw_margin_curve<DB: DrawingBackend>(
    backend: DB,
    points: &[(f64, f64)],
    current: (f64, f64),
    scale: f64,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let px = f.px(12.0);
    let plot = f.inset(48.0, 16.0, 12.0, 30.0);
    let (x0, x1) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.0), b.max(p.0))
        });
    let (y0, y1) = points
        .iter()
        .fold((0.0f64, 1.0f64), |(a, b), p| (a.min(p.1), b.max(p.1)));
    if !(x0.is_finite() && x1 > x0) {
        return canvas.finish();
    }
    let x = |v: f64| (plot.left + (v - x0) / (x1 - x0) * (plot.right - plot.left)).round() as i32;
    let y = |v: f64| (plot.bottom - (v - y0) / (y1 - y0) * (plot.bottom - plot.top)).round() as i32;
    for step in 0..=4 {
        let v = y0 + (y1 - y0) * f64::from(step) / 4.0;
        canvas.grid((x(x0), y(v)), (x(x1), y(v)))?;
        canvas.y_tick(
            format!("{v:.0}%"),
            ((plot.left - f.px(6.0)) as i32, y(v)),
            px * 0.9,
        )?;
    }
    if y0 < 0.0 {
        canvas.draw(&PathElement::new(
            vec![(x(x0), y(0.0)), (x(x1), y(0.0))],
            LOSS.stroke_width(f.line),
        ))?;
    }
    for step in 0..=4 {
        let v = x0 + (x1 - x0) * f64::from(step) / 4.0;
        canvas.x_tick(
            format!("{v:.0}"),
            (x(v), (plot.bottom + f.px(5.0)) as i32),
            px * 0.9,
        )?;
    }
    let path: Vec<(i32, i32)> = points.iter().map(|&(p, m)| (x(p), y(m))).collect();
    canvas.draw(&PathElement::new(
        path,
        palette::series(0).stroke_width(f.px(2.5).round() as u32),
    ))?;
    canvas.draw(&Circle::new(
        (x(current.0), y(current.1)),
        f.px(5.0) as i32,
        palette::series(5).filled(),
    ))?;
    canvas.finish()
}
