//! The memo's test market: its KPIs and weekly sell-through against plan.

use beachhead_charts::time_chart::draw_time_chart;
use beachhead_engine::tracker::Track;
use leptos::prelude::*;
use std::sync::Arc;

use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::DataTable;
use crate::components::tracker_view::{kpi_tiles, sell_through_chart};
use crate::i18n::{t, tf};

/// The test market section, or a note that none has run in this market.
#[component]
pub(super) fn MemoTestMarket(track: Memo<Option<Arc<Track>>>, name: Memo<String>) -> impl IntoView {
    let sales = Memo::new(move |_| {
        track
            .get()
            .map(|t| sell_through_chart(&t))
            .unwrap_or_default()
    });

    view! {
    <section class="memo-test card memo-chart" style:padding="0" style:border="0">
        <h3>{move || t("Test market")}</h3>
        {move || match track.get() {
            Some(t) => {
                let k = t.kpis();
                view! {
                    <div class="kpis compact">
                        {kpi_tiles(&k).into_iter().take(5).map(|(_, value, label)| view! {
                            <div class="kpi"><span class="kpi-value">{value}</span><span class="kpi-label">{label}</span></div>
                        }).collect_view()}
                    </div>
                }.into_any()
            }
            None => view! { <p class="muted" data-testid="memo-no-test">{move || t("No test market has run here yet.")}</p> }.into_any(),
        }}
        // Created when a track appears: a canvas drawn while hidden has no size.
        {move || track.with(Option::is_some).then(|| view! {
            <CanvasChart draw=move |backend, ratio| sales.with(|c| draw_time_chart(backend, c, ratio, &t)) summary=Signal::derive(move || tf("Weekly sell-through against plan in {}", &[&name.get()])) testid="memo-sales" class="memo-sales-canvas"/>
            <div class="no-print">
                <DataTable label="weekly sales" data=Signal::derive(move || track.with(|t| t.as_ref().map(|t| crate::components::tracker_view::weekly_table(t)).unwrap_or_default())) testid="memo-sales-table"/>
            </div>
        })}
    </section>
    }
}
