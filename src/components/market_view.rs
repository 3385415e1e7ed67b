//! One market in depth: where it stands, its pillar profile against its region and the top
//! candidates, and every indicator behind the score with its source and year.

use beachhead_charts::palette::css_hex;
use beachhead_charts::profile_chart::{draw_profile, series_color, ProfileRow};
use beachhead_engine::Status;
use leptos::prelude::*;

use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{CsvButton, DataTable, TableData};
use crate::i18n::{data_text, market_name, t, tf};
use crate::state::data_catalogue::status_text;
use crate::state::explorer::Explorer;
use crate::state::market_detail::{MarketDetail, TOP_MARKETS};

#[component]
pub fn MarketView(explorer: Explorer) -> impl IntoView {
    let detail = Memo::new(move |_| {
        let market = explorer.selected_market()?;
        explorer.market_detail(market)
    });
    view! {
        <div class="market-view">
            <MarketPickerCard explorer=explorer detail=detail/>
            <ProfileCard detail=detail/>
            <IndicatorsCard detail=detail/>
        </div>
    }
}

/// The first card: the market picker and where the market stands.
#[component]
fn MarketPickerCard(explorer: Explorer, detail: Memo<Option<MarketDetail>>) -> impl IntoView {
    let markets = explorer.market_options;
    let header = move |d: MarketDetail| {
        let standing = match (d.score, d.world_rank) {
            (Some(score), Some(rank)) => {
                let candidate = d.candidate_rank.map_or_else(
                    || t("not a candidate under the current filters").to_owned(),
                    |r| tf("candidate rank {}", &[&r]),
                );
                tf(
                    "Score {} · world rank {} · {} · data for {}% of the weight",
                    &[
                        &format!("{score:.1}"),
                        &rank,
                        &candidate,
                        &format!("{:.0}", 100.0 * d.coverage.unwrap_or(0.0)),
                    ],
                )
            }
            _ => t("Not ranked: its data covers too little of the model's weight.").into(),
        };
        view! {
            <h2 data-testid="market-name">{market_name(&d.iso3, &d.name).to_owned()}</h2>
            <p class="subtitle">{d.facts}</p>
            <p class="standing" data-testid="market-standing">{standing}</p>
        }
    };
    view! {
        <div class="card">
            <label class="picker">
                {move || t("Market")}" "
                <select
                    data-testid="market-picker"
                    on:change=move |ev| explorer.selected.set(Some(event_target_value(&ev)))
                >
                    {move || {
                        let current = detail.with(|d| d.as_ref().map(|d| d.iso3.clone()));
                        markets.get().into_iter().map(|(code, name)| {
                            let selected = current.as_deref() == Some(code.as_str());
                            view! { <option value=code selected=selected>{name}</option> }
                        }).collect_view()
                    }}
                </select>
            </label>
            {move || detail.get().map(header)}
        </div>
    }
}

