//! The go/no-go decision board: the user's gates applied to every candidate market, with the
//! evidence each result rests on.

use beachhead_engine::gates::{
    default_gates, evaluate, Decision, Evidence, Gate, GateResult, Metric,
};
use leptos::prelude::*;

use crate::explorer::Explorer;
use crate::i18n::t;
use crate::test_markets::TestMarketState;

#[derive(Debug, Clone, PartialEq)]
pub struct BoardRow {
    pub market: usize,
    pub iso3: String,
    pub name: String,
    /// Rank among the candidates the filters keep.
    pub rank: usize,
    pub score: f64,
    pub evidence: Evidence,
    pub results: Vec<GateResult>,
    pub decision: Decision,
}

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
                                let mut rows: Vec<BoardRow> = c
                                    .iter()
                                    .map(|&(i, rank)| {
                                        let s = &r.scores[i];
                                        let economics =
                                            econ.get(s.market).and_then(|(_, e)| e.as_ref().ok());
                                        let evidence = Evidence {
                                            readiness_score: Some(s.score),
                                            readiness_rank: Some(rank),
                                            contribution_pct: economics.map(|e| e.contribution_pct),
                                            payback_months: economics
                                                .map(|e| e.payback_months.unwrap_or(f64::INFINITY)),
                                            kpis: kpis.get(&s.market).cloned(),
                                        };
                                        let (results, decision) = evaluate(&gates, &evidence);
                                        let market = &d.markets()[s.market];
                                        BoardRow {
                                            market: s.market,
                                            iso3: market.iso3.clone(),
                                            name: market.name.clone(),
                                            rank,
                                            score: s.score,
                                            evidence,
                                            results,
                                            decision,
                                        }
                                    })
                                    .collect();
                                rows.sort_by(|a, b| {
                                    a.decision.cmp(&b.decision).then(a.rank.cmp(&b.rank))
                                });
                                rows
                            })
                        })
                    })
                })
            })
        });
        Self { gates, rows }
    }

    /// The row of one market, if it is a candidate.
    pub fn row(&self, market: usize) -> Option<BoardRow> {
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
