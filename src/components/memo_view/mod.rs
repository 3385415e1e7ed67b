//! The decision memo: one printable page for one market (the decision and why, its readiness
//! profile, unit economics, test-market sell-through, the gates and the assumptions behind
//! them). The print stylesheet leaves only this page, so the browser's print to PDF gives a
//! clean sheet.
//!
//! A file per part: `charts` (the readiness profile and the waterfall), `test_market` and
//! `tables` (the gates and the assumptions).

mod charts;
mod tables;
mod test_market;

use beachhead_engine::economics::market_economics;
use leptos::prelude::*;

use crate::components::gates_view::{decision_class, verdict_sentence};
use crate::i18n::{data_text, market_name, t, tf};
use crate::state::explorer::Explorer;
use crate::state::gate_board::GateBoard;
use crate::state::test_markets::TestMarketState;
use charts::MemoCharts;
use tables::{MemoAssumptions, MemoGates};
use test_market::MemoTestMarket;

#[component]
pub fn MemoView(explorer: Explorer, board: GateBoard, tests: TestMarketState) -> impl IntoView {
    let market = Memo::new(move |_| explorer.selected_market());
    let row = Memo::new(move |_| market.get().and_then(|m| board.row(m)));
    let detail = Memo::new(move |_| {
        let m = market.get()?;
        explorer.market_detail(m)
    });
    let economics = Memo::new(move |_| {
        let m = market.get()?;
        explorer.dataset.with(|d| {
            explorer
                .assumptions
                .with(|a| market_economics(a, d, m).ok())
        })
    });
    let track = Memo::new(move |_| {
        let m = market.get()?;
        tests
            .tracks
            .with(|t| t.iter().find(|t| t.market == m).cloned())
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
            <MemoCharts detail=detail economics=economics name=name/>
            <MemoTestMarket track=track name=name/>
            <MemoGates row=row/>
            <MemoAssumptions explorer=explorer economics=economics/>
            <footer class="memo-footer">
                {move || detail.get().and_then(|d| {
                    let own: Vec<String> = d
                        .own_sources()
                        .into_iter()
                        .map(|(source, labels)| {
                            let labels: Vec<&str> = labels.iter().map(|l| data_text(l)).collect();
                            tf("{} ({})", &[&source, &labels.join(t(", "))])
                        })
                        .collect();
                    (!own.is_empty()).then(|| view! {
                        <span class="memo-own-sources" data-testid="memo-own-sources">
                            {tf("Values from other sources than their indicator's usual one: {}", &[&own.join(t("; "))])}" "
                        </span>
                    })
                })}
                {move || t("Readiness: World Bank WDI and LPI, ITU via Our World in Data, StatCounter via caniuse (CC BY 4.0); gaps from the IMF World Economic Outlook, the CIA World Factbook and UN World Population Prospects; VAT from sales-tax (MIT); duty from the WTO Information Technology Agreement. Prices, costs and the test markets are illustrative. Made with Beachhead; every number recomputes in the browser.")}
            </footer>
        </article>
    }
}
