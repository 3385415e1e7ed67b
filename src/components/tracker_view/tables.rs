//! The data tables behind the tracker's charts.

use beachhead_engine::tracker::{Track, CHANNELS, VENDOR_LABELS};

use crate::components::data_table::TableData;
use crate::format;
use crate::i18n::{data_text, t};

fn n(v: f64) -> String {
    format::value(v, "")
}

/// The weekly sales behind the sell-through chart (the memo shows it too).
pub fn weekly_table(track: &Track) -> TableData {
    let mut headers = vec![t("Week"), t("Plan")];
    headers.extend(CHANNELS.map(data_text));
    headers.extend([t("Units"), t("Cumulative % of plan")]);
    TableData::new(
        &headers,
        track
            .weeks
            .iter()
            .map(|w| {
                let mut row = vec![w.date.clone(), n(w.plan_units)];
                row.extend(w.units_by_channel.iter().map(|u| n(*u)));
                row.push(n(w.units));
                row.push(
                    w.cumulative_pct_of_plan()
                        .map_or_else(|| "—".to_owned(), |pct| format!("{pct:.1}")),
                );
                row
            })
            .collect(),
    )
}

pub(super) fn flash_table(track: &Track) -> TableData {
    TableData::new(
        &[
            t("Date"),
            t("Offered"),
            t("Sold"),
            t("Seconds to sell out"),
            t("Registrations"),
        ],
        track
            .flash_sales
            .iter()
            .map(|f| {
                vec![
                    f.date.clone(),
                    n(f.offered),
                    n(f.sold),
                    f.seconds_to_sell_out
                        .map_or_else(|| t("did not sell out").into(), |s| format!("{s:.0}")),
                    n(f.registrations),
                ]
            })
            .collect(),
    )
}

pub(super) fn inventory_table(track: &Track) -> TableData {
    TableData::new(
        &[
            t("Week"),
            t("On hand"),
            t("In transit"),
            t("Weeks of cover"),
            t("Stock-out days"),
        ],
        track
            .weeks
            .iter()
            .map(|w| {
                vec![
                    w.date.clone(),
                    n(w.on_hand),
                    n(w.in_transit),
                    w.weeks_of_cover
                        .map_or_else(|| "–".into(), |c| format!("{c:.1}")),
                    format!("{:.0}", w.stockout_days),
                ]
            })
            .collect(),
    )
}

pub(super) fn share_table(track: &Track) -> TableData {
    let mut headers = vec![t("Month")];
    headers.extend(VENDOR_LABELS.map(data_text));
    TableData::new(
        &headers,
        track
            .shares
            .iter()
            .map(|m| {
                let mut row = vec![m.month.clone()];
                row.extend(m.shares_pct.iter().map(|s| format!("{s:.1}")));
                row
            })
            .collect(),
    )
}

pub(super) fn signals_table(track: &Track) -> TableData {
    TableData::new(
        &[t("Week"), t("Forum posts"), t("Reseller listings")],
        track
            .weeks
            .iter()
            .map(|w| vec![w.date.clone(), n(w.forum_posts), n(w.reseller_listings)])
            .collect(),
    )
}

pub(super) fn service_table(track: &Track) -> TableData {
    TableData::new(
        &[
            t("Week"),
            t("Service tickets"),
            t("Repair turnaround (days)"),
            t("Return rate %"),
            t("Rating (of 5)"),
        ],
        track
            .weeks
            .iter()
            .map(|w| {
                vec![
                    w.date.clone(),
                    n(w.service_tickets),
                    format!("{:.1}", w.repair_turnaround_days),
                    format!("{:.2}", w.return_rate_pct),
                    format!("{:.2}", w.rating),
                ]
            })
            .collect(),
    )
}