/// The market's pillar profile against its region and the top candidates.
#[component]
fn ProfileCard(detail: Memo<Option<MarketDetail>>) -> impl IntoView {
    let rows = Memo::new(move |_| {
        detail.with(|d| {
            d.as_ref().map_or_else(Vec::new, |d| {
                d.pillars
                    .iter()
                    .map(|p| ProfileRow {
                        label: data_text(&p.label).to_owned(),
                        values: vec![p.market, p.region_median, p.top_median],
                    })
                    .collect()
            })
        })
    });
    // The profile as the chart draws it: each pillar, the market against its region and the
    // top candidates, named as in the legend.
    let profile_table = Memo::new(move |_| {
        let (name, region) = detail.with(|d| {
            d.as_ref().map_or_else(Default::default, |d| {
                (market_name(&d.iso3, &d.name).to_owned(), d.region.clone())
            })
        });
        let headers = vec![
            t("Pillar").to_owned(),
            name,
            tf("{} median", &[&region]),
            tf("Top {} candidates' median", &[&TOP_MARKETS]),
        ];
        let rows = rows.with(|rows| {
            rows.iter()
                .map(|r| {
                    let mut row = vec![r.label.clone()];
                    row.extend((0..headers.len() - 1).map(|i| {
                        r.values
                            .get(i)
                            .copied()
                            .flatten()
                            .map_or_else(|| "–".to_owned(), |v| format!("{v:.0}"))
                    }));
                    row
                })
                .collect()
        });
        TableData::with_headers(headers, rows)
    });
    let summary = Memo::new(move |_| {
        detail.with(|d| {
            d.as_ref().map_or_else(String::new, |d| {
                let parts: Vec<String> = d
                    .pillars
                    .iter()
                    .map(|p| {
                        format!(
                            "{} {}",
                            data_text(&p.label),
                            p.market.map_or(t("no data").into(), |v| format!("{v:.0}"))
                        )
                    })
                    .collect();
                tf(
                    "{} pillar scores (0-100): {}",
                    &[
                        &crate::format::possessive(market_name(&d.iso3, &d.name)),
                        &parts.join("; "),
                    ],
                )
            })
        })
    });
    let legend = move || {
        detail.with(|d| {
            let region = d.as_ref().map_or_else(String::new, |d| d.region.clone());
            let name = d
                .as_ref()
                .map_or_else(String::new, |d| market_name(&d.iso3, &d.name).to_owned());
            [name, tf("{} median", &[&region]), tf("Top {} candidates' median", &[&TOP_MARKETS])]
                .into_iter()
                .enumerate()
                .map(|(i, label)| {
                    view! { <li><span class="swatch" style:background=css_hex(series_color(i))></span>{label}</li> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="card" aria-labelledby="profile-title">
            <h2 id="profile-title">{move || t("Pillar profile")}</h2>
            <p class="subtitle">{move || t("Each pillar's score (0-100) against the market's region and the best candidates.")}</p>
            <ul class="legend">{legend}</ul>
            <CanvasChart
                draw=move |backend, ratio| rows.with(|rows| draw_profile(backend, rows, ratio, &t))
                summary=summary
                testid="profile-chart"
                class="profile-canvas"
            />
            <DataTable label="pillar profile data" data=profile_table testid="profile-chart-table"/>
        </section>
    }
}

/// Every indicator behind the market's score, with its source and year.
#[component]
fn IndicatorsCard(detail: Memo<Option<MarketDetail>>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="indicators-title">
            <h2 id="indicators-title">{move || t("What the score is made of")}</h2>
            <p class="subtitle">{move || t("Every indicator: its value and year as published, its normalised value (0-100, higher is better) and the points it adds to the score.")}</p>
            <p class="table-actions"><CsvButton label="indicators of the market" data=Signal::derive(move || TableData {
                headers: ["Market", "Pillar", "Indicator", "Status", "Value", "Unit", "Year", "Normalised", "Points", "Source"].map(String::from).to_vec(),
                numeric: Vec::new(),
                rows: detail.get().map(|d| {
                    let name = d.name.clone();
                    d.indicators.into_iter().map(|line| vec![
                        name.clone(),
                        line.pillar,
                        line.label,
                        line.status.label().to_owned(),
                        line.value,
                        line.unit,
                        line.year,
                        line.normalised.map_or(String::new(), |v| format!("{v:.1}")),
                        line.points.map_or(String::new(), |v| format!("{v:.2}")),
                        line.source,
                    ]).collect()
                }).unwrap_or_default(),
            }) testid="market-indicators"/></p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Indicators of the market")>
                <table class="data-table" data-testid="market-indicators">
                    <thead>
                        <tr>
                            <th scope="col">{move || t("Pillar")}</th>
                            <th scope="col">{move || t("Indicator")}</th>
                            <th scope="col" class="num">{move || t("Value")}</th>
                            <th scope="col">{move || t("Unit")}</th>
                            <th scope="col">{move || t("Year")}</th>
                            <th scope="col" class="num">{move || t("Normalised")}</th>
                            <th scope="col" class="num">{move || t("Points")}</th>
                            <th scope="col">{move || t("Source")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || detail.get().map(|d| d.indicators.into_iter().map(|line| {
                            let badge = (line.status != Status::Measured)
                                .then(|| view! { " "<span class=format!("badge {}", line.status.label())>{status_text(line.status)}</span> });
                            view! {
                                <tr>
                                    <td>{data_text(&line.pillar).to_owned()}</td>
                                    <th scope="row">{data_text(&line.label).to_owned()}{badge}</th>
                                    <td class="num" title=line.source.clone()>{line.value}</td>
                                    <td>{data_text(&line.unit).to_owned()}</td>
                                    <td>{line.year}</td>
                                    <td class="num">{line.normalised.map_or("–".into(), |v| format!("{v:.0}"))}</td>
                                    <td class="num">{line.points.map_or("–".into(), |v| format!("{v:.1}"))}</td>
                                    <td class="wrap">
                                        {line.own_source.is_some().then(|| view! { <span class="badge other-source" title=move || t("This value comes from another source than the indicator's usual one.")>{move || t("other source")}</span>" " })}
                                        {line.source}
                                    </td>
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
