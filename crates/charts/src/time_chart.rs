//! A chart over time: stacked bars, lines over them, and shaded periods (stock-out weeks, say).
//! The test-market tracker draws all its time series with it.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::frame::{anchored, Canvas, PlotBox};
use crate::{compact_number, nice_ticks, palette, ChartError, Words};

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    /// One value per period; None leaves a gap.
    pub values: Vec<Option<f64>>,
    pub color: RGBColor,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimeChart {
    /// `YYYY-MM-DD` or `YYYY-MM`, one per period, in order.
    pub periods: Vec<String>,
    /// Stacked from zero, in order.
    pub bars: Vec<Series>,
    pub lines: Vec<Series>,
    /// Periods to shade behind the data.
    pub shaded: Vec<bool>,
    /// After each y-axis number: "%", " wk".
    pub unit: String,
    /// The top of the y axis when the data should not set it (percentages: 100).
    pub y_max: Option<f64>,
}

const SHADE: RGBColor = RGBColor(0xf4, 0xc7, 0xc3);
/// A month's short name (1 = January) in the reader's language.
fn month_name(month: usize, words: Words<'_>) -> Option<&'static str> {
    Some(match month {
        1 => words("Jan"),
        2 => words("Feb"),
        3 => words("Mar"),
        4 => words("Apr"),
        5 => words("May"),
        6 => words("Jun"),
        7 => words("Jul"),
        8 => words("Aug"),
        9 => words("Sep"),
        10 => words("Oct"),
        11 => words("Nov"),
        12 => words("Dec"),
        _ => return None,
    })
}

/// "Sep 2013" for the first label and each January, "Oct" otherwise; the order of month and
/// year is the language's ("2013年9月").
fn month_label(period: &str, with_year: bool, words: Words<'_>) -> Option<String> {
    let year = period.get(0..4)?;
    let month: usize = period.get(5..7)?.parse().ok()?;
    let name = month_name(month, words)?;
    Some(if with_year {
        words("{month} {year}")
            .replace("{month}", name)
            .replace("{year}", year)
    } else {
        name.to_owned()
    })
}

/// Indexes of the periods that start a month, skipping any closer than `min_gap` pixels to
/// the one kept before it (`slot` pixels a period).
pub fn month_starts(periods: &[String], slot: f64, min_gap: f64) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::new();
    let mut last_month = "";
    for (i, p) in periods.iter().enumerate() {
        let month = p.get(0..7).unwrap_or("");
        if month == last_month {
            continue;
        }
        last_month = month;
        if kept
            .last()
            .is_none_or(|&k| (i - k) as f64 * slot >= min_gap)
        {
            kept.push(i);
        }
    }
    kept
}

pub fn draw_time_chart<DB: DrawingBackend>(
    backend: DB,
    chart: &TimeChart,
    scale: f64,
    words: Words<'_>,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let px = f.px(11.0);
    let plot = f.inset(46.0, 10.0, 10.0, 22.0);
    let n = chart.periods.len();
    if n == 0 || plot.is_empty() {
        return canvas.finish();
    }
    let PlotBox {
        left,
        right,
        top,
        bottom,
    } = plot;
    let stacked_top = (0..n)
        .map(|i| {
            chart
                .bars
                .iter()
                .filter_map(|s| s.values.get(i).copied().flatten())
                .filter(|v| v.is_finite())
                .map(|v| v.max(0.0))
                .sum::<f64>()
        })
        .fold(0.0f64, f64::max);
    let line_top = chart
        .lines
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .filter(|v| v.is_finite())
        .fold(0.0f64, |a, b| a.max(*b));
    let data_max = stacked_top.max(line_top);
    // A fixed top (100%, a rating of 5) gets five steps, so it lands on a tick itself.
    let ticks = match chart.y_max {
        Some(top) => nice_ticks(top, 5),
        None => nice_ticks(data_max, 4),
    };
    let y_max = ticks.last().copied().unwrap_or(1.0).max(1e-9);
    let slot = (right - left) / n as f64;
    let x = |i: usize| left + (i as f64 + 0.5) * slot;
    let y = |v: f64| bottom - (v.clamp(0.0, y_max) / y_max) * (bottom - top);

    for (i, shaded) in chart.shaded.iter().enumerate().take(n) {
        if *shaded {
            let x0 = (left + i as f64 * slot) as i32;
            let x1 = (left + (i + 1) as f64 * slot) as i32;
            canvas.draw(&Rectangle::new(
                [(x0, top as i32), (x1.max(x0 + 1), bottom as i32)],
                SHADE.filled(),
            ))?;
        }
    }
    for tick in &ticks {
        let ty = y(*tick).round() as i32;
        canvas.grid((left as i32, ty), (right as i32, ty))?;
        canvas.y_tick(
            format!("{}{}", compact_number(*tick), chart.unit),
            ((left - f.px(5.0)) as i32, ty),
            px,
        )?;
    }
    let bar_width = (slot * 0.78).max(1.0);
    for i in 0..n {
        let mut base = 0.0;
        for series in &chart.bars {
            let Some(v) = series.values.get(i).copied().flatten() else {
                continue;
            };
            if !v.is_finite() || v <= 0.0 {
                continue;
            }
            let (y0, y1) = (y(base), y(base + v));
            let x0 = (x(i) - bar_width / 2.0).round() as i32;
            let x1 = ((x(i) + bar_width / 2.0).round() as i32).max(x0 + 1);
            canvas.draw(&Rectangle::new(
                [(x0, y1.round() as i32), (x1, y0.round() as i32)],
                series.color.filled(),
            ))?;
            base += v;
        }
    }
    let stroke = (f.px(2.0).round() as u32).max(2);
    for series in &chart.lines {
        let mut run: Vec<(i32, i32)> = Vec::new();
        let flush = |run: &mut Vec<(i32, i32)>| -> Result<(), ChartError> {
            if run.len() == 1 {
                canvas.draw(&Circle::new(run[0], stroke + 1, series.color.filled()))?;
            } else if run.len() > 1 {
                canvas.draw(&PathElement::new(
                    std::mem::take(run),
                    series.color.stroke_width(stroke),
                ))?;
            }
            run.clear();
            Ok(())
        };
        for (i, value) in series.values.iter().enumerate().take(n) {
            match value.filter(|v| v.is_finite()) {
                Some(v) => run.push((x(i).round() as i32, y(v).round() as i32)),
                None => flush(&mut run)?,
            }
        }
        flush(&mut run)?;
    }
    canvas.rule((left as i32, bottom as i32), (right as i32, bottom as i32))?;
    let mut last_year = "";
    for i in month_starts(&chart.periods, slot, f.px(54.0)) {
        let period = &chart.periods[i];
        let year = period.get(0..4).unwrap_or("");
        let Some(label) = month_label(period, year != last_year, words) else {
            continue;
        };
        last_year = year;
        let lx = (left + i as f64 * slot) as i32;
        canvas.rule((lx, bottom as i32), (lx, (bottom + f.px(3.0)) as i32))?;
        canvas.text(
            label,
            (lx, (bottom + f.px(5.0)) as i32),
            anchored(px, &palette::MUTED_TEXT, HPos::Left, VPos::Top),
        )?;
    }
    canvas.finish()
}
