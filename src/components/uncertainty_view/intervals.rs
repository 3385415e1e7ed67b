//! The rank intervals of the top candidates under the current filters: the chart, the CSV and
//! the table of rank probabilities.

use beachhead_charts::uncertainty_chart::{draw_rank_intervals, IntervalRow};
use beachhead_engine::uncertainty::Uncertainty;
use leptos::prelude::*;

use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{CsvButton, TableData};
use crate::i18n::{market_name, t, tf};
use crate::state::explorer::{Explorer, CHART_MARKETS};

/// The chart and table of the finished run's rank intervals.
#[component]
pub(super) fn RankIntervals(
    explorer: Explorer,
    result: Memo<Option<Uncertainty>>,
) -> impl IntoView {
    // Intervals of the top candidates under the current filters, best first.
    let rows = Memo::new(move |_| {
        let Some(u) = result.get() else {
            return Vec::new();
        };
        explorer.dataset.with(|d| {
            explorer.filter.with(|f| {
                u.intervals
                    .iter()
                    .filter(|i| f.matches(d, i.market))
                    .take(CHART_MARKETS)
                    .map(|i| {
                        let m = &d[i.market];
                        (market_name(&m.iso3, &m.name).to_owned(), i.clone())
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let chart_rows = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter()
                .map(|(name, i)| IntervalRow {
                    label: name.clone(),
                    rank: i.rank,
                    median: i.median,
                    p05: i.p05,
                    p95: i.p95,
                })
                .collect::<Vec<_>>()
        })
    });
    let max_rank = Memo::new(move |_| {
        chart_rows.with(|r| r.iter().map(|r| r.p95.max(r.rank)).max().unwrap_or(2))
    });
    let interval_summary = Memo::new(move |_| {
        rows.with(|rows| {
            let parts: Vec<String> = rows
                .iter()
                .map(|(name, i)| tf("{}: rank {}, 5-95% {}-{}", &[name, &i.rank, &i.p05, &i.p95]))
                .collect();
            tf("Rank intervals: {}", &[&parts.join("; ")])
        })
    });

    view! {
            <CanvasChart
                draw=move |backend, ratio| chart_rows.with(|rows| draw_rank_intervals(backend, rows, max_rank.get(), ratio, &t))
                summary=interval_summary
                testid="interval-chart"
                class="interval-canvas"
            />
            <p class="table-actions"><CsvButton label="rank probabilities" data=Signal::derive(move || TableData {
                headers: vec![
                    "Market".into(),
                    "Rank".into(),
                    "Median rank".into(),
                    "Rank 5%".into(),
                    "Rank 95%".into(),
                    format!("P(top {}) %", result.with(|r| r.as_ref().map_or(0, |u| u.top_k))),
                ],
                numeric: Vec::new(),
                rows: rows.get().into_iter().map(|(name, i)| vec![
                    name,
                    i.rank.to_string(),
                    i.median.to_string(),
                    i.p05.to_string(),
                    i.p95.to_string(),
                    format!("{:.1}", 100.0 * i.p_top_k),
                ]).collect(),
            }) testid="mc-table"/></p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Rank probabilities")>
                <table class="data-table" data-testid="mc-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t("Market")}</th>
                            <th scope="col" class="num">{move || t("Rank")}</th>
                            <th scope="col" class="num">{move || t("Median")}</th>
                            <th scope="col" class="num">"5-95%"</th>
                            <th scope="col" class="num">{move || tf("P(top {})", &[&result.with(|r| r.as_ref().map_or(0, |u| u.top_k))])}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows.get().into_iter().map(|(name, i)| view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td class="num">{i.rank}</td>
                                <td class="num">{i.median}</td>
                                <td class="num">{format!("{}-{}", i.p05, i.p95)}</td>
                                <td class="num">{format!("{:.0}%", 100.0 * i.p_top_k)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
    }
}
