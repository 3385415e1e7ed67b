//! How far the ranking can be trusted: what share of its weight rests on measured, approximate
//! and illustrative data, with the switch that lets the generated layers in; and every value
//! that comes from another source than its indicator's usual one.

use std::sync::Arc;

use beachhead_engine::Dataset;
use leptos::prelude::*;

use crate::components::data_table::{CsvButton, TableData};
use crate::components::illustrative_layers::{
    IllustrativeSwitch, WeightStatusLine, WeightStatusTable,
};
use crate::i18n::{data_text, market_name, t, tf};
use crate::state::data_catalogue::own_source_rows;
use crate::state::explorer::Explorer;

/// The "What the ranking rests on" card.
#[component]
pub(super) fn WeightStatusCard(explorer: Explorer) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="weight-status-title" data-testid="weight-status-card">
            <h2 id="weight-status-title">{move || t("What the ranking rests on")}</h2>
            <p class="subtitle">{move || t("The share of the current weight, per pillar, that rests on measured data, on approximate values (cited, but estimated) and on illustrative numbers (generated for demonstration). The weights are the ones set on the Ranking.")}</p>
            <WeightStatusLine explorer=explorer testid="data-weight-status"/>
            <IllustrativeSwitch explorer=explorer testid="data-illustrative-switch"/>
            <WeightStatusTable explorer=explorer/>
        </section>
    }
}

/// The "Values from other sources" card.
#[component]
pub(super) fn OwnSourcesCard(dataset: RwSignal<Arc<Dataset>>) -> impl IntoView {
    let rows = Memo::new(move |_| dataset.with(|d| own_source_rows(d)));
    view! {
        <section class="card" aria-labelledby="own-sources-title">
            <h2 id="own-sources-title">{move || t("Values from other sources")}</h2>
            <p class="subtitle">{move || tf(
                "{} values come from another source than their indicator's usual one: where the World Bank publishes nothing (Taiwan, territories, empty cells) and where a country's own rate replaces a default. Each keeps its own source, year and licence. What no real source fills stays a gap (see Coverage).",
                &[&rows.with(Vec::len)],
            )}</p>
            <p class="table-actions"><CsvButton label="values from other sources" data=Signal::derive(move || TableData {
                headers: ["Market", "ISO3", "Indicator", "Value", "Year", "Source", "Licence", "Note"].map(String::from).to_vec(),
                numeric: Vec::new(),
                rows: rows.get().into_iter().map(|r| vec![
                    r.market, r.iso3, r.indicator, r.value, r.year, r.source, r.licence, r.note,
                ]).collect(),
            }) testid="own-sources-table"/></p>
            <div class="table-scroll tall" tabindex="0" role="region" aria-label=move || t("Values from other sources")>
                <table class="data-table" data-testid="own-sources-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t("Market")}</th>
                            <th scope="col">{move || t("Indicator")}</th>
                            <th scope="col" class="num">{move || t("Value")}</th>
                            <th scope="col">{move || t("Year")}</th>
                            <th scope="col">{move || t("Source")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows.get().into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{market_name(&r.iso3, &r.market).to_owned()}</th>
                                <td>{data_text(&r.indicator).to_owned()}</td>
                                <td class="num">{r.value}</td>
                                <td>{r.year}</td>
                                <td class="wrap" title=r.licence.clone()>{r.source}{(!r.note.is_empty()).then(|| format!(": {}", r.note))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
