//! Beachhead's charts. Every drawing function is generic over plotters' `DrawingBackend`, so
//! the same code draws on a `<canvas>` in the app and to SVG in native tests and exports.
//!
//! Charts lay themselves out with their own pure layout code (see [`ranking_chart::layout`])
//! and draw text with explicit anchors: plotters' own label layout measures every label, and on
//! wasm that measurement goes through the DOM and forces a page layout per label. The set-up
//! they share (background, device pixel ratio, plot box, label column, gridlines, tick labels)
//! is one helper, `frame.rs`.

pub mod demand_chart;
mod frame;
pub mod margin_charts;
pub mod palette;
pub mod profile_chart;
pub mod ranking_chart;
pub mod test_market_charts;
pub mod time_chart;
pub mod uncertainty_chart;
pub mod world_map;

use std::fmt;

/// The words a chart draws inside its canvas (an axis title, a quadrant's name), given in
/// English and returned in the reader's language: the app passes its translation, tests and
/// English exports [`english`]. The charts crate stays free of the app's language tables.
pub type Words<'a> = &'a dyn Fn(&'static str) -> &'static str;

/// [`Words`] that keep the English.
pub fn english(text: &'static str) -> &'static str {
    text
}

use frame::{text_units, text_width, PlotBox};

/// Indexes `0..n` ordered by `key`, largest first; NaN keys (of either sign) go last, and
/// ties keep index order, so the order is the same on every run and platform. (`total_cmp`
/// alone puts a positive NaN above infinity: a NaN volume or priority would count as the
/// biggest.)
pub(crate) fn largest_first(n: usize, key: impl Fn(usize) -> f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (key(a), key(b));
        ka.is_nan()
            .cmp(&kb.is_nan())
            .then_with(|| kb.total_cmp(&ka))
    });
    order
}

/// Which points get a label: in `order` (most important first), a label goes right of its
/// point (x, y, radius) when its box stays inside the `plot` box and clear of the labels
/// placed before it. Text is `px` pixels; widths are estimated, not
/// measured (measuring text on a canvas forces a page layout per label).
pub(crate) fn place_labels(
    points: &[(f64, f64, f64)],
    labels: &[&str],
    order: &[usize],
    plot: &PlotBox,
    px: f64,
    scale: f64,
) -> Vec<usize> {
    let (top, right, bottom) = (plot.top, plot.right, plot.bottom);
    let mut boxes: Vec<(f64, f64, f64, f64)> = Vec::new();
    let mut labelled = Vec::new();
    for &i in order {
        let (Some(&(x, y, r)), Some(label)) = (points.get(i), labels.get(i)) else {
            continue;
        };
        let w = text_width(text_units(label), px);
        let candidate = (
            x + r + 2.0 * scale,
            y - px * 0.6,
            x + r + 2.0 * scale + w,
            y + px * 0.6,
        );
        let inside = candidate.2 <= right && candidate.1 >= top && candidate.3 <= bottom;
        let free = boxes.iter().all(|b| {
            candidate.2 < b.0 || candidate.0 > b.2 || candidate.3 < b.1 || candidate.1 > b.3
        });
        if inside && free {
            boxes.push(candidate);
            labelled.push(i);
        }
    }
    labelled
}

/// About `count` round steps covering 0 to `max`: 0, 250, 500 … or 0, 2, 4 ….
pub fn nice_ticks(max: f64, count: usize) -> Vec<f64> {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(magnitude * 10.0);
    let mut ticks = Vec::new();
    let mut tick = 0.0;
    while tick <= max * (1.0 + 1e-9) + step * 1e-9 {
        ticks.push(tick);
        tick += step;
    }
    if ticks.last().is_some_and(|t| *t < max) {
        ticks.push(tick);
    }
    ticks
}

/// Short numbers for axes: 950, 1.2k, 15k, 2.5M.
pub fn compact_number(v: f64) -> String {
    let a = v.abs();
    let (value, suffix) = if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let text = if value.abs() >= 100.0 || value.fract().abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    format!("{text}{suffix}")
}

/// A chart that could not be drawn, with the backend's own words.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartError(pub String);

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the chart could not be drawn: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<plotters::drawing::DrawingAreaErrorKind<E>>
    for ChartError
{
    fn from(e: plotters::drawing::DrawingAreaErrorKind<E>) -> Self {
        ChartError(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_first_puts_nan_last_and_keeps_ties_in_index_order() {
        let keys = [f64::NAN, 10.0, -f64::NAN, 30.0, 10.0, f64::INFINITY, -1.0];
        let order = largest_first(keys.len(), |i| keys[i]);
        assert_eq!(order, [5, 3, 1, 4, 6, 0, 2]);
        assert!(largest_first(0, |_| 0.0).is_empty());
    }
}
