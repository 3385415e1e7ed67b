//! How the Margins cards write money and months.

use beachhead_engine::economics::{PaybackReading, PAYBACK_HORIZON_MONTHS};

use crate::format;
use crate::i18n::{t, tf};

pub(super) fn payback_text(months: Option<f64>) -> String {
    match PaybackReading::of(months) {
        PaybackReading::Never => t("never").into(),
        PaybackReading::BeyondHorizon => tf("over {}", &[&format!("{PAYBACK_HORIZON_MONTHS:.0}")]),
        PaybackReading::Within(m) => format!("{m:.1}"),
    }
}

pub(super) fn money(usd: f64) -> String {
    format!("US$ {usd:.2}")
}

/// Whole US dollars for a table cell: "-2,500", "0", "350".
pub(super) fn whole_usd(usd: f64) -> String {
    // Adding zero turns a rounded −0 into 0.
    let usd = usd.round() + 0.0;
    if usd.abs() >= 1000.0 {
        format::value(usd, "")
    } else {
        format!("{usd:.0}")
    }
}

/// Two decimals, or a dash for a value the chart leaves out.
pub(super) fn cents(value: f64) -> String {
    if value.is_finite() {
        format!("{value:.2}")
    } else {
        "–".into()
    }
}

/// Units to break even, rounded up: "never" when a unit loses money.
pub(super) fn break_even_text(units: Option<f64>) -> String {
    units.map_or_else(
        || t("never").to_owned(),
        |u| tf("{} units", &[&format!("{:.0}", u.ceil())]),
    )
}
