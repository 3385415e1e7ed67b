//! The decision memo: one printable page for one market (the decision and why, its readiness
//! profile, unit economics, test-market sell-through, the gates and the assumptions behind
//! them). The print stylesheet leaves only this page, so the browser's print to PDF gives a
//! clean sheet.

use beachhead_charts::margin_charts::{draw_waterfall, WaterfallStep};
use beachhead_charts::palette::css_hex;
use beachhead_charts::profile_chart::{draw_profile, series_color, ProfileRow};
use beachhead_charts::time_chart::draw_time_chart;
use beachhead_engine::economics::market_economics;
use beachhead_engine::gates::{describe_gap, Outcome};
use leptos::prelude::*;

use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::components::gates_view::{decision_class, evidence_text, verdict_sentence};
use crate::components::margin_view::waterfall_amount;
use crate::components::tracker_view::{kpi_tiles, sell_through_chart};
use crate::format;
use crate::i18n::{data_text, market_name, t, tf};
use crate::state::explorer::Explorer;
use crate::state::gate_board::GateBoard;
use crate::state::test_markets::TestMarketState;

#[component]
pub fn MemoView(explorer: Explorer, board: GateBoard, tests: TestMarketState) -> impl IntoView {
    let market = Memo::new(move |_| explorer.selected_market());
    let row = Memo::new(move |_| market.get().and_then(|m| board.row(m)));
    let detail = Memo::new(move |_| {
        let m = market.get()?;
        explorer.market_detail(m)
    });
    let profile = Memo::new(move |_| {
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
    let economics = Memo::new(move |_| {
        let m = market.get()?;
        explorer.dataset.with(|d| {
            explorer
                .assumptions
                .with(|a| market_economics(a, d, m).ok())
        })
    });
    let steps = Memo::new(move |_| {
        economics.with(|e| {
            e.as_ref().map_or_else(Vec::new, |e| {
                e.blended
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
    // The charts' values as drawn, for their data tables.
    let profile_table = Memo::new(move |_| {
        profile.with(|rows| {
            TableData::new(
                &[
                    t("Pillar"),
                    t("This market"),
                    t("Region median"),
                    t("Top-10 median"),
                ],
                rows.iter()
                    .map(|r| {
                        let mut cells = vec![r.label.clone()];
                        cells.extend(r.values.iter().map(|v| {
                            v.map_or_else(|| t("no data").to_owned(), |v| format!("{v:.0}"))
                        }));
                        cells
                    })
                    .collect(),
            )
        })
    });
    let waterfall_table = Memo::new(move |_| {
        steps.with(|steps| {
            TableData::new(
                &[t("Step"), t("US$ per unit")],
                steps
                    .iter()
                    .map(|s| vec![s.label.clone(), waterfall_amount(s)])
                    .collect(),
            )
        })
    });
    let track = Memo::new(move |_| {
        let m = market.get()?;
        tests
            .tracks
            .with(|t| t.iter().find(|t| t.market == m).cloned())
    });
    let sales = Memo::new(move |_| {
        track
            .get()
            .map(|t| sell_through_chart(&t))
            .unwrap_or_default()
    });
    let name = Memo::new(move |_| {
        detail.with(|d| {
            d.as_ref()
                .map(|d| market_name(&d.iso3, &d.name).to_owned())
                .unwrap_or_default()
        })
    });
    let today = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect::<String>();
    let weights = Memo::new(move |_| {
        explorer.pillars.with(|pillars| {
            explorer.weight_shares.with(|shares| {
                pillars
                    .iter()
                    .map(|p| {
                        format!(
                            "{} {:.0}%",
                            data_text(&p.label),
                            shares.get(&p.id).copied().unwrap_or(0.0) * 100.0
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(t(", "))
            })
        })
    });
    let print = move |_| {
        if let Err(e) = window().print() {
            leptos::logging::warn!("print failed: {e:?}");
        }
    };

    view! {
        <div class="memo-toolbar no-print">
            <label class="picker">
                {move || t("Market")}" "
                <select data-testid="memo-market" on:change=move |ev| explorer.selected.set(Some(event_target_value(&ev)))>
                    {move || {
                        let shown = detail.with(|d| d.as_ref().map(|d| d.iso3.clone()));
                        explorer.market_options.with(|options| options.iter().map(|(code, name)| {
                            view! { <option value=code.clone() selected=shown.as_deref() == Some(code.as_str())>{name.clone()}</option> }
                        }).collect_view())
                    }}
                </select>
            </label>
            <button type="button" class="button" data-testid="print-memo" on:click=print>{move || t("Print or save as PDF")}</button>
            <span class="hint">{move || t("One A4 page; the print leaves out the app around it.")}</span>
        </div>
        <article class="memo-page" data-testid="memo">
            <header class="memo-header">
                <div>
                    <p class="memo-kicker">{move || t("Beachhead decision memo")}</p>
                    <h2 data-testid="memo-title">{move || name.get()}</h2>
                </div>
                <div class="memo-decision">
                    {move || row.get().map(|r| view! { <span class=decision_class(r.decision) data-testid="memo-decision">{crate::state::gate_board::decision_text(r.decision)}</span> })}
                    <span class="memo-date">{today}</span>
                </div>
            </header>
            <p class="memo-verdict">
                {move || match row.get() {
                    Some(r) => verdict_sentence(&r),
                    None => tf("{} is not a candidate under the current filters, so the gates were not applied.", &[&name.get()]),
                }}
            </p>
            {move || detail.get().map(|d| view! {
                <p class="memo-facts">
                    {tf(
                        "Readiness {} · rank {} of the candidates ({} worldwide) · {}",
                        &[
                            &d.score.map_or("–".into(), |s| format!("{s:.1}")),
                            &d.candidate_rank.map_or("–".into(), |r| r.to_string()),
                            &d.world_rank.map_or("–".into(), |r| r.to_string()),
                            &d.facts,
                        ],
                    )}
                </p>
            })}
            // Each chart with its data table in a `.card`, kept flat (no padding or border) so
            // the page still prints on one sheet; the tables stay off paper.
            <div class="memo-grid">
                <section class="card memo-chart" style:padding="0" style:border="0">
                    <h3>{move || t("Readiness profile")}</h3>
                    <ul class="legend small">
                        {[
                            (|| t("This market")) as fn() -> &'static str,
                            || t("Region median"),
                            || t("Top-10 median"),
                        ].into_iter().enumerate().map(|(i, l)| view! {
                            <li><span class="swatch" style:background=css_hex(series_color(i))></span>{move || l()}</li>
                        }).collect_view()}
                    </ul>
                    <CanvasChart draw=move |backend, ratio| profile.with(|rows| draw_profile(backend, rows, ratio)) summary=Signal::derive(move || tf("Pillar scores of {}", &[&name.get()])) testid="memo-profile" class="memo-canvas"/>
                    <div class="no-print">
                        <DataTable label="readiness profile" data=profile_table testid="memo-profile-table"/>
                    </div>
                </section>
                <section class="card memo-chart" style:padding="0" style:border="0">
                    <h3>{move || t("Unit economics (blended, US$)")}</h3>
                    {move || economics.with(|e| e.is_none()).then(|| view! { <p class="notice">{move || t("No economics: the market lacks duty, VAT or an exchange rate.")}</p> })}
                    <CanvasChart draw=move |backend, ratio| steps.with(|s| draw_waterfall(backend, s, ratio)) summary=Signal::derive(move || tf("Price waterfall for {}", &[&name.get()])) testid="memo-waterfall" class="memo-canvas"/>
                    <div class="no-print">
                        <DataTable label="price waterfall" data=waterfall_table testid="memo-waterfall-table"/>
                    </div>
                </section>
            </div>
            <section class="memo-test card memo-chart" style:padding="0" style:border="0">
                <h3>{move || t("Test market")}</h3>
                {move || match track.get() {
                    Some(t) => {
                        let k = t.kpis();
                        view! {
                            <div class="kpis compact">
                                {kpi_tiles(&k).into_iter().take(5).map(|(_, value, label)| view! {
                                    <div class="kpi"><span class="kpi-value">{value}</span><span class="kpi-label">{label}</span></div>
                                }).collect_view()}
                            </div>
                        }.into_any()
                    }
                    None => view! { <p class="muted" data-testid="memo-no-test">{move || t("No test market has run here yet.")}</p> }.into_any(),
                }}
                // Created when a track appears: a canvas drawn while hidden has no size.
                {move || track.with(Option::is_some).then(|| view! {
                    <CanvasChart draw=move |backend, ratio| sales.with(|c| draw_time_chart(backend, c, ratio)) summary=Signal::derive(move || tf("Weekly sell-through against plan in {}", &[&name.get()])) testid="memo-sales" class="memo-sales-canvas"/>
                    <div class="no-print">
                        <DataTable label="weekly sales" data=Signal::derive(move || track.with(|t| t.as_ref().map(|t| crate::components::tracker_view::weekly_table(t)).unwrap_or_default())) testid="memo-sales-table"/>
                    </div>
                })}
            </section>
            <section>
                <h3>{move || t("Gates")}</h3>
                <table class="data-table memo-table" data-testid="memo-gates">
                    <thead><tr><th scope="col">{move || t("Gate")}</th><th scope="col">{move || t("Evidence")}</th><th scope="col">{move || t("Result")}</th></tr></thead>
                    <tbody>
                        {move || row.get().map(|r| r.results.iter().map(|g| {
                            let result = match g.outcome {
                                Outcome::Pass => t("pass").to_owned(),
                                Outcome::Fail => describe_gap(g).map_or(t("fail").into(), |gap| tf("fail: {}", &[&gap])),
                                Outcome::Untested => t("no evidence").to_owned(),
                            };
                            view! {
                                <tr>
                                    <th scope="row">{crate::state::gate_board::gate_text(g.gate)}</th>
                                    <td>{evidence_text(&r, g)}</td>
                                    <td class=format!("result {}", match g.outcome { Outcome::Pass => "pass", Outcome::Fail => "fail", Outcome::Untested => "untested" })>{result}</td>
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </section>
            <section>
                <h3>{move || t("Assumptions")}</h3>
                <dl class="memo-assumptions" data-testid="memo-assumptions">
                    {move || economics.get().map(|e| {
                        let b = &e.blended;
                        let items = vec![
                            (t("Shelf price (blended)"), format!("US$ {:.2}", b.retail_usd)),
                            (t("VAT / import duty"), format!("{:.1}% / {:.1}%", b.vat_pct, b.duty_pct)),
                            (t("Channel margin (mix)"), tf("{}% of the net price", &[&format!("{:.1}", b.channel_usd / b.net_usd.max(1e-9) * 100.0)])),
                            (t("Contribution"), format!("US$ {:.2} ({:.1}%)", b.contribution_usd, b.contribution_pct)),
                            (t("Fixed entry costs"), format!("US$ {}", format::value(b.fixed_usd, ""))),
                            (t("Units a year at target share"), format::value(b.annual_units, "")),
                            (t("Payback"), b.payback_months.map_or(t("never").into(), |m| tf("{} months", &[&format!("{m:.1}")]))),
                        ];
                        items.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()
                    })}
                    <div><dt>{move || t("Readiness weights")}</dt><dd>{move || weights.get()}</dd></div>
                </dl>
            </section>
            <footer class="memo-footer">
                {move || t("Readiness: World Bank WDI and ITU via Our World in Data (CC BY 4.0), VAT from sales-tax (MIT); community, competition and service data, prices, costs and the test markets are illustrative. Made with Beachhead; every number recomputes in the browser.")}
            </footer>
        </article>
    }
}
