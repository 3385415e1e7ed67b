//! The set-up every chart shares: the whole backend filled with the background, the device
//! pixel ratio made usable, the plot box inset from the edges (after a column of row labels
//! where a chart has one), one-CSS-pixel gridlines and rules, anchored text, and the blank
//! frame a chart without data or room leaves.
//!
//! A chart opens a [`Canvas`], reads its [`Frame`] for geometry and draws what is its own.
//! Geometry is plain numbers ([`Frame`], [`PlotBox`], [`LabelColumn`]), so the layout
//! functions that hit-test clicks (`matrix_layout`, `signal_layout` …) use the same boxes as
//! the drawing without a backend.
//!
//! Text is never measured. plotters' own layout (`ChartBuilder` label areas, mesh labels,
//! `estimate_text_size`) measures every label, and on wasm each measurement goes through the
//! DOM and forces a page layout (see the performance notes). Labels are drawn with explicit
//! anchors instead, and widths are estimated from the character count ([`text_width`]).

use std::borrow::Borrow;

use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::ranking_chart::fit_label;
use crate::{palette, ChartError};

/// Average glyph advance of a proportional sans-serif as a fraction of the font size; used
/// only to decide where to truncate and which labels fit, never to position text.
pub(crate) const GLYPH_WIDTH_EM: f64 = 0.56;

/// Padding around a label column and above a plot, in CSS pixels.
pub(crate) const PAD: f64 = 8.0;

/// Estimated width in pixels of `units` narrow characters of `px`-pixel text (see
/// [`text_units`]).
pub(crate) fn text_width(units: usize, px: f64) -> f64 {
    units as f64 * px * GLYPH_WIDTH_EM
}

/// A text's width in narrow characters: a Chinese, Japanese or Korean character (or any
/// full-width form) is about a whole em wide, so it counts as two; estimating it as one
/// let long Chinese names run into the bars.
pub fn text_units(text: &str) -> usize {
    text.chars().map(char_units).sum()
}

pub(crate) fn char_units(c: char) -> usize {
    let wide = matches!(u32::from(c),
        0x1100..=0x115F          // Hangul Jamo
        | 0x2E80..=0x303E        // CJK radicals, punctuation
        | 0x3041..=0x33FF        // kana, CJK symbols
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xA000..=0xA4CF        // Yi
        | 0xAC00..=0xD7A3        // Hangul syllables
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFE30..=0xFE4F        // CJK compatibility forms
        | 0xFF00..=0xFF60        // full-width forms
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD); // CJK extensions B and on
    if wide {
        2
    } else {
        1
    }
}

/// How many characters of `px`-pixel text fit in `width` pixels: at least 4, so that even a
/// cramped chart shows the start of each label.
pub(crate) fn chars_fitting(width: f64, px: f64) -> usize {
    (width / (px * GLYPH_WIDTH_EM)).floor().max(4.0) as usize
}

/// The device pixel ratio a chart is drawn at; anything unusable (0, negative, NaN, infinite)
/// draws at 1.
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

/// A chart's canvas in device pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub width: f64,
    pub height: f64,
    /// The device pixel ratio, made usable ([`sane_scale`]).
    pub scale: f64,
    /// The width of gridlines and rules: one CSS pixel in whole device pixels, at least 1.
    pub line: u32,
}

/// The plot area, in device pixels from the canvas's top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PlotBox {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// A column of row labels at the chart's left: `x` is where labels start, one pad in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LabelColumn {
    pub x: f64,
    pub width: f64,
    /// Where the plot starts: a pad after the column.
    pub plot_left: f64,
    /// The longest label, in characters, that fits (at least 4).
    pub max_chars: usize,
}

impl Frame {
    pub fn new(width: f64, height: f64, scale: f64) -> Frame {
        let scale = sane_scale(scale);
        Frame {
            width,
            height,
            scale,
            line: scale.max(1.0).round() as u32,
        }
    }

    /// `css` CSS pixels in device pixels.
    pub fn px(&self, css: f64) -> f64 {
        css * self.scale
    }

    /// The plot box `left`, `right`, `top` and `bottom` CSS pixels in from the canvas's edges.
    pub fn inset(&self, left: f64, right: f64, top: f64, bottom: f64) -> PlotBox {
        PlotBox {
            left: self.px(left),
            right: self.width - self.px(right),
            top: self.px(top),
            bottom: self.height - self.px(bottom),
        }
    }

    /// A label column `share` of the canvas width, kept within `min`..`max` CSS pixels whatever
    /// the labels: a long label is cut to `max_chars` of `font_px` text, never widens it.
    pub fn label_column(&self, share: f64, min: f64, max: f64, font_px: f64) -> LabelColumn {
        let pad = self.px(PAD);
        let width = (self.width * share).clamp(self.px(min), self.px(max));
        LabelColumn {
            x: pad,
            width,
            plot_left: pad + width + pad,
            max_chars: chars_fitting(width - pad, font_px),
        }
    }
}

impl PlotBox {
    /// The same box starting at `left`: after a label column, say.
    pub fn with_left(self, left: f64) -> PlotBox {
        PlotBox { left, ..self }
    }

