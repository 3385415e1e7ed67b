//! The go/no-go decision board: the user's gates applied to every candidate market, with the
//! evidence each result rests on.

use beachhead_engine::decision_board::board;
pub use beachhead_engine::decision_board::BoardRow;
use beachhead_engine::gates::{default_gates, describe, format_value, Decision, Gate, Metric};
use beachhead_engine::MarketIndex;
use leptos::prelude::*;

use crate::i18n::{data_text, phrase, t};
use crate::state::explorer::Explorer;
use crate::state::test_markets::TestMarketState;

#[derive(Clone, Copy)]
pub struct GateBoard {
    pub gates: RwSignal<Vec<Gate>>,
    /// Go first, then test first, then no-go; by readiness within each.
    pub rows: Memo<Vec<BoardRow>>,
}

impl GateBoard {
    pub fn new(explorer: Explorer, tests: TestMarketState) -> Self {
        let gates = RwSignal::new(default_gates());
        let rows = Memo::new(move |_| {
            let gates = gates.get();
            explorer.dataset.with(|d| {
                explorer.ranking.with(|r| {
                    explorer.candidates.with(|c| {
                        explorer.economics.with(|econ| {
                            tests.kpis.with(|kpis| {
                                let economics = |market: MarketIndex| {
                                    econ.get(market.0).and_then(|e| e.as_ref().ok())
                                };
                                board(d, r, c, &gates, economics, kpis)
                            })
                        })
                    })
                })
            })
        });
        Self { gates, rows }
    }

    /// The row of one market, if it is a candidate.
    pub fn row(&self, market: MarketIndex) -> Option<BoardRow> {
        self.rows
            .with(|rows| rows.iter().find(|r| r.market == market).cloned())
    }
}

/// A decision in the language in use (the engine's label is the English, for files and links).
pub fn decision_text(decision: Decision) -> &'static str {
    match decision {
        Decision::Go => t("Go"),
        Decision::TestFirst => t("Test first"),
        Decision::NoGo => t("No-go"),
    }
}

/// A gate metric's name in the language in use.
pub fn metric_text(metric: Metric) -> &'static str {
    match metric {
        Metric::ReadinessScore => t("Readiness score"),
        Metric::ReadinessRank => t("Readiness rank"),
        Metric::ContributionPct => t("Contribution margin"),
        Metric::PaybackMonths => t("Payback"),
        Metric::SellThroughPct => t("Sell-through against plan"),
        Metric::ReturnRatePct => t("Return rate"),
        Metric::Rating => t("User rating"),
        Metric::RepairTurnaroundDays => t("Repair turnaround"),
        Metric::StockoutDays => t("Stock-out days"),
        Metric::FlashSelloutPct => t("Flash-sale sell-out"),
        Metric::OurSharePct => t("Our market share"),
    }
}

/// A gate's unit as it follows a number ("of 100", "months"), in the language in use.
pub fn unit_text(metric: Metric) -> &'static str {
    data_text(metric.unit())
}

/// A metric's value as `gates::format_value` words it ("62.3 of 100", "rank 4"), in the
/// language in use.
pub fn value_text(metric: Metric, value: f64) -> String {
    phrase(&format_value(metric, value))
}

/// A gate as `gates::describe` words it ("Readiness score at least 55 of 100"), in the
/// language in use; files keep the engine's English.
pub fn gate_text(gate: Gate) -> String {
    phrase(&describe(gate))
}

#[cfg(test)]
mod tests {
    use beachhead_engine::gates::Metric;

    /// In English the app's names are the engine's, so files and screens agree.
    #[test]
    fn the_english_names_are_the_engines() {
        for metric in Metric::ALL {
            assert_eq!(super::metric_text(metric), metric.label());
        }
    }
}
