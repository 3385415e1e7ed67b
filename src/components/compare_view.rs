//! Two to four markets side by side: their pillar profiles on one chart, and every pillar and
//! indicator in one table.

use beachhead_charts::palette::css_hex;
use beachhead_charts::profile_chart::{draw_profile, series_color, ProfileRow};
use beachhead_engine::candidates::Candidate;
use beachhead_engine::MarketIndex;
use leptos::prelude::*;

use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{CsvButton, DataTable, TableData};
use crate::i18n::{data_text, market_name, t, tf};
use crate::state::explorer::Explorer;
use crate::state::market_detail::MarketDetail;

pub const MAX_COMPARED: usize = 4;
const DEFAULT_COMPARED: usize = 3;

/// A compared market's name in the language in use.
fn shown_name(d: &MarketDetail) -> String {
    market_name(&d.iso3, &d.name).to_owned()
}

#[component]
pub fn CompareView(explorer: Explorer) -> impl IntoView {
    let compared = explorer.compared;
    // The markets in view: the user's picks, else the top candidates.
    let codes = Memo::new(move |_| {
        let picked = compared.get();
        if !picked.is_empty() {
            return picked;
        }
        explorer.dataset.with(|d| {
            explorer.ranking.with(|r| {
                explorer.candidates.with(|c| {
                    c.iter()
                        .take(DEFAULT_COMPARED)
                        .map(|&Candidate { position: i, .. }| d[r.scores[i].market].iso3.clone())
                        .collect()
                })
            })
        })
    });
    let details = Memo::new(move |_| {
        let codes = codes.get();
        let markets: Vec<MarketIndex> = explorer.dataset.with(|d| {
            codes
                .iter()
                .filter_map(|code| d.market_index(code))
                .collect()
        });
        markets
            .into_iter()
            .filter_map(|market| explorer.market_detail(market))
            .collect::<Vec<MarketDetail>>()
    });
    view! {
        <div class="compare-view">
            <CompareChartCard explorer=explorer codes=codes details=details/>
            <CompareTableCard details=details/>
        </div>
    }
}

