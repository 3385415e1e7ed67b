//! The tornado of the selected market: how its score moves when one weight at a time is halved
//! or raised by half.

use beachhead_charts::uncertainty_chart::{draw_tornado, TornadoRow};
use beachhead_engine::sensitivity::tornado;
use leptos::prelude::*;

use super::{SWING, TORNADO_ROWS};
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::i18n::{data_text, market_name, t, tf};
use crate::state::explorer::Explorer;

/// The tornado card of the selected market.
#[component]
pub(super) fn TornadoCard(explorer: Explorer) -> impl IntoView {
    let swings = Memo::new(move |_| {
        let market = explorer.selected_market()?;
        explorer.dataset.with(|d| {
            explorer.model.with(|m| {
                // The codes and name, not the shown name: a language switch then only retitles,
                // without running the tornado again.
                let mk = &d[market];
                tornado(d, m, market, SWING).map(|t| ((mk.iso3.clone(), mk.name.clone()), t))
            })
        })
    });
    let tornado_rows = Memo::new(move |_| {
        swings.with(|s| {
            s.as_ref().map_or_else(Vec::new, |(_, t)| {
                t.swings
                    .iter()
                    .take(TORNADO_ROWS)
                    .map(|s| TornadoRow {
                        label: data_text(&s.label).to_owned(),
                        low: s.score_low,
                        high: s.score_high,
                    })
                    .collect()
            })
        })
    });
    let tornado_base =
        Memo::new(move |_| swings.with(|s| s.as_ref().map_or(0.0, |(_, t)| t.base_score)));
    let tornado_title = move || {
        swings.with(|s| match s {
            Some(((iso3, name), swing)) => tf(
                "What moves {} score (now {}, rank {})",
                &[
                    &crate::format::possessive(market_name(iso3, name)),
                    &format!("{:.1}", swing.base_score),
                    &swing.base_rank,
                ],
            ),
            None => t("The selected market is not ranked").into(),
        })
    };
    // Each bar as drawn: the score with the weight halved and raised by half, around the base.
    let tornado_table = Memo::new(move |_| {
        let base = tornado_base.get();
        let score = |v: f64| {
            if v.is_finite() {
                format!("{v:.1}")
            } else {
                "–".to_owned()
            }
        };
        TableData::new(
            &[
                t("Pillar or indicator"),
                t("Score, weight halved"),
                t("Score, weight raised by half"),
                t("Base score"),
            ],
            tornado_rows.with(|rows| {
                rows.iter()
                    .map(|r| vec![r.label.clone(), score(r.low), score(r.high), score(base)])
                    .collect()
            }),
        )
    });
    let tornado_summary = Memo::new(move |_| {
        tornado_rows.with(|rows| {
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    tf(
                        "{}: {} to {}",
                        &[
                            &r.label,
                            &format!("{:.1}", r.low),
                            &format!("{:.1}", r.high),
                        ],
                    )
                })
                .collect();
            tf(
                "Score with each weight halved and raised by half: {}",
                &[&parts.join("; ")],
            )
        })
    });

    view! {
    <section class="card" aria-labelledby="tornado-title">
        <h2 id="tornado-title">{tornado_title}</h2>
        <p class="subtitle">
            {move || t("One weight at a time, halved (orange) and raised by half (blue), everything else held: the widest bars are the choices this market's case rests on. Pick the market in the Market view.")}
        </p>
        <CanvasChart
            draw=move |backend, ratio| tornado_rows.with(|rows| draw_tornado(backend, rows, tornado_base.get(), ratio))
            summary=tornado_summary
            testid="tornado-chart"
            class="tornado-canvas"
        />
        <DataTable label="tornado chart data" data=tornado_table testid="tornado-chart-table"/>
    </section>
    }
}
