//! The tracker's time charts, built from a market's track.

use beachhead_charts::palette;
use beachhead_charts::time_chart::{Series, TimeChart};
use beachhead_engine::tracker::{Track, Week, CHANNELS, VENDOR_LABELS};
use plotters::style::RGBColor;

use crate::i18n::{data_text, t};

fn series(label: &str, values: Vec<Option<f64>>, color: RGBColor) -> Series {
    Series {
        label: label.to_owned(),
        values,
        color,
    }
}

fn dates(track: &Track) -> Vec<String> {
    track.weeks.iter().map(|w| w.date.clone()).collect()
}

pub fn sell_through_chart(track: &Track) -> TimeChart {
    TimeChart {
        periods: dates(track),
        bars: CHANNELS
            .iter()
            .enumerate()
            .map(|(c, label)| {
                series(
                    data_text(label),
                    track
                        .weeks
                        .iter()
                        .map(|w| Some(w.units_by_channel[c]))
                        .collect(),
                    palette::series(c),
                )
            })
            .collect(),
        lines: vec![series(
            t("Plan"),
            track.weeks.iter().map(|w| Some(w.plan_units)).collect(),
            palette::TEXT,
        )],
        ..TimeChart::default()
    }
}

pub(super) fn cover_chart(track: &Track) -> TimeChart {
    TimeChart {
        periods: dates(track),
        lines: vec![series(
            t("Weeks of cover"),
            track.weeks.iter().map(|w| w.weeks_of_cover).collect(),
            palette::series(0),
        )],
        shaded: track.weeks.iter().map(|w| w.stockout_days > 0.0).collect(),
        unit: t(" wk").into(),
        ..TimeChart::default()
    }
}

pub(super) fn share_chart(track: &Track) -> TimeChart {
    TimeChart {
        periods: track.shares.iter().map(|m| m.month.clone()).collect(),
        lines: VENDOR_LABELS
            .iter()
            .enumerate()
            .map(|(v, label)| {
                series(
                    data_text(label),
                    track.shares.iter().map(|m| Some(m.shares_pct[v])).collect(),
                    palette::series(v),
                )
            })
            .collect(),
        unit: "%".into(),
        ..TimeChart::default()
    }
}

pub(super) fn weekly_line(
    track: &Track,
    label: &str,
    unit: &str,
    y_max: Option<f64>,
    value: fn(&Week) -> f64,
    color: usize,
) -> TimeChart {
    TimeChart {
        periods: dates(track),
        lines: vec![series(
            label,
            track.weeks.iter().map(|w| Some(value(w))).collect(),
            palette::series(color),
        )],
        unit: unit.into(),
        y_max,
        ..TimeChart::default()
    }
}

pub(super) fn signals_chart(track: &Track) -> TimeChart {
    TimeChart {
        periods: dates(track),
        lines: vec![
            series(
                t("Forum posts"),
                track.weeks.iter().map(|w| Some(w.forum_posts)).collect(),
                palette::series(0),
            ),
            series(
                t("Reseller listings"),
                track
                    .weeks
                    .iter()
                    .map(|w| Some(w.reseller_listings))
                    .collect(),
                palette::series(5),
            ),
        ],
        ..TimeChart::default()
    }
}
