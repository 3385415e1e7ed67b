//! The margin-against-price card: contribution margin from 60% to 140% of today's price.

use beachhead_charts::margin_charts::draw_margin_curve;
use beachhead_engine::economics::PriceCurve;
use leptos::prelude::*;

use super::Current;
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::i18n::{t, tf};

#[component]
pub(super) fn MarginCurveCard(current: Memo<Option<Current>>) -> impl IntoView {
    let curve = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or(
                PriceCurve {
                    points: Vec::new(),
                    today: (0.0, 0.0),
                },
                |c| c.inputs.local_price_curve(c.usd_per_unit, 0.6, 1.4, 41),
            )
        })
    });
    let currency =
        move || current.with(|c| c.as_ref().map_or_else(String::new, |c| c.currency.clone()));
    let table = Memo::new(move |_| {
        let price = tf("Retail price ({})", &[&currency()]);
        curve.with(|curve| {
            TableData::new(
                &[
                    price.as_str(),
                    t("Contribution margin (%)"),
                    t("% of today's price"),
                ],
                curve
                    .points
                    .iter()
                    .map(|&(p, m)| {
                        vec![
                            format!("{p:.0}"),
                            format!("{m:.1}"),
                            curve
                                .pct_of_today(p)
                                .map_or_else(|| "–".into(), |pct| format!("{pct:.0}")),
                        ]
                    })
                    .collect(),
            )
        })
    });
    let summary = Memo::new(move |_| {
        if current.with(Option::is_none) {
            return String::new();
        }
        curve.with(|c| {
            let (lo, hi) = (
                c.points.first().copied().unwrap_or_default(),
                c.points.last().copied().unwrap_or_default(),
            );
            tf(
                "Contribution margin against retail price in {}: {}% at {}, {}% at {}; today {}%",
                &[
                    &currency(),
                    &format!("{:.1}", lo.1),
                    &format!("{:.0}", lo.0),
                    &format!("{:.1}", hi.1),
                    &format!("{:.0}", hi.0),
                    &format!("{:.1}", c.today.1),
                ],
            )
        })
    });
    view! {
        <section class="card" aria-labelledby="curve-title">
            <h2 id="curve-title">{move || t("Margin against price")}</h2>
            <CanvasChart
                draw=move |backend, ratio| curve.with(|c| draw_margin_curve(backend, &c.points, c.today, ratio))
                summary=summary
                testid="margin-curve"
                class="payback-canvas"
            />
            <DataTable label="margin against price data" data=table testid="margin-curve-table"/>
            <p class="hint">{move || tf("Retail price in {} from 60% to 140% of today's (the dot); all else held.", &[&currency()])}</p>
        </section>
    }
}
