//! The memo's two charts, each with its data table: the readiness profile and the price
//! waterfall.

use beachhead_charts::margin_charts::{draw_waterfall, WaterfallStep};
use beachhead_charts::palette::css_hex;
use beachhead_charts::profile_chart::{draw_profile, series_color, ProfileRow};
use beachhead_engine::economics::MarketEconomics;
use leptos::prelude::*;

use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::components::margin_view::waterfall_amount;
use crate::i18n::{data_text, t, tf};
use crate::state::market_detail::MarketDetail;

/// The readiness profile and the unit economics side by side.
#[component]
pub(super) fn MemoCharts(
    detail: Memo<Option<MarketDetail>>,
    economics: Memo<Option<MarketEconomics>>,
    name: Memo<String>,
) -> impl IntoView {
    let profile = Memo::new(move |_| {
        detail.with(|d| {
            d.as_ref().map_or_else(Vec::new, |d| {
                d.pillars
                    .iter()
                    .map(|p| ProfileRow {
                        label: data_text(&p.label).to_owned(),
                        values: vec![p.market, p.region_median, p.top_median],
                    })
                    .collect()
            })
        })
    });
    let steps = Memo::new(move |_| {
        economics.with(|e| {
            e.as_ref().map_or_else(Vec::new, |e| {
                e.blended
                    .waterfall()
                    .into_iter()
                    .map(|s| WaterfallStep {
                        label: data_text(s.label).to_owned(),
                        usd: s.usd,
                        total: s.total,
                    })
                    .collect()
            })
        })
    });
    // The charts' values as drawn, for their data tables.
    let profile_table = Memo::new(move |_| {
        profile.with(|rows| {
            TableData::new(
                &[
                    t("Pillar"),
                    t("This market"),
                    t("Region median"),
                    t("Top-10 median"),
                ],
                rows.iter()
                    .map(|r| {
                        let mut cells = vec![r.label.clone()];
                        cells.extend(r.values.iter().map(|v| {
                            v.map_or_else(|| t("no data").to_owned(), |v| format!("{v:.0}"))
                        }));
                        cells
                    })
                    .collect(),
            )
        })
    });
    let waterfall_table = Memo::new(move |_| {
        steps.with(|steps| {
            TableData::new(
                &[t("Step"), t("US$ per unit")],
                steps
                    .iter()
                    .map(|s| vec![s.label.clone(), waterfall_amount(s)])
                    .collect(),
            )
        })
    });

    view! {
    // Each chart with its data table in a `.card`, kept flat (no padding or border) so
    // the page still prints on one sheet; the tables stay off paper.
    <div class="memo-grid">
        <section class="card memo-chart" style:padding="0" style:border="0">
            <h3>{move || t("Readiness profile")}</h3>
            <ul class="legend small">
                {[
                    (|| t("This market")) as fn() -> &'static str,
                    || t("Region median"),
                    || t("Top-10 median"),
                ].into_iter().enumerate().map(|(i, l)| view! {
                    <li><span class="swatch" style:background=css_hex(series_color(i))></span>{move || l()}</li>
                }).collect_view()}
            </ul>
            <CanvasChart draw=move |backend, ratio| profile.with(|rows| draw_profile(backend, rows, ratio, &t)) summary=Signal::derive(move || tf("Pillar scores of {}", &[&name.get()])) testid="memo-profile" class="memo-canvas"/>
            <div class="no-print">
                <DataTable label="readiness profile" data=profile_table testid="memo-profile-table"/>
            </div>
        </section>
        <section class="card memo-chart" style:padding="0" style:border="0">
            <h3>{move || t("Unit economics (blended, US$)")}</h3>
            {move || economics.with(|e| e.is_none()).then(|| view! { <p class="notice">{move || t("No economics: the market lacks duty, VAT or an exchange rate.")}</p> })}
            <CanvasChart draw=move |backend, ratio| steps.with(|s| draw_waterfall(backend, s, ratio, &t)) summary=Signal::derive(move || tf("Price waterfall for {}", &[&name.get()])) testid="memo-waterfall" class="memo-canvas"/>
            <div class="no-print">
                <DataTable label="price waterfall" data=waterfall_table testid="memo-waterfall-table"/>
            </div>
        </section>
    </div>
    }
}
