//! The tracker's controls: the test market shown, loading one's own files or going back to
//! the illustrative ones, and where the data comes from.

use beachhead_engine::MarketIndex;
use std::sync::Arc;

use beachhead_engine::tracker::Track;
use leptos::prelude::*;

use super::loading::load_chosen_files;
use crate::i18n::{self, t, tf};
use crate::state::explorer::Explorer;
use crate::state::test_markets::TestMarketState;

/// A market's name in the interface's language; empty for one the dataset lacks.
pub(super) fn shown_market_name(explorer: Explorer, market: MarketIndex) -> String {
    explorer.dataset.with(|d| {
        d.market(market)
            .map(|m| i18n::market_name(&m.iso3, &m.name).to_owned())
            .unwrap_or_default()
    })
}

#[component]
pub(super) fn TrackerControls(
    explorer: Explorer,
    tests: TestMarketState,
    track: Memo<Option<Arc<Track>>>,
) -> impl IntoView {
    let source = move || {
        match tests.own_files.get() {
        Some(names) => tf("Your files: {}.", &[&names.join(", ")]),
        None => t("Illustrative data: seeded by scripts/build_test_markets.py to show the method, modelled on Xiaomi's 2013-2014 Hong Kong and Taiwan launches; not real sales.").into(),
    }
    };
    view! {
        <div class="tracker-controls">
            <label class="picker">
                {move || t("Test market")}" "
                <select data-testid="tracker-market" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    tests.chosen.set(value.parse().ok().map(MarketIndex));
                }>
                    // Built again when the tracks change, not when another market is shown:
                    // a file of 250 markets made every change of market rebuild 250 options.
                    {move || tests.tracks.with(|tracks| tracks.iter().map(|t| {
                        let m = t.market;
                        let selected = move || track.with(|t| t.as_ref().map(|t| t.market)) == Some(m);
                        view! { <option value=m.to_string() prop:selected=selected>{shown_market_name(explorer, m)}</option> }
                    }).collect_view())}
                </select>
            </label>
            <label class="button secondary">
                {move || t("Load your test-market files…")}
                <input type="file" accept=".csv,.tsv,.txt,text/csv" multiple class="visually-hidden" data-testid="tracker-file" on:change=move |ev| load_chosen_files(explorer, tests, ev)/>
            </label>
            <Show when=move || tests.own_files.with(Option::is_some)>
                <button type="button" class="button secondary" data-testid="tracker-bundled" on:click=move |_| {
                    tests.use_bundled();
                    tests.chosen.set(None);
                }>{move || t("Back to the illustrative data")}</button>
            </Show>
        </div>
        <p class="source-line">
            <Show when=move || tests.own_files.with(Option::is_none)><span class="badge illustrative">{move || t("illustrative")}</span>" "</Show>
            {source}
            " "{move || t("Format: docs/test-market-format.md (weekly, flash-sale and competitor-share CSV files).")}
        </p>
    }
}
