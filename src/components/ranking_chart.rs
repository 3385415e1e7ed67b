//! The ranking chart: the top candidates' scores, stacked by pillar.

use beachhead_charts::ranking_chart::{draw_ranking, RankedBar};
use leptos::prelude::*;

use crate::components::canvas_chart::CanvasChart;

#[component]
pub fn RankingChart(
    #[prop(into)] bars: Signal<Vec<RankedBar>>,
    /// What the chart shows, in words, for screen readers.
    #[prop(into)]
    summary: Signal<String>,
) -> impl IntoView {
    view! {
        <CanvasChart
            draw=move |backend, ratio| bars.with(|bars| draw_ranking(backend, bars, ratio))
            summary
            testid="ranking-chart"
            class="ranking-canvas"
        />
    }
}
