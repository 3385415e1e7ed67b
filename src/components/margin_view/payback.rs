//! The payback card: cumulative contribution against the fixed cost of entering.

use beachhead_charts::margin_charts::{compact_usd, draw_payback};
use beachhead_engine::economics::{Payback, PAYBACK_CHART_MONTHS};
use leptos::prelude::*;

use super::text::whole_usd;
use super::Current;
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::i18n::{t, tf};

#[component]
pub(super) fn PaybackCard(current: Memo<Option<Current>>) -> impl IntoView {
    let payback = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or(
                Payback {
                    monthly_contribution_usd: 0.0,
                    fixed_usd: 0.0,
                },
                |c| Payback::of(&c.economics),
            )
        })
    });
    // As drawn: cumulative contribution each month to the horizon, and the fixed-cost line.
    let table = Memo::new(move |_| {
        let p = payback.get();
        TableData::new(
            &[
                t("Months after launch"),
                t("Cumulative contribution (US$)"),
                t("Fixed entry cost (US$)"),
            ],
            p.series(PAYBACK_CHART_MONTHS)
                .into_iter()
                .map(|(m, cumulative)| {
                    vec![m.to_string(), whole_usd(cumulative), whole_usd(p.fixed_usd)]
                })
                .collect(),
        )
    });
    let summary = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or_else(String::new, |c| match c.economics.payback_months {
                Some(m) => tf("Cumulative contribution passes the fixed entry cost of {} after {} months", &[&compact_usd(c.economics.fixed_usd), &format!("{m:.1}")]),
                None => t("The launch never pays back: each unit loses money or no units are forecast").into(),
            })
        })
    });
    view! {
        <section class="card" aria-labelledby="payback-title">
            <h2 id="payback-title">{move || t("Break-even and payback")}</h2>
            <CanvasChart
                draw=move |backend, ratio| {
                    let p = payback.get();
                    draw_payback(backend, p.monthly_contribution_usd, p.fixed_usd, PAYBACK_CHART_MONTHS, ratio, &t)
                }
                summary=summary
                testid="payback-chart"
                class="payback-canvas"
            />
            <DataTable label="payback data" data=table testid="payback-chart-table"/>
        </section>
    }
}
