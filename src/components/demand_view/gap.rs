//! Interest against readiness: the scatter, the markets where one runs ahead of the other,
//! and every market's figures.

use beachhead_charts::demand_chart::{draw_signals, signal_at, signal_layout, SignalPoint};
use beachhead_charts::palette;
use beachhead_engine::demand_signals::{widest_gaps, Verdict, GAP_POINTS};
use leptos::prelude::*;

use super::{verdict_color, Row};
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::i18n::{t, tf};

/// Markets called out on each side of the scatter.
const CALLOUTS: usize = 8;

/// The "Interest against readiness" card; `open` shows a market in the Market view.
#[component]
pub(super) fn GapCard(
    rows: Memo<Vec<Row>>,
    table: Memo<TableData>,
    open: Callback<String>,
) -> impl IntoView {
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
            let signals: Vec<_> = rows.iter().map(|r| &r.signal).collect();
            widest_gaps(&signals, verdict, CALLOUTS)
                .into_iter()
                .map(|i| {
                    let r = &rows[i];
                    (r.iso3.clone(), r.name.clone(), r.signal.gap.unwrap_or(0.0))
                })
                .collect::<Vec<_>>()
        })
    };
    let ahead = Memo::new(move |_| callouts(Verdict::InterestAhead));
    let behind = Memo::new(move |_| callouts(Verdict::ReadinessAhead));
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
            open.run(code);
        }
    };
    let callout_list = move |items: Memo<Vec<(String, String, f64)>>, testid: &'static str| {
        view! {
            <ol class="callouts" data-testid=testid>
                {move || items.get().into_iter().map(|(iso3, name, gap)| view! {
                    <li>
                        <button type="button" class="market-link" on:click=move |_| open.run(iso3.clone())>{name}</button>
                        <span class="muted">{format!(" {}", tf("{} points", &[&format!("{gap:+.0}")]))}</span>
                    </li>
                }).collect_view()}
            </ol>
        }
    };

    view! {
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
                    draw=move |backend, ratio| points.with(|p| draw_signals(backend, p, GAP_POINTS, ratio, &t))
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
    }
}
