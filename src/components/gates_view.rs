//! Go/no-go gates: the user's criteria, every candidate's pass or fail on each with the
//! evidence, the decision board, and for one market what it would take to pass.

use beachhead_engine::gates::{
    default_gates, describe_gap, shortfalls, unused_metrics, Bound, Decision, Gate, GateResult,
    Metric, Outcome,
};
use leptos::prelude::*;

use crate::components::data_table::{CsvButton, ShowAllNote, TableData};
use crate::i18n::{market_name, phrase, t, tf};
use crate::state::explorer::Explorer;
use crate::state::gate_board::{
    gate_text, metric_text, unit_text, value_text, BoardRow, GateBoard,
};
use crate::state::navigation::{Navigation, Tab};
use beachhead_engine::decision_board::tally;

pub fn decision_class(decision: Decision) -> &'static str {
    match decision {
        Decision::Go => "decision go",
        Decision::TestFirst => "decision test-first",
        Decision::NoGo => "decision no-go",
    }
}

/// "✓ 62.3 of 100", "✗ 3.8%", "no test market yet".
pub fn result_text(result: &GateResult) -> String {
    match (result.outcome, result.value) {
        (Outcome::Untested, _) | (_, None) => {
            if result.gate.metric.needs_test_market() {
                t("not tested").into()
            } else {
                t("no data").into()
            }
        }
        (Outcome::Pass, Some(v)) => format!("✓ {}", value_text(result.gate.metric, v)),
        (Outcome::Fail, Some(v)) => format!("✗ {}", value_text(result.gate.metric, v)),
    }
}

fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::Untested => "untested",
    }
}

/// Short column heading for a gate on the board.
fn short_label(metric: Metric) -> &'static str {
    match metric {
        Metric::ReadinessScore => t("Readiness"),
        Metric::ReadinessRank => t("Rank"),
        Metric::ContributionPct => t("Margin"),
        Metric::PaybackMonths => t("Payback"),
        Metric::SellThroughPct => t("Sell-through"),
        Metric::ReturnRatePct => t("Returns"),
        Metric::Rating => t("Rating"),
        Metric::RepairTurnaroundDays => t("Repairs"),
        Metric::StockoutDays => t("Stock-outs"),
        Metric::FlashSelloutPct => t("Flash sell-out"),
        Metric::OurSharePct => t("Our share"),
    }
}

/// Why one market got its decision, in a sentence.
pub fn verdict_sentence(row: &BoardRow) -> String {
    let failed: Vec<&str> = shortfalls(&row.results)
        .into_iter()
        .map(metric_text)
        .collect();
    let name = market_name(&row.iso3, &row.name);
    match row.decision {
        Decision::Go => tf("{}: go. Every gate passes.", &[&name]),
        Decision::TestFirst => tf(
            "{}: test first. The desk gates pass; run a test market before committing.",
            &[&name],
        ),
        Decision::NoGo => tf(
            "{}: no-go. Short on {}.",
            &[&name, &failed.join(t(", ")).to_lowercase()],
        ),
    }
}

