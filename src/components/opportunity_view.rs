//! The opportunity matrix: readiness against contribution margin for every candidate with
//! economics, bubble area the addressable units, colour the region; click to open a market.

use beachhead_charts::margin_charts::{bubble_at, draw_matrix, matrix_layout, Bubble};
use beachhead_charts::palette;
use beachhead_engine::candidates::Candidate;
use beachhead_engine::market_filter::regions;
use leptos::prelude::*;

use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::format;
use crate::i18n::{current, market_name_in, t, tf};
use crate::state::explorer::Explorer;
use crate::state::navigation::{Navigation, Tab};
use beachhead_engine::opportunity::{self, ready_and_profitable, Opportunity};

#[component]
pub fn OpportunityView(explorer: Explorer) -> impl IntoView {
    // (ISO3, bubble, region) for candidates that have both a score and economics.
    let bubbles = Memo::new(move |_| {
        let lang = current();
        explorer.dataset.with(|d| {
            let region_list = regions(d);
            explorer.ranking.with(|r| {
                explorer.candidates.with(|c| {
                    explorer.economics.with(|econ| {
                        c.iter()
                            .filter_map(|&Candidate { position: i, .. }| {
                                let s = &r.scores[i];
                                let e = econ.get(s.market.0)?.as_ref().ok()?;
                                let m = &d[s.market];
                                let region =
                                    region_list.iter().position(|x| *x == m.region).unwrap_or(0);
                                Some((
                                    m.iso3.clone(),
                                    Bubble {
                                        label: market_name_in(lang, &m.iso3, &m.name).to_owned(),
                                        readiness: s.score,
                                        margin_pct: e.contribution_pct,
                                        volume: e.annual_units,
                                        color: palette::series(region),
                                    },
                                    m.region.clone(),
                                ))
                            })
                            .collect::<Vec<_>>()
                    })
                })
            })
        })
    });
    let plain = Memo::new(move |_| {
        bubbles.with(|b| b.iter().map(|(_, b, _)| b.clone()).collect::<Vec<_>>())
    });
    let points = Memo::new(move |_| {
        plain.with(|b| {
            b.iter()
                .map(|x| Opportunity {
                    readiness: x.readiness,
                    contribution_pct: x.margin_pct,
                    annual_units: x.volume,
                })
                .collect::<Vec<_>>()
        })
    });
    let guides = Memo::new(move |_| points.with(|p| opportunity::guides(p)));
    let summary = Memo::new(move |_| {
        plain.with(|b| {
            let best = points.with(|p| ready_and_profitable(p, guides.get()));
            let names: Vec<&str> = best.iter().take(10).map(|&i| b[i].label.as_str()).collect();
            tf(
                "Opportunity matrix of {} markets: readiness against contribution margin. Ready and profitable (above both medians), largest first: {}",
                &[&b.len(), &names.join(", ")],
            )
        })
    });
    let table = Memo::new(move |_| {
        bubbles.with(|b| {
            let mut data = TableData::new(
                &[
                    t("Market"),
                    t("Readiness score"),
                    t("Contribution margin (%)"),
                    t("Units a year at target share"),
                    t("Region"),
                ],
                b.iter()
                    .map(|(_, b, region)| {
                        vec![
                            b.label.clone(),
                            format!("{:.1}", b.readiness),
                            format!("{:.1}", b.margin_pct),
                            format::value(b.volume, ""),
                            region.clone(),
                        ]
                    })
                    .collect(),
            );
            // The region is a name, not a number.
            if let Some(last) = data.numeric.last_mut() {
                *last = false;
            }
            data
        })
    });
    let legend = move || {
        explorer.dataset.with(|d| {
            regions(d)
                .into_iter()
                .enumerate()
                .map(|(i, r)| view! { <li><span class="swatch" style:background=palette::css_hex(palette::series(i))></span>{r}</li> })
                .collect_view()
        })
    };
    view! {
        <section class="card" aria-labelledby="matrix-title">
            <h2 id="matrix-title">{move || t("Opportunity matrix")}</h2>
            <p class="subtitle">{move || t("Readiness score against contribution margin for the candidates under the current filters. Bubble area: units a year at the target share; colour: region; lines: the medians. Click a bubble to open its margins.")}</p>
            <ul class="legend">{legend}</ul>
            <MatrixFrame explorer bubbles plain guides summary/>
            <DataTable label="opportunity matrix data" data=table testid="matrix-chart-table"/>
            <p class="source-line">{move || t("Margins use the illustrative product and price assumptions (Margins tab); readiness uses the Beachhead readiness model.")}</p>
        </section>
    }
}

/// The matrix itself: the canvas, with where each bubble was drawn, and a click on a bubble
/// opening the market's margins.
#[component]
fn MatrixFrame(
    explorer: Explorer,
    bubbles: Memo<Vec<(String, Bubble, String)>>,
    plain: Memo<Vec<Bubble>>,
    guides: Memo<(f64, f64)>,
    summary: Memo<String>,
) -> impl IntoView {
    let navigation = use_context::<Navigation>();
    // Where each bubble was drawn (CSS pixels), for tests and tools that need to find one.
    let positions = RwSignal::new(String::new());
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev.target() else { return };
        let Ok(canvas) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(target) else {
            return;
        };
        let (w, h) = (
            f64::from(canvas.client_width()),
            f64::from(canvas.client_height()),
        );
        let hit = plain.with_untracked(|b| {
            let layout = matrix_layout(b, w, h, 1.0);
            bubble_at(&layout, f64::from(ev.offset_x()), f64::from(ev.offset_y()))
        });
        if let Some(i) = hit {
            let code = bubbles.with_untracked(|b| b.get(i).map(|(code, _, _)| code.clone()));
            if let Some(code) = code {
                explorer.selected.set(Some(code));
                if let Some(nav) = navigation {
                    nav.go(Tab::Margins);
                }
            }
        }
    };
    view! {
        <div class="matrix-frame" on:click=on_click data-bubbles=move || positions.get()>
            <CanvasChart
                draw=move |backend, ratio| {
                    let (w, h) = plotters::prelude::DrawingBackend::get_size(&backend);
                    let (css_w, css_h) = (f64::from(w) / ratio, f64::from(h) / ratio);
                    let listed = plain.with(|b| {
                        let layout = matrix_layout(b, css_w, css_h, 1.0);
                        bubbles.with(|codes| {
                            layout
                                .centres
                                .iter()
                                .zip(codes)
                                .map(|((x, y, _), (code, _, _))| format!("{code}:{x:.0}:{y:.0}"))
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                    });
                    positions.set(listed);
                    plain.with(|b| draw_matrix(backend, b, guides.get(), ratio, &t))
                }
                summary=summary
                testid="matrix-chart"
                class="matrix-canvas"
            />
        </div>
    }
}
