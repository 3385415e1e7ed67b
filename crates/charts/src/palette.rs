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
