//! How numbers read on screen.

use crate::i18n::Lang;

/// A value in its unit, compact enough for a table cell: "1.45 bn", "38.6 M", "50,649", "61.8".
pub fn value(value: f64, unit: &str) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let magnitude = value.abs();
    if unit == "people" {
        if crate::i18n::current() == Lang::Zh {
            return people_zh(value);
        }
        return if magnitude >= 1e9 {
            format!("{:.2} bn", value / 1e9)
        } else if magnitude >= 1e6 {
            format!("{:.1} M", value / 1e6)
        } else if magnitude >= 1e3 {
            format!("{:.0} k", value / 1e3)
        } else {
            format!("{value:.0}")
        };
    }
    if magnitude >= 1000.0 {
        thousands(value.round() as i64)
    } else if magnitude >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

/// A head count as Chinese reads it, in 亿 (10⁸) and 万 (10⁴): "14.51 亿", "3,860 万", "10.8 万".
fn people_zh(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 1e8 {
        format!("{:.2} 亿", value / 1e8)
    } else if magnitude >= 1e6 {
        format!("{} 万", thousands((value / 1e4).round() as i64))
    } else if magnitude >= 1e4 {
        format!("{:.1} 万", value / 1e4)
    } else {
        format!("{value:.0}")
    }
}

fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_read_in_their_unit() {
        // (value, unit, shown)
        for (v, unit, shown) in [
            (1_450_935_791.0, "people", "1.45 bn"),
            (38_600_000.0, "people", "38.6 M"),
            (107_995.0, "people", "108 k"),
            (50_649.301_5, "current international $", "50,649"),
            (1_234_567.0, "x", "1,234,567"),
            (-2_500.0, "x", "-2,500"),
            (61.7909, "% of population", "61.8"),
            (3.1505, "score 1-5", "3.15"),
            (f64::NAN, "x", "–"),
        ] {
            assert_eq!(super::value(v, unit), shown, "{v} {unit}");
        }
    }

    #[test]
    fn head_counts_read_in_wan_and_yi_in_chinese() {
        for (v, shown) in [
            (1_450_935_791.0, "14.51 亿"),
            (38_600_000.0, "3,860 万"),
            (107_995.0, "10.8 万"),
            (5_321.0, "5321"),
        ] {
            assert_eq!(super::people_zh(v), shown, "{v}");
        }
    }
}

/// "Kenya's", "United States'"; in Chinese the bare name, for the template to add 的 or not.
pub fn possessive(name: &str) -> String {
    if crate::i18n::current() == Lang::Zh {
        name.to_owned()
    } else if name.ends_with('s') {
        format!("{name}’")
    } else {
        format!("{name}’s")
    }
}

#[cfg(test)]
mod possessive_tests {
    #[test]
    fn possessives_of_names_with_and_without_a_final_s() {
        assert_eq!(super::possessive("Kenya"), "Kenya’s");
        assert_eq!(super::possessive("United States"), "United States’");
    }
}

/// A number as a person would type it: no trailing zeros ("249", "0.5", "12.25").
pub fn trim_number(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-" {
        "0".into()
    } else {
        text.to_owned()
    }
}
