//! The go/no-go decision board: the user's gates applied to every candidate, with the evidence
//! each result rests on, ordered go first, then test first, then no-go, by rank within each.

use crate::MarketIndex;
use std::collections::BTreeMap;

use crate::candidates::Candidate;
use crate::economics::UnitEconomics;
use crate::gates::{evaluate, Decision, Evidence, Gate, GateResult};
use crate::tracker::Kpis;
use crate::{Dataset, Ranking};

#[derive(Debug, Clone, PartialEq)]
pub struct BoardRow {
    /// Index into the dataset's markets.
    pub market: MarketIndex,
    pub iso3: String,
    pub name: String,
    /// Rank among the candidates the filters keep.
    pub rank: usize,
    pub score: f64,
    pub evidence: Evidence,
    pub results: Vec<GateResult>,
    pub decision: Decision,
}

/// How many rows are go, test first and no-go.
pub fn tally(rows: &[BoardRow]) -> (usize, usize, usize) {
    let count = |d| rows.iter().filter(|r| r.decision == d).count();
    (
        count(Decision::Go),
        count(Decision::TestFirst),
        count(Decision::NoGo),
    )
}

/// The rows with `decision`, in the board's order.
pub fn with_decision(rows: &[BoardRow], decision: Decision) -> impl Iterator<Item = &BoardRow> {
    rows.iter().filter(move |r| r.decision == decision)
}

/// What is known about one candidate: its readiness, its blended unit economics if it has
/// them, and its test market's KPIs if it has one.
pub fn evidence(
    score: f64,
    rank: usize,
    economics: Option<&UnitEconomics>,
    kpis: Option<&Kpis>,
) -> Evidence {
    Evidence {
        readiness_score: Some(score),
        readiness_rank: Some(rank),
        contribution_pct: economics.map(|e| e.contribution_pct),
        // A unit that loses money never pays back: infinite, so a payback gate fails.
        payback_months: economics.map(|e| e.payback_months.unwrap_or(f64::INFINITY)),
        kpis: kpis.cloned(),
    }
}

/// Every candidate judged by `gates`. `economics(market)` gives a market's blended unit
/// economics, if it has them.
pub fn board<'a>(
    dataset: &Dataset,
    ranking: &Ranking,
    candidates: &[Candidate],
    gates: &[Gate],
    economics: impl Fn(MarketIndex) -> Option<&'a UnitEconomics>,
    kpis: &BTreeMap<MarketIndex, Kpis>,
) -> Vec<BoardRow> {
    let mut rows: Vec<BoardRow> = candidates
        .iter()
        .filter_map(|c| {
            let s = ranking.scores.get(c.position)?;
            let market = dataset.market(s.market)?;
            let evidence = evidence(s.score, c.rank, economics(s.market), kpis.get(&s.market));
            let (results, decision) = evaluate(gates, &evidence);
            Some(BoardRow {
                market: s.market,
                iso3: market.iso3.clone(),
                name: market.name.clone(),
                rank: c.rank,
                score: s.score,
                evidence,
                results,
                decision,
            })
        })
        .collect();
    // Stable, and ties in rank fall back on the market, so the order never depends on input order.
    rows.sort_by(|a, b| {
        a.decision
            .cmp(&b.decision)
            .then(a.rank.cmp(&b.rank))
            .then(a.market.cmp(&b.market))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidates::candidates;
    use crate::gates::{default_gates, Metric};
    use crate::test_support::{dataset, ranking_of as ranking};
    use proptest::prelude::*;

    fn gate(metric: Metric, threshold: f64) -> Gate {
        Gate { metric, threshold }
    }

    #[test]
    fn go_first_then_test_first_then_no_go_by_rank_within() {
        let r = ranking(&[90.0, 40.0, 80.0, 70.0]);
        let c = candidates(&r, |_| true);
        // Score at least 60 (desk) and sell-through (needs a test market, which none has).
        let gates = [
            gate(Metric::ReadinessScore, 60.0),
            gate(Metric::SellThroughPct, 80.0),
        ];
        let rows = board(&dataset(4), &r, &c, &gates, |_| None, &BTreeMap::new());
        let order: Vec<(usize, Decision)> = rows.iter().map(|r| (r.market.0, r.decision)).collect();
        assert_eq!(
            order,
            [
                (0, Decision::TestFirst),
                (2, Decision::TestFirst),
                (3, Decision::TestFirst),
                (1, Decision::NoGo),
            ]
        );
        assert_eq!(tally(&rows), (0, 3, 1));
        let only_desk = board(&dataset(4), &r, &c, &gates[..1], |_| None, &BTreeMap::new());
        assert_eq!(only_desk[0].decision, Decision::Go);
        assert_eq!(tally(&only_desk), (3, 0, 1));
        let go: Vec<usize> = with_decision(&only_desk, Decision::Go)
            .map(|r| r.market.0)
            .collect();
        assert_eq!(go, [0, 2, 3], "in the board's order");
        assert_eq!(with_decision(&rows, Decision::Go).count(), 0);
    }

    #[test]
    fn a_desk_gate_without_evidence_is_a_no_go() {
        let r = ranking(&[90.0]);
        let c = candidates(&r, |_| true);
        let gates = [gate(Metric::ContributionPct, 5.0)];
        let rows = board(&dataset(4), &r, &c, &gates, |_| None, &BTreeMap::new());
        assert_eq!(rows[0].decision, Decision::NoGo);
    }

    proptest! {
        // Every candidate once, decisions in order, ranks rising within a decision.
        #[test]
        fn the_board_lists_every_candidate_in_decision_then_rank_order(
            scores in proptest::collection::vec(0u8..100, 1..40),
            threshold in 0.0f64..100.0,
        ) {
            let r = ranking(&scores.iter().map(|&s| f64::from(s)).collect::<Vec<_>>());
            let c = candidates(&r, |m| m.0 % 3 != 0);
            let mut gates = default_gates();
            gates.push(gate(Metric::ReadinessScore, threshold));
            let rows = board(&dataset(scores.len()), &r, &c, &gates, |_| None, &BTreeMap::new());
            prop_assert_eq!(rows.len(), c.len());
            for pair in rows.windows(2) {
                prop_assert!(
                    (pair[0].decision, pair[0].rank) <= (pair[1].decision, pair[1].rank)
                );
            }
        }
    }
}
