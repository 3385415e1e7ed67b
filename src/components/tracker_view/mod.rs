//! The test-market tracker: for one test market, sell-through against plan by channel, flash
//! sales, inventory cover and stock-outs, competitor shares, and service and feedback, each
//! chart with its data table; and loading one's own test-market files.
//!
//! A file per part: `controls` (market picker, files, source), `loading` (reading one's own
//! files, progress and report), `kpis`, `cards` (the chart cards), with the charts and tables
//! they draw from a track in `charts` and `tables`.

mod cards;
mod charts;
mod controls;
mod kpis;
mod loading;
mod tables;

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::{t, tf};
use crate::state::explorer::Explorer;
use crate::state::test_markets::TestMarketState;
use cards::{chart_specs, ChartCard, FlashSalesCard, ServiceCard};
pub use charts::sell_through_chart;
use controls::{shown_market_name, TrackerControls};
pub use kpis::kpi_tiles;
use kpis::TrackerKpis;
use loading::LoadReport;
pub use tables::weekly_table;

/// Weeks the charts show until asked for all: three years.
const CHART_WEEKS: usize = 156;

/// Says how many weeks the charts show, with the button that shows all or fewer.
#[component]
fn SpanToggle(all_weeks: RwSignal<bool>, total_weeks: Memo<usize>) -> impl IntoView {
    view! {
        <Show when=move || { total_weeks.get() > CHART_WEEKS }>
            <p class="hint" data-testid="tracker-span">
                {move || if all_weeks.get() {
                    tf("The charts show all {} weeks.", &[&total_weeks.get()])
                } else {
                    tf("The charts show the last {} of {} weeks.", &[&CHART_WEEKS, &total_weeks.get()])
                }}
                " "
                <button type="button" class="link-button" data-testid="tracker-span-toggle" on:click=move |_| all_weeks.update(|a| *a = !*a)>
                    {move || if all_weeks.get() { tf("Show the last {} weeks", &[&CHART_WEEKS]) } else { t("Show every week (slow for long files)").to_owned() }}
                </button>
            </p>
        </Show>
    }
}

#[component]
pub fn TrackerView(explorer: Explorer, tests: TestMarketState) -> impl IntoView {
    let whole = Memo::new(move |_| tests.shown());
    // The charts and their tables show the last CHART_WEEKS weeks until asked for all: a file
    // of decades of weeks makes charts of thousands of bars, unreadable at any width and a
    // frozen page while they draw. The KPIs read the whole track.
    let all_weeks = RwSignal::new(false);
    let track = Memo::new(move |_| {
        let all = all_weeks.get();
        whole.get().map(|t| {
            if all || t.weeks.len() <= CHART_WEEKS {
                t
            } else {
                Arc::new(t.recent(CHART_WEEKS))
            }
        })
    });
    let total_weeks = Memo::new(move |_| whole.with(|t| t.as_ref().map_or(0, |t| t.weeks.len())));
    let name = Memo::new(move |_| {
        track
            .get()
            .map(|t| shown_market_name(explorer, t.market))
            .unwrap_or_default()
    });
    let kpis = Memo::new(move |_| whole.get().map(|t| t.kpis()));
    let (before_flash, after_flash) = chart_specs();
    let cards = |specs: Vec<cards::ChartSpec>| {
        specs
            .into_iter()
            .map(|spec| view! { <ChartCard spec track name/> })
            .collect_view()
    };
    view! {
        <div class="tracker-view">
            <section class="card" aria-labelledby="tracker-title">
                <h2 id="tracker-title">{move || t("Test markets")}</h2>
                <p class="subtitle">{move || t("Prove a market before committing to it: sell-through against plan, flash sales, stock, competitors, service and what customers say, week by week.")}</p>
                <TrackerControls explorer tests track/>
                <LoadReport tests/>
                <TrackerKpis kpis/>
            </section>
            <Show when=move || track.with(Option::is_none)>
                <p class="notice empty">{move || t("No test market has weekly data. Load a weekly file to track one.")}</p>
            </Show>
            <SpanToggle all_weeks total_weeks/>
            <div class="tracker-grid" hidden=move || track.with(Option::is_none)>
                {cards(before_flash)}
                <FlashSalesCard track name kpis/>
                {cards(after_flash)}
                <ServiceCard track name/>
            </div>
        </div>
    }
}
