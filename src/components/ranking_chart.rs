//! The ranking chart: the top candidates' scores, stacked by pillar, with its data table.

use beachhead_charts::ranking_chart::{draw_ranking, RankedBar};
use leptos::prelude::*;

use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::i18n::t;

#[component]
pub fn RankingChart(
    #[prop(into)] bars: Signal<Vec<RankedBar>>,
    /// What the chart shows, in words, for screen readers.
    #[prop(into)]
    summary: Signal<String>,
    /// The pillars' names in legend order (the order of each bar's segments), for the data
    /// table's headings.
    #[prop(into)]
    pillars: Signal<Vec<String>>,
) -> impl IntoView {
    // One row per bar, as the chart draws it: rank, score and the points each pillar adds.
    let table = Memo::new(move |_| {
        let names = pillars.get();
        bars.with(|bars| {
            let columns = names.len();
            let mut headers = vec![
                t("Market").to_owned(),
                t("Rank").to_owned(),
                t("Score").to_owned(),
            ];
            headers.extend(names.iter().take(columns).cloned());
            let rows = bars
                .iter()
                .map(|b| {
                    let mut row = vec![
                        b.label.clone(),
                        b.rank.to_string(),
                        format!("{:.1}", b.score),
                    ];
                    row.extend((0..columns).map(|i| {
                        b.segments
                            .get(i)
                            .filter(|v| v.is_finite())
                            .map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
                    }));
                    row
                })
                .collect();
            TableData::with_headers(headers, rows)
        })
    });
    view! {
        <CanvasChart
            draw=move |backend, ratio| bars.with(|bars| draw_ranking(backend, bars, ratio))
            summary
            testid="ranking-chart"
            class="ranking-canvas"
        />
        <DataTable label="ranking chart data" data=table testid="ranking-chart-table"/>
    }
}
