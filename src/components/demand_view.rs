//! Demand signals: where fan-forum and reseller interest already is, on a map and in a ranked
//! list across every market, set against readiness, with the markets where one runs well ahead
//! of the other called out.

use std::collections::HashMap;

use beachhead_charts::demand_chart::{draw_signals, signal_at, signal_layout, SignalPoint};
use beachhead_charts::palette;
use beachhead_charts::world_map::{draw_map, score_color};
use beachhead_engine::demand_signals::{
    demand_signals, without_interest, DemandSignal, Verdict, GAP_POINTS,
};
use beachhead_engine::readiness;
use leptos::prelude::*;

use crate::browser::data_source::{MapState, SharedMap};
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::i18n::{current, market_name_in, t, tf};
use crate::state::explorer::Explorer;
use crate::state::navigation::{Navigation, Tab};

/// A market's signal with its names, as the view shows it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    iso3: String,
    iso_numeric: String,
    name: String,
    signal: DemandSignal,
}

fn verdict_color(verdict: Option<Verdict>) -> plotters::style::RGBColor {
    match verdict {
        Some(Verdict::InterestAhead) => palette::series(5),
        Some(Verdict::ReadinessAhead) => palette::series(0),
        _ => palette::series(6),
    }
}

fn opt(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:.decimals$}"))
}

