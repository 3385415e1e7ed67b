//! The world map of readiness: each candidate filled by its score, hover for its numbers,
//! click to open it. The country shapes load the first time the map is shown.

use beachhead_engine::candidates::Candidate;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use beachhead_charts::world_map::{draw_map, score_color, WorldMap};
use leptos::prelude::*;

use crate::browser::data_source::{MapState, SharedMap};
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::i18n::{current, market_name, market_name_in, t, tf};
use crate::state::explorer::Explorer;
use crate::state::navigation::{Navigation, Tab};

/// What the map shows for one market: by ISO numeric id.
#[derive(Debug, Clone, PartialEq)]
struct MapEntry {
    iso3: String,
    name: String,
    score: f64,
    rank: usize,
}

#[derive(Debug, Clone, PartialEq)]
struct Hover {
    x: f64,
    y: f64,
    text: String,
}

#[component]
pub fn MapView(explorer: Explorer) -> impl IntoView {
    let shared = use_context::<SharedMap>().unwrap_or_default();
    let state = shared.0;
    let hover = RwSignal::new(None::<Hover>);
    let navigation = use_context::<Navigation>();
    if let Some(nav) = navigation {
        Effect::new(move |_| {
            if nav.tab.get() == Tab::Map {
                shared.request();
            }
        });
    }
    // Candidates in rank order (the engine's), by ISO numeric id, with the score and candidate
    // rank the map shows.
    let ranked = Memo::new(move |_| {
        let lang = current();
        explorer.dataset.with(|d| {
            explorer.ranking.with(|r| {
                explorer.candidates.with(|c| {
                    c.iter()
                        .map(|&Candidate { position: i, rank }| {
                            let s = &r.scores[i];
                            let m = &d[s.market];
                            (
                                m.iso_numeric.clone(),
                                MapEntry {
                                    iso3: m.iso3.clone(),
                                    name: market_name_in(lang, &m.iso3, &m.name).to_owned(),
                                    score: s.score,
                                    rank,
                                },
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let entries = Memo::new(move |_| ranked.get().into_iter().collect::<HashMap<_, _>>());
    let selected_numeric = Memo::new(move |_| {
        let market = explorer.selected_market()?;
        explorer
            .dataset
            .with(|d| d.market(market).map(|m| m.iso_numeric.clone()))
    });
    let summary = Memo::new(move |_| {
        ranked.with(|ranked| {
            let listed: Vec<String> = ranked.iter().take(10).map(|(_, m)| format!("{} {:.0}", m.name, m.score)).collect();
            tf(
                "World map of readiness scores for {} candidate markets; darker is more ready. Highest: {}",
                &[&ranked.len(), &listed.join(", ")],
            )
        })
    });
    let map = Memo::new(move |_| shared.map());
    // The markets the map colours (a candidate with a shape on it), best first, with the score
    // and candidate rank its tooltip gives.
    let table = Memo::new(move |_| {
        map.with(|map| {
            ranked.with(|ranked| {
                let on_map: HashSet<&str> = map
                    .iter()
                    .flat_map(|map| map.countries.iter().map(|c| c.id.as_str()))
                    .collect();
                let shown: Vec<&MapEntry> = ranked
                    .iter()
                    .filter(|(id, _)| on_map.contains(id.as_str()))
                    .map(|(_, m)| m)
                    .collect();
                TableData::new(
                    &[t("Market"), t("Score"), t("Candidate rank")],
                    shown
                        .into_iter()
                        .map(|m| {
                            vec![
                                m.name.clone(),
                                format!("{:.1}", m.score),
                                m.rank.to_string(),
                            ]
                        })
                        .collect(),
                )
            })
        })
    });
    view! {
        <section class="card" aria-labelledby="map-title">
            <h2 id="map-title">{move || t("Readiness around the world")}</h2>
            <p class="subtitle">{move || t("Candidates under the current filters and weights, darker is more ready; grey: not a candidate or no data. Hover for the numbers, click to open a market.")}</p>
            <div class="map-legend" aria-hidden="true">
                <span>"0"</span><span class="ramp"></span><span>"100"</span>
                <span class="swatch no-data"></span><span>{move || t("no data or filtered out")}</span>
            </div>
            {move || match state.get() {
                MapState::NotLoaded | MapState::Loading => view! {
                    <p class="notice" data-testid="map-loading">{move || t("Loading the map…")}</p>
                }.into_any(),
                MapState::Failed(why) => view! {
                    <p class="notice error" role="alert">{move || tf("The map could not be loaded: {}", &[&why])}</p>
                }.into_any(),
                MapState::Ready(_) => view! {
                    <MapFrame
                        explorer=explorer
                        entries=entries
                        map=map
                        selected_numeric=selected_numeric
                        summary=summary
                        table=table
                        hover=hover
                    />
                }.into_any(),
            }}
            <p class="source-line">{move || t("Boundaries: Natural Earth 1:50m (public domain), via world-atlas 2.0.2 (ISC). Projection: Natural Earth.")}</p>
        </section>
    }
}

/// The loaded map: the canvas with its tooltip, and the table of what it shows.
#[component]
fn MapFrame(
    explorer: Explorer,
    entries: Memo<HashMap<String, MapEntry>>,
    map: Memo<Option<Arc<WorldMap>>>,
    selected_numeric: Memo<Option<String>>,
    summary: Memo<String>,
    table: Memo<TableData>,
    hover: RwSignal<Option<Hover>>,
) -> impl IntoView {
    let navigation = use_context::<Navigation>();
    let country_at = move |ev: &leptos::ev::MouseEvent| -> Option<(String, String)> {
        let map = map.get_untracked()?;
        let target = ev.target()?;
        let canvas: web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_into(target).ok()?;
        let (w, h) = (
            f64::from(canvas.client_width()),
            f64::from(canvas.client_height()),
        );
        let index = map.hit(w, h, f64::from(ev.offset_x()), f64::from(ev.offset_y()))?;
        let country = &map.countries[index];
        Some((country.id.clone(), country.name.clone()))
    };
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let text = country_at(&ev).map(|(id, name)| {
            entries.with_untracked(|e| match e.get(&id) {
                Some(m) => tf(
                    "{} · score {} · candidate rank {}",
                    &[&m.name, &format!("{:.1}", m.score), &m.rank],
                ),
                None => {
                    // A market the filters leave out still has its name in the language in use;
                    // only a shape the dataset lacks keeps the map file's English.
                    let name = explorer.dataset.with_untracked(|d| {
                        d.markets()
                            .iter()
                            .find(|m| m.iso_numeric == id)
                            .map_or(name, |m| market_name(&m.iso3, &m.name).to_owned())
                    });
                    tf("{} · not a ranked candidate", &[&name])
                }
            })
        });
        hover.set(text.map(|text| Hover {
            x: f64::from(ev.offset_x()),
            y: f64::from(ev.offset_y()),
            text,
        }));
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((id, _)) = country_at(&ev) else {
            return;
        };
        let code = entries.with_untracked(|e| e.get(&id).map(|m| m.iso3.clone()));
        if let Some(code) = code {
            explorer.selected.set(Some(code));
            if let Some(nav) = navigation {
                nav.go(Tab::Market);
            }
        }
    };
    view! {
        <div class="map-frame" on:mousemove=on_move on:mouseleave=move |_| hover.set(None) on:click=on_click>
            <CanvasChart
                draw=move |backend, ratio| {
                    let map = map.get().unwrap_or_default();
                    let selected = selected_numeric.get();
                    entries.with(|e| {
                        let fill = |id: &str| e.get(id).map(|m| score_color(m.score));
                        draw_map(backend, &map, &fill, selected.as_deref(), ratio)
                    })
                }
                summary=summary
                testid="map-chart"
                class="map-canvas"
            />
            {move || hover.get().map(|h| view! {
                <div class="tooltip" data-testid="map-tooltip" style:left=format!("{}px", h.x + 12.0) style:top=format!("{}px", h.y + 12.0)>{h.text}</div>
            })}
        </div>
        <DataTable label="readiness map data" data=table testid="map-chart-table"/>
    }
}