#[component]
fn GateEditor(board: GateBoard) -> impl IntoView {
    let errors = RwSignal::new(std::collections::BTreeMap::<&'static str, String>::new());
    let unused = move || board.gates.with(|gates| unused_metrics(gates));
    let set_threshold = move |metric: Metric, text: String| {
        match metric.parse_threshold(&text) {
            Some(v) => {
                errors.update(|e| {
                    e.remove(metric.id());
                });
                board.gates.update(|gates| {
                    if let Some(g) = gates.iter_mut().find(|g| g.metric == metric) {
                        g.threshold = v;
                    }
                });
            }
            // The text found; the message is built when shown, so it follows the language.
            None => errors.update(|e| {
                e.insert(metric.id(), text.trim().to_owned());
            }),
        }
    };
    view! {
        <div class="gate-editor" data-testid="gate-editor">
            <For
                each=move || board.gates.get()
                key=|gate| gate.metric
                children=move |gate: Gate| {
                    let metric = gate.metric;
                    let bound = move || match metric.bound() {
                        Bound::AtLeast => t("at least"),
                        Bound::AtMost => t("at most"),
                    };
                    let (lo, hi) = metric.range();
                    let id = format!("gate-{}", metric.id());
                    let error = move || errors.with(|e| e.get(metric.id()).cloned());
                    view! {
                        <div class="gate-row" class:invalid=move || error().is_some()>
                            <label for=id.clone()>{move || crate::state::gate_board::metric_text(metric)}</label>
                            <span class="muted">{bound}</span>
                            <input
                                id=id.clone()
                                type="text"
                                inputmode="decimal"
                                data-testid=id
                                value=gate.threshold.to_string()
                                aria-invalid=move || error().is_some().to_string()
                                on:input=move |ev| set_threshold(metric, event_target_value(&ev))
                            />
                            <span class="assumption-unit">{move || unit_text(metric)}</span>
                            <button
                                type="button"
                                class="chip-remove"
                                aria-label=move || tf("Remove the {} gate", &[&crate::state::gate_board::metric_text(metric)])
                                on:click=move |_| {
                                    board.gates.update(|g| g.retain(|x| x.metric != metric));
                                    errors.update(|e| {
                                        e.remove(metric.id());
                                    });
                                }
                            >
                                "×"
                            </button>
                            {move || error().map(|found| view! { <span class="field-error" role="alert">{tf("found \"{}\"; expected a number from {} to {}", &[&found, &lo, &hi])}</span> })}
                        </div>
                    }
                }
            />
            <div class="gate-actions">
                <label>
                    {move || t("Add a gate")}" "
                    <select
                        data-testid="add-gate"
                        on:change=move |ev| {
                            if let Some(metric) = Metric::from_id(&event_target_value(&ev)) {
                                let threshold = metric.starting_threshold();
                                board.gates.update(|g| g.push(Gate { metric, threshold }));
                            }
                        }
                        prop:value=""
                    >
                        <option value="" selected=true>{move || t("choose…")}</option>
                        {move || unused().into_iter().map(|m| view! { <option value=m.id()>{crate::state::gate_board::metric_text(m)}</option> }).collect_view()}
                    </select>
                </label>
                <button
                    type="button"
                    class="button secondary"
                    on:click=move |_| {
                        errors.set(Default::default());
                        board.gates.set(default_gates());
                    }
                >
                    {move || t("Reset to the default gates")}
                </button>
            </div>
        </div>
    }
}

/// Board rows shown before "Show all".
const BOARD_PREVIEW: usize = 50;

#[component]
pub fn GatesView(explorer: Explorer, board: GateBoard) -> impl IntoView {
    view! {
        <div class="gates-view">
            <section class="card gates-setup" aria-labelledby="gates-title">
                <h2 id="gates-title">{move || t("Go/no-go gates")}</h2>
                <p class="subtitle">
                    {move || t("Set the bar a market must clear. Desk gates (readiness, margin, payback) use the current weights and assumptions; test-market gates use the test markets' latest quarter. A market that clears the desk gates but has no test market yet is marked test first.")}
                </p>
                <GateEditor board/>
            </section>
            <GateDetailCard explorer board/>
            <DecisionBoardCard explorer board/>
        </div>
    }
}

/// The evidence for one market: each gate, its result and what it would take.
#[component]
fn GateDetailCard(explorer: Explorer, board: GateBoard) -> impl IntoView {
    let navigation = use_context::<Navigation>();
    let detail = Memo::new(move |_| {
        let market = explorer.selected_market();
        board.rows.with(|rows| {
            market
                .and_then(|m| rows.iter().find(|r| r.market == m))
                .or_else(|| rows.first())
                .cloned()
        })
    });
    view! {
        <section class="card" aria-labelledby="detail-title">
            {move || detail.get().map(|row| {
                let iso3 = row.iso3.clone();
                view! {
                    <h2 id="detail-title">
                        {tf("{}: ", &[&market_name(&row.iso3, &row.name)])}
                        <span class=decision_class(row.decision) data-testid="detail-decision">{move || crate::state::gate_board::decision_text(row.decision)}</span>
                    </h2>
                    <p class="standing" data-testid="detail-verdict">{verdict_sentence(&row)}</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Gates for this market")>
                        <table class="data-table" data-testid="gate-detail">
                            <thead><tr><th scope="col">{move || t("Gate")}</th><th scope="col">{move || t("Evidence")}</th><th scope="col">{move || t("Result")}</th><th scope="col">{move || t("What it would take")}</th></tr></thead>
                            <tbody>
                                {row.results.iter().map(|r| view! {
                                    <tr class=outcome_class(r.outcome)>
                                        <th scope="row">{gate_text(r.gate)}</th>
                                        <td>{evidence_text(&row, r)}</td>
                                        <td class=format!("result {}", outcome_class(r.outcome))>{match r.outcome { Outcome::Pass => t("pass"), Outcome::Fail => t("fail"), Outcome::Untested => t("no evidence") }}</td>
                                        <td>{describe_gap(r).map(|gap| phrase(&gap)).unwrap_or_else(|| match r.outcome {
                                            Outcome::Fail => t("cannot pass: the unit loses money").into(),
                                            Outcome::Untested if r.gate.metric.needs_test_market() => t("run a test market").into(),
                                            Outcome::Untested => t("needs the market's duty, VAT and exchange rate").into(),
                                            Outcome::Pass => "–".into(),
                                        })}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <p class="actions">
                        <button type="button" class="button secondary" data-testid="open-memo" on:click=move |_| {
                            explorer.selected.set(Some(iso3.clone()));
                            if let Some(nav) = navigation { nav.go(Tab::Memo); }
                        }>{move || t("Open the decision memo")}</button>
                    </p>
                }
            })}
        </section>
    }
}

/// Every candidate's decision, with a cell per gate.
#[component]
fn DecisionBoardCard(explorer: Explorer, board: GateBoard) -> impl IntoView {
    let counts = Memo::new(move |_| board.rows.with(|rows| tally(rows)));
    let headers = move || {
        board.gates.with(|gates| {
            gates
                .iter()
                .map(|g| view! { <th scope="col" title=gate_text(*g)>{short_label(g.metric)}</th> })
                .collect_view()
        })
    };
    let csv = Signal::derive(move || {
        let mut headers: Vec<String> = [t("Market"), "ISO3", t("Candidate rank"), t("Decision")]
            .map(String::from)
            .to_vec();
        board
            .gates
            .with(|gates| headers.extend(gates.iter().map(|g| gate_text(*g))));
        TableData {
            headers,
            numeric: Vec::new(),
            rows: board.rows.with(|rows| {
                rows.iter()
                    .map(|r| {
                        let mut row = vec![
                            r.name.clone(),
                            r.iso3.clone(),
                            r.rank.to_string(),
                            r.decision.label().to_owned(),
                        ];
                        row.extend(r.results.iter().map(result_text));
                        row
                    })
                    .collect()
            }),
        }
    });
    // The board lists the best-ranked candidates until asked for all: a row per market with a
    // cell per gate made the view's first layout over 50 ms at 217 markets. The CSV has them all.
    let show_all = RwSignal::new(false);
    let total = Memo::new(move |_| board.rows.with(Vec::len));
    let open = move |iso3: String| {
        explorer.selected.set(Some(iso3));
        // The evidence is above the board: bring it into view once it shows the new market.
        request_animation_frame(|| {
            if let Some(title) = document().get_element_by_id("detail-title") {
                title.scroll_into_view();
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="board-title">
            <h2 id="board-title">{move || t("Decision board")}</h2>
            <p class="subtitle" data-testid="board-counts">
                {move || {
                    let (go, test, no) = counts.get();
                    tf("{} candidate markets under the current filters: {} go, {} test first, {} no-go. Click a market for its evidence.", &[&(go + test + no), &go, &test, &no])
                }}
            </p>
            <p class="table-actions"><CsvButton label="decision board" data=csv testid="decision-board"/></p>
            <div class="table-scroll board-scroll" tabindex="0" role="region" aria-label=move || t("Decision board")>
                <table class="data-table board" data-testid="decision-board">
                    <thead><tr><th scope="col">{move || t("Market")}</th><th scope="col">{move || t("Decision")}</th>{headers}</tr></thead>
                    <tbody>
                        {move || board.rows.with(|rows| rows.iter().take(if show_all.get() { rows.len() } else { BOARD_PREVIEW }).map(|row| {
                            let iso3 = row.iso3.clone();
                            view! {
                                <tr>
                                    <th scope="row"><button type="button" class="market-link" on:click=move |_| open(iso3.clone())>{market_name(&row.iso3, &row.name).to_owned()}</button></th>
                                    <td><span class=decision_class(row.decision)>{crate::state::gate_board::decision_text(row.decision)}</span></td>
                                    {row.results.iter().map(|r| view! { <td class=format!("result {}", outcome_class(r.outcome))>{result_text(r)}</td> }).collect_view()}
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
            <ShowAllNote
                shown=BOARD_PREVIEW
                total=total
                show_all=show_all
                message=|shown, total| tf("The first {} of {} markets.", &[&shown, &total])
                testid="decision-board-show-all".to_owned()
            />
        </section>
    }
}

/// The evidence a gate result rests on, with where it comes from.
pub fn evidence_text(row: &BoardRow, result: &GateResult) -> String {
    let Some(value) = result.value else {
        return if result.gate.metric.needs_test_market() {
            t("no test-market data").into()
        } else {
            t("no economics for this market").into()
        };
    };
    let shown = value_text(result.gate.metric, value);
    match result.gate.metric {
        Metric::ReadinessScore => tf("{}, rank {} of the candidates", &[&shown, &row.rank]),
        Metric::ReadinessRank => tf(
            "{} of the candidates, score {}",
            &[&shown, &format!("{:.1}", row.score)],
        ),
        Metric::ContributionPct | Metric::PaybackMonths => {
            tf("{}, blended over the SKUs (Margins)", &[&shown])
        }
        _ => match &row.evidence.kpis {
            Some(k) => tf(
                "{}, last {} weeks to {}",
                &[&shown, &k.recent_weeks, &k.latest_week],
            ),
            None => shown,
        },
    }
}
