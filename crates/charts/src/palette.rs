//! Colours shared by charts and the page around them (legends are HTML and must match).

use plotters::style::RGBColor;

/// Okabe-Ito: distinguishable with the common colour-vision deficiencies. Yellow is left out:
/// it fails contrast against the white background.
pub const SERIES: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x66, 0x66, 0x66),
];

pub const TEXT: RGBColor = RGBColor(0x1f, 0x23, 0x28);
pub const MUTED_TEXT: RGBColor = RGBColor(0x57, 0x60, 0x6a);
pub const GRID: RGBColor = RGBColor(0xdd, 0xe1, 0xe6);
pub const BACKGROUND: RGBColor = RGBColor(0xff, 0xff, 0xff);

/// The colour of series `i`, cycling when there are more series than colours.
pub fn series(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

/// `#rrggbb`, for CSS.
pub fn css_hex(color: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}

/// WCAG 2 contrast ratio between two colours (1 to 21).
pub fn contrast_ratio(a: RGBColor, b: RGBColor) -> f64 {
    fn luminance(c: RGBColor) -> f64 {
        let channel = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.040_45 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contrast_formula_matches_known_pairs() {
        assert!((contrast_ratio(RGBColor(0, 0, 0), RGBColor(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(BACKGROUND, BACKGROUND) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1, just over AA.
        let grey = contrast_ratio(RGBColor(0x76, 0x76, 0x76), BACKGROUND);
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
    }

    /// Text drawn inside the charts (the canvas, which page audits cannot read) meets WCAG AA.
    #[test]
    fn chart_text_meets_wcag_aa_on_the_chart_background() {
        for (name, colour) in [("TEXT", TEXT), ("MUTED_TEXT", MUTED_TEXT)] {
            let ratio = contrast_ratio(colour, BACKGROUND);
            assert!(ratio >= 4.5, "{name} is {ratio:.2}:1");
        }
    }
}