    /// The box grown right and down to at least `width` × `height` pixels, so a canvas smaller
    /// than its margins still draws forwards.
    pub fn at_least(self, width: f64, height: f64) -> PlotBox {
        PlotBox {
            right: self.right.max(self.left + width),
            bottom: self.bottom.max(self.top + height),
            ..self
        }
    }

    /// No room to plot: the canvas is smaller than its margins.
    pub fn is_empty(&self) -> bool {
        self.right <= self.left || self.bottom <= self.top
    }
}

/// The whole backend, filled with the chart background, and its [`Frame`].
pub(crate) struct Canvas<DB: DrawingBackend> {
    root: DrawingArea<DB, Shift>,
    pub frame: Frame,
}

impl<DB: DrawingBackend> Canvas<DB> {
    /// Takes all of `backend` and fills it with the background; `scale` is the device pixel
    /// ratio.
    pub fn open(backend: DB, scale: f64) -> Result<Self, ChartError> {
        let root = backend.into_drawing_area();
        let (width, height) = root.dim_in_pixel();
        root.fill(&palette::BACKGROUND)?;
        Ok(Canvas {
            root,
            frame: Frame::new(f64::from(width), f64::from(height), scale),
        })
    }

    pub fn draw<'a, E>(&self, element: &'a E) -> Result<(), ChartError>
    where
        &'a E: PointCollection<'a, (i32, i32)>,
        E: Drawable<DB>,
    {
        self.root.draw(element)?;
        Ok(())
    }

    /// A gridline from `from` to `to`, one CSS pixel wide.
    pub fn grid(&self, from: (i32, i32), to: (i32, i32)) -> Result<(), ChartError> {
        self.draw(&PathElement::new(
            vec![from, to],
            palette::GRID.stroke_width(self.frame.line),
        ))
    }

    /// An axis line or guide from `from` to `to`, one CSS pixel wide.
    pub fn rule(&self, from: (i32, i32), to: (i32, i32)) -> Result<(), ChartError> {
        self.draw(&PathElement::new(
            vec![from, to],
            palette::MUTED_TEXT.stroke_width(self.frame.line),
        ))
    }

    /// `text` in `style` (see [`anchored`]) at `at`.
    pub fn text<T: Borrow<str>>(
        &self,
        text: T,
        at: (i32, i32),
        style: TextStyle<'_>,
    ) -> Result<(), ChartError> {
        self.draw(&Text::new(text, at, style))
    }

    /// A tick label under the x axis: muted `px`-pixel text centred under `at`.
    pub fn x_tick<T: Borrow<str>>(
        &self,
        text: T,
        at: (i32, i32),
        px: f64,
    ) -> Result<(), ChartError> {
        self.text(
            text,
            at,
            anchored(px, &palette::MUTED_TEXT, HPos::Center, VPos::Top),
        )
    }

    /// A tick label left of the y axis: muted `px`-pixel text ending at `at`, centred on it.
    pub fn y_tick<T: Borrow<str>>(
        &self,
        text: T,
        at: (i32, i32),
        px: f64,
    ) -> Result<(), ChartError> {
        self.text(
            text,
            at,
            anchored(px, &palette::MUTED_TEXT, HPos::Right, VPos::Center),
        )
    }

    /// An axis title: muted `px`-pixel text hanging from `at`, its end (`HPos::Right`) or
    /// middle (`HPos::Center`) there.
    pub fn axis_title(
        &self,
        text: &str,
        at: (i32, i32),
        px: f64,
        h: HPos,
    ) -> Result<(), ChartError> {
        self.text(text, at, anchored(px, &palette::MUTED_TEXT, h, VPos::Top))
    }

    /// A row's label in `column`, cut to fit, vertically centred on `y`.
    pub fn row_label(
        &self,
        column: &LabelColumn,
        label: &str,
        y: i32,
        px: f64,
    ) -> Result<(), ChartError> {
        self.text(
            fit_label(label, column.max_chars),
            (column.x as i32, y),
            anchored(px, &palette::TEXT, HPos::Left, VPos::Center),
        )
    }

    /// Hands the drawing to the backend. A chart with nothing to draw finishes at once,
    /// leaving the blank background.
    pub fn finish(self) -> Result<(), ChartError> {
        self.root.present()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::SVGBackend;

    #[test]
    fn unusable_scales_draw_at_one() {
        for bad in [0.0, -2.0, f64::NAN, f64::INFINITY] {
            let f = Frame::new(600.0, 400.0, bad);
            assert_eq!((f.scale, f.line), (1.0, 1), "{bad}");
        }
        assert_eq!(
            Frame::new(600.0, 400.0, 0.5).line,
            1,
            "never thinner than a pixel"
        );
        assert_eq!(Frame::new(600.0, 400.0, 2.0).line, 2);
        assert_eq!(Frame::new(600.0, 400.0, 1.5).px(8.0), 12.0);
    }

    #[test]
    fn insets_scale_with_the_device_pixel_ratio() {
        let plot = Frame::new(600.0, 400.0, 2.0).inset(48.0, 16.0, 12.0, 30.0);
        assert_eq!(
            plot,
            PlotBox {
                left: 96.0,
                right: 568.0,
                top: 24.0,
                bottom: 340.0
            }
        );
        assert!(!plot.is_empty());
    }

    #[test]
    fn chinese_characters_count_twice_and_are_cut_by_width() {
        assert_eq!(text_units("Hong Kong"), 9);
        assert_eq!(text_units("阿拉伯联合酋长国"), 16);
        assert_eq!(text_units("香港 SAR"), 8);
        assert_eq!(fit_label("阿拉伯联合酋长国", 16), "阿拉伯联合酋长国");
        let cut = fit_label("阿拉伯联合酋长国", 11);
        assert_eq!(cut, "阿拉伯联合…");
        assert!(text_units(&cut) <= 11);
    }

    #[test]
    fn long_labels_are_cut_to_the_column_not_the_column_widened() {
        let font = 12.0;
        let wide = Frame::new(1600.0, 400.0, 1.0).label_column(0.3, 80.0, 180.0, font);
        assert_eq!(wide.width, 180.0, "capped however long the labels");
        assert_eq!(wide.plot_left, 8.0 + 180.0 + 8.0);
        let long = "Congo, Democratic Republic of the Congo";
        let shown = fit_label(long, wide.max_chars);
        assert!(shown.ends_with('…') && text_units(&shown) <= wide.max_chars);
        assert!(
            wide.x + text_width(text_units(&shown), font) <= wide.x + wide.width,
            "the cut label fits the column: {shown}"
        );
        // A phone: the column keeps its minimum and still shows the start of each name.
        let phone = Frame::new(240.0, 400.0, 1.0).label_column(0.3, 80.0, 180.0, font);
        assert_eq!(phone.width, 80.0);
        assert!(phone.max_chars >= 4);
        // High DPI: the same column in CSS pixels, so the same characters fit.
        let hidpi = Frame::new(3200.0, 800.0, 2.0).label_column(0.3, 80.0, 180.0, 2.0 * font);
        assert_eq!(hidpi.width, 360.0);
        assert_eq!(hidpi.max_chars, wide.max_chars);
        // Tiny text in a sliver still keeps four characters.
        assert_eq!(chars_fitting(1.0, 12.0), 4);
    }

    #[test]
    fn a_canvas_smaller_than_its_margins_has_no_plot_or_a_minimum_one() {
        let f = Frame::new(40.0, 20.0, 1.0);
        let plot = f.inset(46.0, 10.0, 10.0, 22.0);
        assert!(plot.is_empty(), "{plot:?}");
        let grown = plot.at_least(10.0, 1.0);
        assert_eq!((grown.right, grown.bottom), (56.0, 11.0));
        assert!(!grown.is_empty());
        let labels = f.label_column(0.3, 80.0, 180.0, 12.0);
        assert_eq!(plot.with_left(labels.plot_left).left, 96.0);
    }

    #[test]
    fn text_widths_are_estimated_per_character() {
        assert_eq!(text_width(0, 12.0), 0.0);
        assert!((text_width(10, 12.0) - 67.2).abs() < 1e-9);
        assert_eq!(chars_fitting(67.2, 12.0), 10);
    }

    fn svg(width: u32, height: u32, draw: impl Fn(&Canvas<SVGBackend>)) -> String {
        let mut out = String::new();
        {
            let canvas =
                Canvas::open(SVGBackend::with_string(&mut out, (width, height)), 1.0).unwrap();
            draw(&canvas);
            canvas.finish().unwrap();
        }
        out
    }

    #[test]
    fn an_empty_chart_is_the_background_alone() {
        let out = svg(300, 100, |_| {});
        assert_eq!(out.matches("<rect").count(), 1, "{out}");
        assert!(out.contains("#FFFFFF"));
        assert!(!out.contains("<text") && !out.contains("<polyline"));
    }

    #[test]
    fn gridlines_rules_and_labels_use_the_shared_styles() {
        let out = svg(300, 100, |c| {
            c.grid((0, 10), (300, 10)).unwrap();
            c.rule((0, 90), (300, 90)).unwrap();
            c.x_tick("50", (150, 92), 11.0).unwrap();
            c.y_tick("1k", (40, 10), 11.0).unwrap();
            let column = c.frame.label_column(0.3, 80.0, 180.0, 12.0);
            c.row_label(&column, "Congo, Democratic Republic of the Congo", 50, 12.0)
                .unwrap();
        });
        assert!(out.contains("stroke=\"#DDE1E6\" stroke-width=\"1\" points=\"0,10 300,10 \""));
        assert!(out.contains("stroke=\"#57606A\" stroke-width=\"1\" points=\"0,90 300,90 \""));
        assert!(out.contains("x=\"150\" y=\"92\" dy=\"0.76em\" text-anchor=\"middle\""));
        assert!(out.contains("x=\"40\" y=\"10\" dy=\"0.5ex\" text-anchor=\"end\""));
        assert!(out.contains("x=\"8\" y=\"50\" dy=\"0.5ex\" text-anchor=\"start\""));
        assert!(out.contains("\nCongo, Demo…\n"), "{out}");
    }
}
