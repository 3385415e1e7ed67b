//! The memo's gate results and the assumptions behind them.

use beachhead_engine::economics::MarketEconomics;
use beachhead_engine::gates::{describe_gap, Outcome};
use leptos::prelude::*;

use crate::components::gates_view::evidence_text;
use crate::format;
use crate::i18n::{data_text, phrase, t, tf};
use crate::state::data_catalogue::shares_text;
use crate::state::explorer::Explorer;
use crate::state::gate_board::BoardRow;

/// Each gate with its evidence and result.
#[component]
pub(super) fn MemoGates(row: Memo<Option<BoardRow>>) -> impl IntoView {
    view! {
    <section>
        <h3>{move || t("Gates")}</h3>
        <table class="data-table memo-table" data-testid="memo-gates">
            <thead><tr><th scope="col">{move || t("Gate")}</th><th scope="col">{move || t("Evidence")}</th><th scope="col">{move || t("Result")}</th></tr></thead>
            <tbody>
                {move || row.get().map(|r| r.results.iter().map(|g| {
                    let result = match g.outcome {
                        Outcome::Pass => t("pass").to_owned(),
                        Outcome::Fail => describe_gap(g).map_or(t("fail").into(), |gap| tf("fail: {}", &[&phrase(&gap)])),
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
    }
}

/// The unit economics assumptions and the readiness weights.
#[component]
pub(super) fn MemoAssumptions(
    explorer: Explorer,
    economics: Memo<Option<MarketEconomics>>,
) -> impl IntoView {
    let weights = Memo::new(move |_| {
        explorer.pillars.with(|pillars| {
            explorer.weight_shares.with(|shares| {
                // A pillar that weighs nothing (an illustrative layer while off) is left out.
                pillars
                    .iter()
                    .filter_map(|p| {
                        let share = shares.get(&p.id).copied().unwrap_or(0.0);
                        (share > 0.0)
                            .then(|| format!("{} {:.0}%", data_text(&p.label), share * 100.0))
                    })
                    .collect::<Vec<_>>()
                    .join(t(", "))
            })
        })
    });

    view! {
    <section>
        <h3>{move || t("Assumptions")}</h3>
        <dl class="memo-assumptions" data-testid="memo-assumptions">
            {move || economics.get().map(|e| {
                let b = &e.blended;
                let items = vec![
                    (t("Shelf price (blended)"), format!("US$ {:.2}", b.retail_usd)),
                    (t("VAT / import duty"), format!("{:.1}% / {:.1}%", b.vat_pct, b.duty_pct)),
                    (t("Channel margin (mix)"), b.channel_margin_pct().map_or_else(|| "—".to_owned(), |pct| tf("{}% of the net price", &[&format!("{pct:.1}")]))),
                    (t("Contribution"), format!("US$ {:.2} ({:.1}%)", b.contribution_usd, b.contribution_pct)),
                    (t("Fixed entry costs"), format!("US$ {}", format::value(b.fixed_usd, ""))),
                    (t("Units a year at target share"), format::value(b.annual_units, "")),
                    (t("Payback"), b.payback_months.map_or(t("never").into(), |m| tf("{} months", &[&format!("{m:.1}")]))),
                ];
                items.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()
            })}
            <div><dt>{move || t("Readiness weights")}</dt><dd data-testid="memo-weight-status">{move || {
                let layers = if explorer.illustrative.get() {
                    t("illustrative layers on: a demonstration, not a measured ranking")
                } else {
                    t("illustrative layers off")
                };
                let rests_on = explorer.weight_status.with(|w| match &w.overall {
                    Some(o) => tf("Readiness rests on: {} ({}).", &[&shares_text(o), &layers]),
                    None => t("Nothing carries weight.").to_owned(),
                });
                format!("{}. {rests_on}", weights.get())
            }}</dd></div>
        </dl>
    </section>
    }
}
