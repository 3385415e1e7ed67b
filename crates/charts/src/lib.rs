//! Beachhead's charts. Every drawing function is generic over plotters' `DrawingBackend`, so
//! the same code draws on a `<canvas>` in the app and to SVG in native tests and exports.
//!
//! Charts lay themselves out with their own pure layout code (see [`ranking_chart::layout`])
//! and draw text with explicit anchors: plotters' own label layout measures every label, and on
//! wasm that measurement goes through the DOM and forces a page layout per label.

pub mod margin_charts;
pub mod palette;
pub mod profile_chart;
pub mod ranking_chart;
pub mod uncertainty_chart;
pub mod world_map;

use std::fmt;

use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{IntoFont, RGBColor, TextStyle};

/// The device pixel ratio a chart is drawn at; anything unusable (0, NaN) draws at 1.
pub(crate) fn sane_scale(scale: f64) -> f64 {
    if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    }
}

/// Sans-serif text of `px` pixels anchored at (h, v): charts position every label themselves.
pub(crate) fn anchored(px: f64, color: &'static RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle::from(("sans-serif", px).into_font())
        .color(color)
        .pos(Pos::new(h, v))
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
