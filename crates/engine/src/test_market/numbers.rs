//! Cells as text and numbers, read as the standard library reads them, only faster.

/// The cell without the whitespace `str::trim` removes (Unicode's, not only ASCII's).
pub(super) fn trim(cell: &[u8]) -> &[u8] {
    // char::is_whitespace's ASCII: tab, line feed, vertical tab, form feed, return, space.
    let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let start = cell.iter().position(|b| !space(b)).unwrap_or(cell.len());
    let end = cell
        .iter()
        .rposition(|b| !space(b))
        .map_or(start, |i| i + 1);
    let cell = &cell[start..end];
    match (cell.first(), cell.last()) {
        (Some(&first), Some(&last)) if first >= 0x80 || last >= 0x80 => {
            std::str::from_utf8(cell).map_or(cell, |text| text.trim().as_bytes())
        }
        _ => cell,
    }
}

/// A cell as text: the file was checked to be UTF-8 before its rows were read.
pub(super) fn text(cell: &[u8]) -> &str {
    std::str::from_utf8(cell).unwrap_or_default()
}

/// `text` as `f64::from_str` reads it (None where it refuses). A plain decimal of at most 15
/// digits is an integer over a power of ten, both exact in an f64, and IEEE division rounds
/// their quotient correctly, as `from_str` rounds: the same value, without the general parser.
/// Anything else (exponents, `inf`, long numbers) goes to `from_str`.
pub(super) fn parse_number(text: &[u8]) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let general = || std::str::from_utf8(text).ok()?.parse::<f64>().ok();
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    let (mut mantissa, mut count, mut point) = (0u64, 0usize, None);
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' if count < 15 => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                count += 1;
            }
            b'.' if point.is_none() => point = Some(i),
            _ => return general(),
        }
    }
    if count == 0 {
        return general();
    }
    let decimals = point.map_or(0, |i| digits.len() - i - 1);
    let value = mantissa as f64 / POWERS[decimals];
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_number(text: &str) -> Result<(), TestCaseError> {
        let fast = parse_number(text.as_bytes()).map(f64::to_bits);
        let std = text.parse::<f64>().ok().map(f64::to_bits);
        prop_assert_eq!(fast, std, "{:?}", text);
        Ok(())
    }

    #[test]
    fn numbers_read_as_from_str_reads_them() {
        for text in [
            "0",
            "-0",
            "+0",
            "5.",
            ".5",
            "+.5",
            "-.5",
            ".",
            "-",
            "+",
            "",
            "1.2.3",
            "--1",
            "+-1",
            "1e3",
            "1E-2",
            "inf",
            "-inf",
            "NaN",
            "infinity",
            "1_000",
            "0x10",
            " 1",
            "1 ",
            "999999999999999",
            "9999999999999999",
            "9007199254740993",
            "0.1",
            "0.3",
            "0.30000000000000004",
            "123456789012345.6",
            "12345678901234.56",
            "1.000000000000001",
            "000000000000000000001",
            "0.000000000000001",
            "0.0000000000000001",
            "4.35",
            "2.675",
            "1.005",
            "7.325",
            "٣",
            "１",
        ] {
            same_number(text).unwrap();
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_000))]

        #[test]
        fn decimals_read_as_from_str_reads_them(text in r"[+-]?[0-9]{0,18}(\.[0-9]{0,18})?") {
            same_number(&text)?;
        }

        #[test]
        fn any_short_text_reads_as_from_str_reads_it(text in r"[0-9.+eE_a-z -]{0,24}") {
            same_number(&text)?;
        }
        #[test]
        fn cells_are_trimmed_as_str_trim_does(text in r"[ \t\n\x0b\x0c\r\u{a0}\u{3000}\u{85}\u{2028}ax7é]{0,8}") {
            prop_assert_eq!(trim(text.as_bytes()), text.trim().as_bytes());
        }
    }
}
