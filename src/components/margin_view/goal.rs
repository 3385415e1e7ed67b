//! The goal-seek card: the price or bill of materials a target margin needs, and what moves
//! the margin (a tornado of each input 10% lower and higher).

use beachhead_charts::uncertainty_chart::{draw_tornado, TornadoRow};
use beachhead_engine::economics::{margin_tornado, target_margin};
use leptos::prelude::*;

use super::text::{cents, money};
use super::Current;
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::i18n::{data_text, t, tf};

/// What a target margin needs, in words.
fn goal_text(c: &Current, target_pct: f64) -> String {
    let price = c.inputs.price_for_margin(target_pct).map_or_else(
        || t("no price reaches it (price-linked costs take more)").to_owned(),
        |usd| {
            tf(
                "a retail price of {} {} ({})",
                &[
                    &c.currency,
                    &format!("{:.0}", usd / c.usd_per_unit),
                    &money(usd),
                ],
            )
        },
    );
    let bom = c.inputs.max_bom_for_margin(target_pct).map_or_else(
        || t("no bill of materials reaches it at this price").to_owned(),
        |b| tf("a bill of materials of at most {}", &[&money(b)]),
    );
    tf(
        "{}% needs {}, or at today's price {}.",
        &[&target_pct, &price, &bom],
    )
}

#[component]
pub(super) fn GoalSeekCard(
    current: Memo<Option<Current>>,
    target: RwSignal<String>,
) -> impl IntoView {
    let goal = move || {
        let Some(target_pct) = target.with(|text| target_margin(text)) else {
            return t("Enter a target margin from 0 to 100%.").to_owned();
        };
        current.with(|c| {
            c.as_ref()
                .map_or_else(String::new, |c| goal_text(c, target_pct))
        })
    };
    view! {
        <section class="card" aria-labelledby="goal-title">
            <h2 id="goal-title">{move || t("Goal seek")}</h2>
            <label class="assumption">
                <span class="assumption-label">{move || t("Target contribution margin")}</span>
                <input type="number" step="any" data-testid="goal-target" prop:value=move || target.get()
                    on:input=move |ev| target.set(event_target_value(&ev))/>
                <span class="assumption-unit">"%"</span>
            </label>
            <p data-testid="goal-result" class="goal">{goal}</p>
            <MarginTornado current/>
        </section>
    }
}

#[component]
fn MarginTornado(current: Memo<Option<Current>>) -> impl IntoView {
    let rows = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                margin_tornado(&c.inputs, 0.1)
                    .into_iter()
                    .map(|s| TornadoRow {
                        label: data_text(s.input).to_owned(),
                        low: s.contribution_low,
                        high: s.contribution_high,
                    })
                    .collect()
            })
        })
    });
    let base = Memo::new(move |_| {
        current.with(|c| c.as_ref().map_or(0.0, |c| c.economics.contribution_usd))
    });
    let table = Memo::new(move |_| {
        rows.with(|rows| {
            TableData::new(
                &[
                    t("Input"),
                    t("Contribution, input 10% lower (US$)"),
                    t("Contribution, input 10% higher (US$)"),
                ],
                rows.iter()
                    .map(|r| vec![r.label.clone(), cents(r.low), cents(r.high)])
                    .collect(),
            )
        })
    });
    let summary = Memo::new(move |_| {
        rows.with(|rows| {
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    tf(
                        "{}: {} to {}",
                        &[
                            &r.label,
                            &format!("{:.2}", r.low),
                            &format!("{:.2}", r.high),
                        ],
                    )
                })
                .collect();
            tf(
                "Contribution per unit with each input 10% lower and higher: {}",
                &[&parts.join("; ")],
            )
        })
    });
    view! {
        <h2>{move || t("What moves the margin")}</h2>
        <CanvasChart
            draw=move |backend, ratio| rows.with(|rows| draw_tornado(backend, rows, base.get(), ratio))
            summary=summary
            testid="margin-tornado"
            class="tornado-canvas"
        />
        <DataTable label="what moves the margin data" data=table testid="margin-tornado-table"/>
        <p class="hint">{move || t("Contribution per unit (US$) with each input 10% lower (orange) and higher (blue).")}</p>
    }
}
