//! The waterfall card: from shelf price to contribution, step by step.

use beachhead_charts::margin_charts::{draw_waterfall, WaterfallStep};
use leptos::prelude::*;

use super::Current;
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::i18n::{data_text, t, tf};

/// A waterfall step's amount as the chart labels it, with an ASCII minus so a spreadsheet reads
/// the CSV as numbers: totals as they are, deductions negative ("0.00" when they round to nothing).
pub fn waterfall_amount(step: &WaterfallStep) -> String {
    if step.total {
        format!("{:.2}", step.usd)
    } else {
        match -step.usd {
            d if d < 0.005 => "0.00".to_owned(),
            d => format!("-{d:.2}"),
        }
    }
}

#[component]
pub(super) fn WaterfallCard(current: Memo<Option<Current>>) -> impl IntoView {
    let steps = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                c.economics
                    .waterfall()
                    .into_iter()
                    .map(|s| WaterfallStep {
                        label: data_text(s.label).to_owned(),
                        usd: s.usd,
                        total: s.total,
                    })
                    .collect()
            })
        })
    });
    let summary = Memo::new(move |_| {
        steps.with(|s| {
            let parts: Vec<String> = s
                .iter()
                .map(|s| format!("{} {:.2}", s.label, s.usd))
                .collect();
            tf("Price waterfall, US$ per unit: {}", &[&parts.join("; ")])
        })
    });
    let table = Memo::new(move |_| {
        steps.with(|s| {
            TableData::new(
                &[t("Step"), t("US$ per unit")],
                s.iter()
                    .map(|s| vec![s.label.clone(), waterfall_amount(s)])
                    .collect(),
            )
        })
    });
    view! {
        <section class="card" aria-labelledby="waterfall-title">
            <h2 id="waterfall-title">{move || t("From shelf price to contribution")}</h2>
            <CanvasChart
                draw=move |backend, ratio| steps.with(|s| draw_waterfall(backend, s, ratio, &t))
                summary=summary
                testid="waterfall-chart"
                class="waterfall-canvas"
            />
            <DataTable label="price waterfall data" data=table testid="waterfall-chart-table"/>
        </section>
    }
}
