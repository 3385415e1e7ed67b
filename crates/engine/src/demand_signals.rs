//! Demand signals: where fan-forum and reseller interest already is, across every market, set
//! against readiness. Interest that runs ahead of readiness is demand waiting to be served (the
//! grey-import market Xiaomi saw before entering); readiness ahead of interest is a market that
//! would need the brand built first.
//!
//! Interest is scaled to population, so large markets do not win on size alone, and each
//! signal is turned into a percentile so they can be averaged. Readiness is compared without
//! the model's interest indicators, or the comparison would measure interest against itself.

use crate::dataset::Dataset;
use crate::index_model::{IndexModel, Node};
use crate::readiness::Ranking;
use crate::stats;
use crate::MarketIndex;

/// The dataset's indicators that measure interest, with whether they are scaled to
/// population before ranking.
pub const INTEREST_INDICATORS: [(&str, bool); 3] = [
    ("forum_members_k", true),
    ("reseller_listings", true),
    ("forum_growth_pct", false),
];

/// Interest and readiness percentiles further apart than this are called out.
pub const GAP_POINTS: f64 = 25.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Interest well ahead of readiness.
    InterestAhead,
    /// Readiness well ahead of interest.
    ReadinessAhead,
    InStep,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::InterestAhead => "interest ahead of readiness",
            Verdict::ReadinessAhead => "readiness ahead of interest",
            Verdict::InStep => "in step",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemandSignal {
    pub market: MarketIndex,
    /// Mean percentile (0-100) of the interest signals the market has.
    pub interest: f64,
    /// 1 = most interest.
    pub interest_rank: usize,
    /// Forum members per million people.
    pub forum_members_per_m: Option<f64>,
    /// Reseller listings per million people.
    pub reseller_listings_per_m: Option<f64>,
    pub forum_growth_pct: Option<f64>,
    /// Readiness percentile (0-100) among the markets compared; None when unranked.
    pub readiness_pct: Option<f64>,
    /// Interest percentile minus readiness percentile.
    pub gap: Option<f64>,
    pub verdict: Option<Verdict>,
}

/// The model with its interest indicators (and any group made only of them) weighted zero.
pub fn without_interest(model: &IndexModel) -> IndexModel {
    let mut model = model.clone();
    let is_interest = |node: &Node| {
        let leaves = node.leaves();
        !leaves.is_empty()
            && leaves.iter().all(|leaf| {
                leaf.indicator
                    .as_deref()
                    .is_some_and(|id| INTEREST_INDICATORS.iter().any(|(i, _)| *i == id))
            })
    };
    model.root.visit_mut(&mut |node| {
        if is_interest(node) {
            node.weight = 0.0;
        }
    });
    model
}

