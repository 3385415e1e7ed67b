//! The indicator catalogue: every indicator's source, licence, years and coverage.

use std::sync::Arc;

use beachhead_engine::Dataset;
use leptos::prelude::*;

use crate::components::data_table::{CsvButton, TableData};
use crate::i18n::{data_text, t, tf};
use crate::state::data_catalogue::{indicator_rows, status_text};

/// The "Indicators, sources and licences" card.
#[component]
pub(super) fn CatalogueCard(dataset: RwSignal<Arc<Dataset>>) -> impl IntoView {
    let indicators = Memo::new(move |_| dataset.with(|d| indicator_rows(d)));

    view! {
    <section class="card" aria-labelledby="catalogue-title">
        <h2 id="catalogue-title">{move || t("Indicators, sources and licences")}</h2>
        <p class="subtitle">
            {move || t("Illustrative indicators are generated (seeded) to make the company-specific views concrete; they are not measurements, and they enter the ranking only when you switch on the illustrative layers or load your own values for them. Approximate values come from a cited source but are estimated: replace them with your own.")}
        </p>
        <p class="table-actions"><CsvButton label="indicator catalogue" data=Signal::derive(move || TableData {
            headers: ["Id", "Indicator", "Pillar", "Unit", "Direction", "Status", "Years", "Coverage", "Source", "Licence"].map(String::from).to_vec(),
            numeric: Vec::new(),
            rows: indicators.get().into_iter().map(|r| vec![
                r.id, r.label, r.pillar, r.unit, r.direction.to_owned(), r.status.label().to_owned(), r.years, r.coverage, r.source, r.licence,
            ]).collect(),
        }) testid="indicator-catalogue"/></p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Indicator catalogue")>
            <table class="data-table" data-testid="indicator-catalogue">
                <thead>
                    <tr>
                        <th scope="col">{move || t("Indicator")}</th>
                        <th scope="col">{move || t("Pillar")}</th>
                        <th scope="col">{move || t("Unit")}</th>
                        <th scope="col">{move || t("Status")}</th>
                        <th scope="col">{move || t("Years")}</th>
                        <th scope="col" class="num">{move || t("Coverage")}</th>
                        <th scope="col">{move || t("Source")}</th>
                        <th scope="col">{move || t("Licence")}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || indicators.get() key=|r| (r.id.clone(), r.coverage.clone(), r.source.clone(), r.direction) let:r>
                        <tr>
                            <th scope="row" title=format!("{} ({})", r.id, r.direction)>{
                                let label = r.label.clone();
                                move || data_text(&label).to_owned()
                            }</th>
                            <td>{
                                let pillar = r.pillar.clone();
                                move || data_text(&pillar).to_owned()
                            }</td>
                            <td>{
                                let unit = r.unit.clone();
                                move || data_text(&unit).to_owned()
                            }</td>
                            <td><span class=format!("badge {}", r.status.label())>{move || status_text(r.status)}</span></td>
                            <td>{r.years}</td>
                            <td class="num">
                                <span class="meter" aria-hidden="true"><span style:width=format!("{:.0}%", r.coverage_pct)></span></span>
                                {r.coverage}
                            </td>
                            <td class="wrap">{r.source}{(r.other_sources > 0).then(|| {
                                let n = r.other_sources;
                                view! { " "<span class="badge other-source">{move || tf("{} values from other sources", &[&n])}</span> }
                            })}</td>
                            <td>{r.licence}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
        <p class="source-line">
            {move || t("Attribution (CC BY 4.0): World Bank, World Development Indicators and Logistics Performance Index; ITU via World Bank, published by Our World in Data; StatCounter Global Stats via caniuse.com (mobile platform shares). Source: International Monetary Fund, World Economic Outlook (October 2025). CIA World Factbook (public domain). UN World Population Prospects 2024 (CC BY 3.0 IGO). WTO Information Technology Agreement participants; Government of India, Union Budget 2024-25. Country codes, names and UN regions: datasets/country-codes (ODC-PDDL-1.0). Currencies and official languages: countries-list (MIT). VAT/GST rates: sales-tax (MIT).")}
        </p>
    </section>
    }
}