#[component]
pub fn DemandView(explorer: Explorer) -> impl IntoView {
    let navigation = use_context::<Navigation>();
    let shared = use_context::<SharedMap>().unwrap_or_default();
    if let Some(nav) = navigation {
        Effect::new(move |_| {
            if nav.tab.get() == Tab::Demand {
                shared.request();
            }
        });
    }
    // Readiness under the user's weights, less the interest indicators themselves.
    let plain_ranking = Memo::new(move |_| {
        explorer.dataset.with(|d| {
            explorer
                .model
                .with(|m| readiness::score(d, &without_interest(m)))
        })
    });
    let rows = Memo::new(move |_| {
        let lang = current();
        explorer.dataset.with(|d| {
            plain_ranking.with(|r| {
                demand_signals(d, r)
                    .into_iter()
                    .map(|signal| {
                        let m = &d.markets()[signal.market];
                        Row {
                            iso3: m.iso3.clone(),
                            iso_numeric: m.iso_numeric.clone(),
                            name: market_name_in(lang, &m.iso3, &m.name).to_owned(),
                            signal,
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let by_numeric = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter()
                .map(|r| (r.iso_numeric.clone(), r.signal.interest))
                .collect::<HashMap<_, _>>()
        })
    });
    let points = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter()
                .filter_map(|r| {
                    Some(SignalPoint {
                        label: r.name.clone(),
                        readiness_pct: r.signal.readiness_pct?,
                        interest_pct: r.signal.interest,
                        color: verdict_color(r.signal.verdict),
                        priority: r.signal.gap.map_or(0.0, f64::abs),
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let point_codes = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter()
                .filter(|r| r.signal.readiness_pct.is_some())
                .map(|r| r.iso3.clone())
                .collect::<Vec<_>>()
        })
    });
    let callouts = move |verdict: Verdict| {
        rows.with(|rows| {
            let mut picked: Vec<&Row> = rows
                .iter()
                .filter(|r| r.signal.verdict == Some(verdict))
                .collect();
            picked.sort_by(|a, b| {
                let (ga, gb) = (
                    a.signal.gap.unwrap_or(0.0).abs(),
                    b.signal.gap.unwrap_or(0.0).abs(),
                );
                gb.total_cmp(&ga)
            });
            picked
                .into_iter()
                .take(8)
                .map(|r| (r.iso3.clone(), r.name.clone(), r.signal.gap.unwrap_or(0.0)))
                .collect::<Vec<_>>()
        })
    };
    let ahead = Memo::new(move |_| callouts(Verdict::InterestAhead));
    let behind = Memo::new(move |_| callouts(Verdict::ReadinessAhead));
    let table = Memo::new(move |_| {
        rows.with(|rows| {
            TableData::new(
                &[
                    t("Market"),
                    t("Interest rank"),
                    t("Interest (percentile)"),
                    t("Forum members per million"),
                    t("Reseller listings per million"),
                    t("Forum growth %"),
                    t("Readiness (percentile)"),
                    t("Gap (points)"),
                    t("Reading"),
                ],
                rows.iter()
                    .map(|r| {
                        let s = &r.signal;
                        vec![
                            r.name.clone(),
                            s.interest_rank.to_string(),
                            format!("{:.0}", s.interest),
                            opt(s.forum_members_per_m, 0),
                            opt(s.reseller_listings_per_m, 1),
                            opt(s.forum_growth_pct, 1),
                            opt(s.readiness_pct, 0),
                            s.gap.map_or_else(|| "–".into(), |g| format!("{g:+.0}")),
                            s.verdict.map_or(t("not ranked"), Verdict::label).to_owned(),
                        ]
                    })
                    .collect(),
            )
        })
    });
    // What the map colours: each market's interest percentile.
    let map_table = Memo::new(move |_| {
        rows.with(|rows| {
            TableData::new(
                &[t("Market"), t("Interest (percentile)")],
                rows.iter()
                    .map(|r| vec![r.name.clone(), format!("{:.0}", r.signal.interest)])
                    .collect(),
            )
        })
    });
    let map_summary = Memo::new(move |_| {
        rows.with(|rows| {
            let top: Vec<&str> = rows.iter().take(10).map(|r| r.name.as_str()).collect();
            tf(
                "World map of fan-forum and reseller interest for {} markets; darker is more interest. Most interest: {}",
                &[&rows.len(), &top.join(", ")],
            )
        })
    });
    let scatter_summary = Memo::new(move |_| {
        let list = |v: &Vec<(String, String, f64)>| {
            v.iter()
                .map(|(_, n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        tf(
            "Interest percentile against readiness percentile for {} markets. Interest ahead of readiness: {}. Readiness ahead of interest: {}.",
            &[&points.with(Vec::len), &ahead.with(list), &behind.with(list)],
        )
    });
    let open = move |iso3: String| {
        explorer.selected.set(Some(iso3));
        if let Some(nav) = navigation {
            nav.go(Tab::Market);
        }
    };
    let on_scatter_click = move |ev: leptos::ev::MouseEvent| {
        let Some(canvas) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
        else {
            return;
        };
        let (w, h) = (
            f64::from(canvas.client_width()),
            f64::from(canvas.client_height()),
        );
        let hit = points.with_untracked(|p| {
            let layout = signal_layout(p, w, h, 1.0);
            signal_at(
                &layout,
                f64::from(ev.offset_x()),
                f64::from(ev.offset_y()),
                1.0,
            )
        });
        if let Some(code) = hit.and_then(|i| point_codes.with_untracked(|c| c.get(i).cloned())) {
            open(code);
        }
    };
    let callout_list = move |items: Memo<Vec<(String, String, f64)>>, testid: &'static str| {
        view! {
            <ol class="callouts" data-testid=testid>
                {move || items.get().into_iter().map(|(iso3, name, gap)| view! {
                    <li>
                        <button type="button" class="market-link" on:click=move |_| open(iso3.clone())>{name}</button>
                        <span class="muted">{format!(" {}", tf("{} points", &[&format!("{gap:+.0}")]))}</span>
                    </li>
                }).collect_view()}
            </ol>
        }
    };

    view! {
        <div class="demand-view">
            <section class="card" aria-labelledby="demand-title">
                <h2 id="demand-title">{move || t("Demand signals")}</h2>
                <p class="subtitle">
                    {move || t("Where fans and resellers already are: fan-forum members and online reseller listings per million people, and forum growth, each as a percentile and averaged. Xiaomi read these before choosing where to go next.")}
                </p>
                <p class="source-line"><span class="badge illustrative">{move || t("illustrative")}</span>" "{move || t("The forum and reseller figures are seeded illustrations (Data and sources), not measurements.")}</p>
                <div class="map-legend" aria-hidden="true">
                    <span>{move || t("less interest")}</span><span class="ramp"></span><span>{move || t("more")}</span>
                    <span class="swatch no-data"></span><span>{move || t("no data")}</span>
                </div>
                {move || match shared.0.get() {
                    MapState::NotLoaded | MapState::Loading => view! { <p class="notice">{move || t("Loading the map…")}</p> }.into_any(),
                    MapState::Failed(why) => view! { <p class="notice error" role="alert">{move || tf("The map could not be loaded: {}", &[&why])}</p> }.into_any(),
                    MapState::Ready(_) => view! {
                        <CanvasChart
                            draw=move |backend, ratio| {
                                let map = shared.map().unwrap_or_default();
                                by_numeric.with(|values| {
                                    let fill = |id: &str| values.get(id).map(|v| score_color(*v));
                                    draw_map(backend, &map, &fill, None, ratio)
                                })
                            }
                            summary=map_summary
                            testid="interest-map"
                            class="map-canvas"
                        />
                    }.into_any(),
                }}
                <DataTable label="interest by market" data=map_table testid="interest-map-table"/>
            </section>
            <section class="card" aria-labelledby="gap-title">
                <h2 id="gap-title">{move || t("Interest against readiness")}</h2>
                <p class="subtitle">
                    {move || tf("Each market's interest percentile against its readiness percentile (the current weights, without the interest indicators). Beyond {} points from the diagonal, one runs ahead: interest ahead is demand waiting to be served; readiness ahead is a market where the brand must be built first. Click a dot to open the market.", &[&format!("{GAP_POINTS:.0}")])}
                </p>
                <ul class="legend">
                    <li><span class="swatch" style:background=palette::css_hex(palette::series(5))></span>{move || t("interest ahead")}</li>
                    <li><span class="swatch" style:background=palette::css_hex(palette::series(0))></span>{move || t("readiness ahead")}</li>
                    <li><span class="swatch" style:background=palette::css_hex(palette::series(6))></span>{move || t("in step")}</li>
                </ul>
                <div class="demand-grid">
                    <div class="matrix-frame" on:click=on_scatter_click>
                        <CanvasChart
                            draw=move |backend, ratio| points.with(|p| draw_signals(backend, p, GAP_POINTS, ratio))
                            summary=scatter_summary
                            testid="signals-scatter"
                            class="signals-canvas"
                        />
                    </div>
                    <div class="callout-lists">
                        <h3>{move || t("Interest ahead of readiness")}</h3>
                        {callout_list(ahead, "interest-ahead")}
                        <h3>{move || t("Readiness ahead of interest")}</h3>
                        {callout_list(behind, "readiness-ahead")}
                    </div>
                </div>
                <DataTable label="interest and readiness, every market" data=table testid="demand-table" open=true/>
            </section>
        </div>
    }
}