/// Every market with at least one interest signal, most interest first. `readiness` is the
/// ranking to compare with (see [`without_interest`]).
pub fn demand_signals(dataset: &Dataset, readiness: &Ranking) -> Vec<DemandSignal> {
    let markets = dataset.markets().len();
    let population = dataset.indicator_index("population");
    let value = |market: MarketIndex, id: &str| {
        let index = dataset.indicator_index(id)?;
        dataset
            .observation(market, index)
            .map(|o| o.value)
            .filter(|v| v.is_finite())
    };
    let per_million = |market: MarketIndex, id: &str| {
        let people = population
            .and_then(|p| dataset.observation(market, p))
            .map(|o| o.value)
            .filter(|p| *p > 0.0)?;
        Some(value(market, id)? / (people / 1e6))
    };
    let raw: Vec<Vec<Option<f64>>> = INTEREST_INDICATORS
        .iter()
        .map(|&(id, scaled)| {
            (0..markets)
                .map(MarketIndex)
                .map(|m| {
                    if scaled {
                        // Thousands of members: per million people is then members per 1,000.
                        per_million(m, id).map(|v| if id.ends_with("_k") { v * 1e3 } else { v })
                    } else {
                        value(m, id)
                    }
                })
                .collect()
        })
        .collect();
    let ranked: Vec<Vec<Option<f64>>> = raw.iter().map(|r| stats::percentile_ranks(r)).collect();
    let interest: Vec<Option<f64>> = (0..markets)
        .map(|m| {
            let present: Vec<f64> = ranked.iter().filter_map(|r| r[m]).collect();
            (!present.is_empty()).then(|| present.iter().sum::<f64>() / present.len() as f64)
        })
        .collect();
    let mut readiness_scores: Vec<Option<f64>> = vec![None; markets];
    for s in &readiness.scores {
        if let Some(slot) = readiness_scores.get_mut(s.market.0) {
            *slot = Some(s.score);
        }
    }
    // Readiness percentiles among the markets that also have interest, so both scales cover
    // the same markets.
    let compared: Vec<Option<f64>> = (0..markets)
        .map(|m| interest[m].and(readiness_scores[m]))
        .collect();
    let readiness_pct = stats::percentile_ranks(&compared);
    let mut out: Vec<DemandSignal> = (0..markets)
        .filter_map(|m| {
            let interest = interest[m]?;
            let readiness_pct = readiness_pct[m];
            let gap = readiness_pct.map(|r| interest - r);
            let verdict = gap.map(|g| {
                if g >= GAP_POINTS {
                    Verdict::InterestAhead
                } else if g <= -GAP_POINTS {
                    Verdict::ReadinessAhead
                } else {
                    Verdict::InStep
                }
            });
            Some(DemandSignal {
                market: MarketIndex(m),
                interest,
                interest_rank: 0,
                forum_members_per_m: raw[0][m],
                reseller_listings_per_m: raw[1][m],
                forum_growth_pct: raw[2][m],
                readiness_pct,
                gap,
                verdict,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.interest
            .total_cmp(&a.interest)
            .then_with(|| a.market.cmp(&b.market))
    });
    let mut previous: Option<(f64, usize)> = None;
    for (i, signal) in out.iter_mut().enumerate() {
        signal.interest_rank = match previous {
            Some((score, rank)) if score == signal.interest => rank,
            _ => i + 1,
        };
        previous = Some((signal.interest, signal.interest_rank));
    }
    out
}

/// The positions in `signals` of the markets with `verdict`, the widest gap between interest and
/// readiness first (a missing gap last), at most `limit` of them: the view's call-outs.
pub fn widest_gaps(signals: &[&DemandSignal], verdict: Verdict, limit: usize) -> Vec<usize> {
    let mut picked: Vec<usize> = (0..signals.len())
        .filter(|&i| signals[i].verdict == Some(verdict))
        .collect();
    picked.sort_by(|&a, &b| {
        let size = |i: usize| signals[i].gap.map(f64::abs);
        crate::order::missing_last(size(a), size(b), true).then(a.cmp(&b))
    });
    picked.truncate(limit);
    picked
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn signal(gap: Option<f64>, verdict: Option<Verdict>) -> DemandSignal {
        DemandSignal {
            market: MarketIndex(0),
            interest: 50.0,
            interest_rank: 1,
            forum_members_per_m: None,
            reseller_listings_per_m: None,
            forum_growth_pct: None,
            readiness_pct: None,
            gap,
            verdict,
        }
    }

    #[test]
    fn the_widest_gaps_of_a_verdict_come_first_by_size() {
        let ahead = Some(Verdict::InterestAhead);
        let behind = Some(Verdict::ReadinessAhead);
        let signals = [
            signal(Some(30.0), ahead),
            signal(Some(-60.0), behind),
            signal(Some(45.0), ahead),
            signal(None, ahead),
            signal(Some(f64::NAN), ahead),
            signal(Some(26.0), ahead),
        ];
        let refs: Vec<&DemandSignal> = signals.iter().collect();
        assert_eq!(
            widest_gaps(&refs, Verdict::InterestAhead, 8),
            vec![2, 0, 5, 3, 4]
        );
        assert_eq!(widest_gaps(&refs, Verdict::InterestAhead, 2), vec![2, 0]);
        assert_eq!(widest_gaps(&refs, Verdict::ReadinessAhead, 8), vec![1]);
        assert!(widest_gaps(&refs, Verdict::InStep, 8).is_empty());
    }

    proptest! {
        #[test]
        fn call_outs_are_the_verdicts_markets_by_falling_gap(
            gaps in prop::collection::vec(prop::option::of(-100.0f64..100.0), 0..40),
            limit in 0usize..12,
        ) {
            let signals: Vec<DemandSignal> = gaps
                .iter()
                .enumerate()
                .map(|(i, &g)| signal(g, Some(if i % 3 == 0 { Verdict::InStep } else { Verdict::InterestAhead })))
                .collect();
            let refs: Vec<&DemandSignal> = signals.iter().collect();
            let picked = widest_gaps(&refs, Verdict::InterestAhead, limit);
            let eligible = signals.iter().filter(|s| s.verdict == Some(Verdict::InterestAhead)).count();
            prop_assert_eq!(picked.len(), eligible.min(limit));
            for pair in picked.windows(2) {
                let (a, b) = (signals[pair[0]].gap.map(f64::abs), signals[pair[1]].gap.map(f64::abs));
                prop_assert!(b.is_none() || a.is_some_and(|a| a >= b.unwrap_or(0.0)));
            }
        }
    }
}