/// The first card: the chips naming the compared markets, and their pillar profiles on one
/// chart.
#[component]
fn CompareChartCard(
    explorer: Explorer,
    codes: Memo<Vec<String>>,
    details: Memo<Vec<MarketDetail>>,
) -> impl IntoView {
    let compared = explorer.compared;
    let rows = Memo::new(move |_| {
        details.with(|ds| {
            let Some(first) = ds.first() else {
                return Vec::new();
            };
            (0..first.pillars.len())
                .map(|p| ProfileRow {
                    label: data_text(&first.pillars[p].label).to_owned(),
                    values: ds.iter().map(|d| d.pillars[p].market).collect(),
                })
                .collect::<Vec<_>>()
        })
    });
    // The chart's values: a row per pillar, a column per market in the chips' order.
    let chart_table = Memo::new(move |_| {
        let mut headers = vec![t("Pillar").to_owned()];
        headers.extend(details.with(|ds| ds.iter().map(shown_name).collect::<Vec<_>>()));
        let rows = rows.with(|rows| {
            rows.iter()
                .map(|r| {
                    let mut row = vec![r.label.clone()];
                    row.extend(
                        r.values
                            .iter()
                            .map(|v| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.0}"))),
                    );
                    row
                })
                .collect()
        });
        TableData::with_headers(headers, rows)
    });
    let summary = Memo::new(move |_| {
        details.with(|ds| {
            let parts: Vec<String> = ds
                .iter()
                .map(|d| {
                    format!(
                        "{} {}",
                        shown_name(d),
                        d.score
                            .map_or(t("not ranked").into(), |s| format!("{s:.1}"))
                    )
                })
                .collect();
            tf("Pillar scores compared: {}", &[&parts.join("; ")])
        })
    });
    let options = explorer.market_options;
    let add = move |code: String| {
        if code.is_empty() {
            return;
        }
        let mut now = codes.get_untracked();
        if !now.contains(&code) && now.len() < MAX_COMPARED {
            now.push(code);
        }
        compared.set(now);
    };
    let remove = move |code: String| {
        let mut now = codes.get_untracked();
        now.retain(|c| *c != code);
        compared.set(now);
    };
    let chips = move || {
        details
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let code = d.iso3.clone();
                let can_remove = details.with(|ds| ds.len() > 2);
                let name = shown_name(&d);
                view! {
                    <span class="chip" data-testid=format!("compare-{}", d.iso3)>
                        <span class="swatch" style:background=css_hex(series_color(i))></span>
                        {name.clone()}
                        <button type="button" class="chip-remove" aria-label=move || tf("Remove {}", &[&name])
                            disabled=!can_remove on:click=move |_| remove(code.clone())>"×"</button>
                    </span>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="compare-title">
            <h2 id="compare-title">{move || t("Compare markets")}</h2>
            <p class="subtitle">{move || t("Two to four markets side by side. Starts with the top three candidates.")}</p>
            <div class="chips">
                {chips}
                <Show when=move || details.with(|d| d.len() < MAX_COMPARED)>
                    <select data-testid="compare-add" aria-label=move || t("Add a market")
                        on:change=move |ev| add(event_target_value(&ev))>
                        <option value="" selected=true>{move || t("Add a market…")}</option>
                        {move || options.get().into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                    </select>
                </Show>
            </div>
            <CanvasChart
                draw=move |backend, ratio| rows.with(|rows| draw_profile(backend, rows, ratio, &t))
                summary=summary
                testid="compare-chart"
                class="profile-canvas"
            />
            <DataTable label="compared pillar profiles" data=chart_table testid="compare-chart-table"/>
        </section>
    }
}

/// The second card: every pillar and indicator of the compared markets in one table.
#[component]
fn CompareTableCard(details: Memo<Vec<MarketDetail>>) -> impl IntoView {
    let table_rows = move || {
        details.with(|ds| {
            let Some(first) = ds.first() else {
                return Vec::new();
            };
            let mut out: Vec<(String, bool, Vec<String>)> = vec![
                (
                    t("Score").into(),
                    true,
                    ds.iter()
                        .map(|d| d.score.map_or("–".into(), |s| format!("{s:.1}")))
                        .collect(),
                ),
                (
                    t("World rank").into(),
                    true,
                    ds.iter()
                        .map(|d| d.world_rank.map_or("–".into(), |r| r.to_string()))
                        .collect(),
                ),
            ];
            for (p, pillar) in first.pillars.iter().enumerate() {
                out.push((
                    data_text(&pillar.label).to_owned(),
                    true,
                    ds.iter()
                        .map(|d| {
                            d.pillars[p]
                                .market
                                .map_or("–".into(), |v| format!("{v:.1}"))
                        })
                        .collect(),
                ));
            }
            for (l, line) in first.indicators.iter().enumerate() {
                out.push((
                    format!("{} ({})", data_text(&line.label), data_text(&line.unit)),
                    false,
                    ds.iter()
                        .map(|d| d.indicators.get(l).map_or("–".into(), |x| x.value.clone()))
                        .collect(),
                ));
            }
            out
        })
    };
    view! {
        <section class="card" aria-labelledby="compare-table-title">
            <h2 id="compare-table-title">{move || t("Side by side")}</h2>
            <p class="table-actions"><CsvButton label="markets side by side" data=Signal::derive(move || {
                let mut headers = vec![String::new()];
                // The file names the markets as the dataset does, like the other CSVs.
                headers.extend(details.get().into_iter().map(|d| d.name));
                TableData {
                    headers,
                    numeric: Vec::new(),
                    rows: table_rows()
                        .into_iter()
                        .map(|(label, _, cells)| std::iter::once(label).chain(cells).collect())
                        .collect(),
                }
            }) testid="compare-table"/></p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Markets side by side")>
                <table class="data-table" data-testid="compare-table">
                    <thead>
                        <tr>
                            <th scope="col">""</th>
                            {move || details.get().iter().map(|d| view! { <th scope="col" class="num">{shown_name(d)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || table_rows().into_iter().map(|(label, strong, cells)| view! {
                            <tr class:strong=strong>
                                <th scope="row">{label}</th>
                                {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
