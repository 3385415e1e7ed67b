//! A test market's headline numbers.

use beachhead_engine::tracker::{Kpis, COVER_WEEKS, RECENT_WEEKS};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{t, tf};

/// The headline numbers of one test market, as (test id, value, label).
pub fn kpi_tiles(k: &Kpis) -> Vec<(&'static str, String, String)> {
    let quarter = tf("last {} weeks", &[&k.recent_weeks]);
    let mut tiles = vec![
        (
            "kpi-sell-through",
            format!("{:.0}%", k.sell_through_pct),
            tf("of plan sold, {}", &[&quarter]),
        ),
        (
            "kpi-units",
            format::value(k.units_total, ""),
            t("units sold in the test").to_owned(),
        ),
        (
            "kpi-stockouts",
            format!("{:.0}", k.stockout_days_recent),
            tf("stock-out days, {}", &[&quarter]),
        ),
        (
            "kpi-returns",
            format!("{:.1}%", k.return_rate_pct),
            t("return rate").to_owned(),
        ),
        (
            "kpi-repair",
            tf("{} d", &[&format!("{:.1}", k.repair_turnaround_days)]),
            t("repair turnaround").to_owned(),
        ),
        (
            "kpi-rating",
            format!("{:.2}", k.rating),
            t("user rating of 5").to_owned(),
        ),
    ];
    if let Some(share) = k.our_share_pct {
        let change = k
            .our_share_change_pp
            .map(|c| tf(", {} pts in a year", &[&format!("{c:+.1}")]))
            .unwrap_or_default();
        tiles.push((
            "kpi-share",
            format!("{share:.1}%"),
            tf("our share{}", &[&change]),
        ));
    }
    if let Some(sellout) = k.flash_sellout_pct {
        let median = k
            .flash_median_seconds
            .map(|s| tf(", median {} s", &[&format!("{s:.0}")]))
            .unwrap_or_default();
        tiles.push((
            "kpi-flash",
            format!("{sellout:.0}%"),
            tf("flash-sale units sold{}", &[&median]),
        ));
    }
    tiles
}

#[component]
pub(super) fn TrackerKpis(kpis: Memo<Option<Kpis>>) -> impl IntoView {
    move || {
        kpis.get().map(|k| view! {
        <div class="kpis" data-testid="tracker-kpis">
            {kpi_tiles(&k).into_iter().map(|(id, value, label)| view! {
                <div class="kpi"><span class="kpi-value" data-testid=id>{value}</span><span class="kpi-label">{label}</span></div>
            }).collect_view()}
        </div>
        <p class="hint">{tf("Latest week {}. Rates are weighted by units sold (returns) and tickets (repairs); weeks of cover divide stock by the last {} weeks' average sales; the KPIs cover the last {} weeks.", &[&k.latest_week, &COVER_WEEKS, &RECENT_WEEKS])}</p>
    })
    }
}
