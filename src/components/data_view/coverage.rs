//! Coverage: which markets lack what, least covered first.

use std::sync::Arc;

use beachhead_engine::Dataset;
use leptos::prelude::*;

use super::COVERAGE_PREVIEW;
use crate::components::data_table::{CsvButton, TableData};
use crate::i18n::{market_name, t, tf};
use crate::state::data_catalogue::{count_of, coverage_rows};

/// The "Coverage: which markets lack what" card.
#[component]
pub(super) fn CoverageCard(
    dataset: RwSignal<Arc<Dataset>>,
    show_all: RwSignal<bool>,
) -> impl IntoView {
    let coverage = Memo::new(move |_| dataset.with(|d| coverage_rows(d)));
    let shown_coverage = Memo::new(move |_| {
        coverage.with(|rows| {
            let n = if show_all.get() {
                rows.len()
            } else {
                COVERAGE_PREVIEW
            };
            rows.iter().take(n).cloned().collect::<Vec<_>>()
        })
    });
    let market_count = move || dataset.with(|d| d.markets().len());
    let more_to_show =
        move || !show_all.get() && coverage.with(|rows| rows.len() > COVERAGE_PREVIEW);

    view! {
    <section class="card" aria-labelledby="coverage-title">
        <h2 id="coverage-title">{move || t("Coverage: which markets lack what")}</h2>
        <p class="subtitle">
            {move || tf(
                "{} of {} markets lack at least one indicator. A missing value stays missing: the score re-weights over what a market has, and ranks it only when its data carries enough of the weight.",
                &[&coverage.with(Vec::len), &market_count()],
            )}
        </p>
        <p class="table-actions"><CsvButton label="coverage by market" data=Signal::derive(move || TableData {
            headers: ["Market", "ISO3", "Region", "Indicators with data", "Indicators", "Gaps"].map(String::from).to_vec(),
            numeric: Vec::new(),
            rows: coverage.get().into_iter().map(|r| vec![
                r.name, r.iso3, r.region, r.have.to_string(), r.total.to_string(), r.gaps,
            ]).collect(),
        }) testid="coverage-table"/></p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Coverage by market")>
            <table class="data-table" data-testid="coverage-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t("Market")}</th>
                        <th scope="col">{move || t("Region")}</th>
                        <th scope="col" class="num">{move || t("Indicators")}</th>
                        <th scope="col">{move || t("Gaps")}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || shown_coverage.get() key=|r| (r.iso3.clone(), r.have, r.gaps.clone()) let:r>
                        <tr>
                            <th scope="row">{market_name(&r.iso3, &r.name).to_owned()}</th>
                            <td>{r.region}</td>
                            <td class="num">{move || count_of(r.have, r.total)}</td>
                            <td class="wrap">{r.gaps}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
        <Show when=more_to_show>
            <button type="button" class="link-button" on:click=move |_| show_all.set(true)>
                {move || tf("Show all {}", &[&coverage.with(Vec::len)])}
            </button>
        </Show>
    </section>
    }
}
