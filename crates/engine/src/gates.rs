//! Go/no-go gates: thresholds the user sets on readiness, margin and test-market KPIs. Each
//! market passes or fails each gate on its evidence, with the gap to the threshold, and gets a
//! decision: go, no-go, or test first when the desk evidence passes but no test market has
//! run there yet (Xiaomi's discipline: prove a market before committing to it).

use serde::{Deserialize, Serialize};

use crate::phrase::{Arg, Phrase};
use crate::tracker::Kpis;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    ReadinessScore,
    ReadinessRank,
    ContributionPct,
    PaybackMonths,
    SellThroughPct,
    ReturnRatePct,
    Rating,
    RepairTurnaroundDays,
    StockoutDays,
    FlashSelloutPct,
    OurSharePct,
}

/// Which side of the threshold passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    AtLeast,
    AtMost,
}

impl Metric {
    pub const ALL: [Metric; 11] = [
        Metric::ReadinessScore,
        Metric::ReadinessRank,
        Metric::ContributionPct,
        Metric::PaybackMonths,
        Metric::SellThroughPct,
        Metric::ReturnRatePct,
        Metric::Rating,
        Metric::RepairTurnaroundDays,
        Metric::StockoutDays,
        Metric::FlashSelloutPct,
        Metric::OurSharePct,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Metric::ReadinessScore => "Readiness score",
            Metric::ReadinessRank => "Readiness rank",
            Metric::ContributionPct => "Contribution margin",
            Metric::PaybackMonths => "Payback",
            Metric::SellThroughPct => "Sell-through against plan",
            Metric::ReturnRatePct => "Return rate",
            Metric::Rating => "User rating",
            Metric::RepairTurnaroundDays => "Repair turnaround",
            Metric::StockoutDays => "Stock-out days",
            Metric::FlashSelloutPct => "Flash-sale sell-out",
            Metric::OurSharePct => "Our market share",
        }
    }

    /// The unit a threshold is written in, after the number.
    pub fn unit(self) -> &'static str {
        match self {
            Metric::ReadinessScore => "of 100",
            Metric::ReadinessRank => "",
            Metric::ContributionPct
            | Metric::SellThroughPct
            | Metric::ReturnRatePct
            | Metric::FlashSelloutPct
            | Metric::OurSharePct => "%",
            Metric::PaybackMonths => "months",
            Metric::Rating => "of 5",
            Metric::RepairTurnaroundDays => "days",
            Metric::StockoutDays => "days a quarter",
        }
    }

    pub fn bound(self) -> Bound {
        match self {
            Metric::ReadinessRank
            | Metric::PaybackMonths
            | Metric::ReturnRatePct
            | Metric::RepairTurnaroundDays
            | Metric::StockoutDays => Bound::AtMost,
            _ => Bound::AtLeast,
        }
    }

    /// Read from a test market rather than from desk data.
    pub fn needs_test_market(self) -> bool {
        !matches!(
            self,
            Metric::ReadinessScore
                | Metric::ReadinessRank
                | Metric::ContributionPct
                | Metric::PaybackMonths
        )
    }

    /// Decimals a value of this metric is shown with.
    pub fn decimals(self) -> usize {
        match self {
            Metric::ReadinessRank | Metric::StockoutDays => 0,
            Metric::Rating | Metric::ReturnRatePct => 2,
            _ => 1,
        }
    }

    /// `score`, for the URL and files.
    pub fn id(self) -> &'static str {
        match self {
            Metric::ReadinessScore => "readiness_score",
            Metric::ReadinessRank => "readiness_rank",
            Metric::ContributionPct => "contribution_pct",
            Metric::PaybackMonths => "payback_months",
            Metric::SellThroughPct => "sell_through_pct",
            Metric::ReturnRatePct => "return_rate_pct",
            Metric::Rating => "rating",
            Metric::RepairTurnaroundDays => "repair_turnaround_days",
            Metric::StockoutDays => "stockout_days",
            Metric::FlashSelloutPct => "flash_sellout_pct",
            Metric::OurSharePct => "our_share_pct",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }

    /// Where a threshold can sensibly be set.
    pub fn range(self) -> (f64, f64) {
        match self {
            Metric::ReadinessScore
            | Metric::SellThroughPct
            | Metric::ReturnRatePct
            | Metric::FlashSelloutPct
            | Metric::OurSharePct => (0.0, 100.0),
            Metric::ReadinessRank => (1.0, 500.0),
            Metric::ContributionPct => (-100.0, 100.0),
            Metric::PaybackMonths => (0.0, 600.0),
            Metric::Rating => (0.0, 5.0),
            Metric::RepairTurnaroundDays => (0.0, 365.0),
            Metric::StockoutDays => (0.0, 91.0),
        }
    }

    /// The threshold a newly added gate starts at: the default gate's, else a bar a launch
    /// plan would commonly set (top 10 by rank, 95 % of flash units sold, a 3 % share), else
    /// the middle of its range.
    pub fn starting_threshold(self) -> f64 {
        default_gates()
            .iter()
            .find(|g| g.metric == self)
            .map(|g| g.threshold)
            .unwrap_or(match self {
                Metric::ReadinessRank => 10.0,
                Metric::FlashSelloutPct => 95.0,
                Metric::OurSharePct => 3.0,
                _ => {
                    let (lo, hi) = self.range();
                    (lo + hi) / 2.0
                }
            })
    }

    /// `text` read as a threshold for this metric: a finite number in its range.
    pub fn parse_threshold(self, text: &str) -> Option<f64> {
        let (lo, hi) = self.range();
        text.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && (lo..=hi).contains(v))
    }
}

/// The metrics no gate in `gates` uses yet, in [`Metric::ALL`]'s order: what can be added.
pub fn unused_metrics(gates: &[Gate]) -> Vec<Metric> {
    Metric::ALL
        .into_iter()
        .filter(|m| !gates.iter().any(|g| g.metric == *m))
        .collect()
}

/// The metrics that hold a market back: gates it fails, and desk gates it has no evidence
/// for (a test-market gate without a test market only defers the decision to a test).
pub fn shortfalls(results: &[GateResult]) -> Vec<Metric> {
    results
        .iter()
        .filter(|r| {
            r.outcome == Outcome::Fail
                || (r.outcome == Outcome::Untested && !r.gate.metric.needs_test_market())
        })
        .map(|r| r.gate.metric)
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Gate {
    pub metric: Metric,
    pub threshold: f64,
}

/// A starting set a low-margin, high-volume maker could defend: the market is among the most
/// ready, a unit makes money and pays back within two years, and the test market sells to plan
/// without returns, stock-outs or slow repairs eroding the brand.
pub fn default_gates() -> Vec<Gate> {
    [
        (Metric::ReadinessScore, 55.0),
        (Metric::ContributionPct, 10.0),
        (Metric::PaybackMonths, 24.0),
        (Metric::SellThroughPct, 90.0),
        (Metric::ReturnRatePct, 3.0),
        (Metric::Rating, 4.0),
        (Metric::RepairTurnaroundDays, 7.0),
        (Metric::StockoutDays, 14.0),
    ]
    .into_iter()
    .map(|(metric, threshold)| Gate { metric, threshold })
    .collect()
}

/// What is known about one market.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    pub readiness_score: Option<f64>,
    pub readiness_rank: Option<usize>,
    pub contribution_pct: Option<f64>,
    /// Infinite when a unit loses money, so it never pays back.
    pub payback_months: Option<f64>,
    pub kpis: Option<Kpis>,
}

impl Evidence {
    pub fn value(&self, metric: Metric) -> Option<f64> {
        let kpis = self.kpis.as_ref();
        match metric {
            Metric::ReadinessScore => self.readiness_score,
            Metric::ReadinessRank => self.readiness_rank.map(|r| r as f64),
            Metric::ContributionPct => self.contribution_pct,
            Metric::PaybackMonths => self.payback_months,
            Metric::SellThroughPct => kpis.map(|k| k.sell_through_pct),
            Metric::ReturnRatePct => kpis.map(|k| k.return_rate_pct),
            Metric::Rating => kpis.map(|k| k.rating),
            Metric::RepairTurnaroundDays => kpis.map(|k| k.repair_turnaround_days),
            Metric::StockoutDays => kpis.map(|k| k.stockout_days_recent),
            Metric::FlashSelloutPct => kpis.and_then(|k| k.flash_sellout_pct),
            Metric::OurSharePct => kpis.and_then(|k| k.our_share_pct),
        }
        // Infinity stays: a payback that never comes fails its gate rather than lacking evidence.
        .filter(|v| !v.is_nan())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail,
    /// No evidence for this gate yet (no test market, or no economics).
    Untested,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GateResult {
    pub gate: Gate,
    pub value: Option<f64>,
    pub outcome: Outcome,
    /// For a failing gate: how far the value must move to pass (always positive; the
    /// metric's bound says in which direction).
    pub gap: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decision {
    Go,
    /// Every gate with evidence passes; the test-market gates have none yet.
    TestFirst,
    NoGo,
}

impl Decision {
    pub fn label(self) -> &'static str {
        match self {
            Decision::Go => "Go",
            Decision::TestFirst => "Test first",
            Decision::NoGo => "No-go",
        }
    }
}

pub fn check(gate: Gate, evidence: &Evidence) -> GateResult {
    let value = evidence.value(gate.metric);
    let (outcome, gap) = match value {
        None => (Outcome::Untested, None),
        Some(v) => {
            let shortfall = match gate.metric.bound() {
                Bound::AtLeast => gate.threshold - v,
                Bound::AtMost => v - gate.threshold,
            };
            if shortfall > 0.0 {
                (Outcome::Fail, shortfall.is_finite().then_some(shortfall))
            } else {
                (Outcome::Pass, None)
            }
        }
    };
    GateResult {
        gate,
        value,
        outcome,
        gap,
    }
}

/// Every gate's result and the decision they add up to. A desk gate without evidence (no
/// economics for the market) is a no-go: the market cannot be judged, so it cannot be entered.
pub fn evaluate(gates: &[Gate], evidence: &Evidence) -> (Vec<GateResult>, Decision) {
    let results: Vec<GateResult> = gates.iter().map(|&g| check(g, evidence)).collect();
    let failed = results.iter().any(|r| {
        r.outcome == Outcome::Fail
            || (r.outcome == Outcome::Untested && !r.gate.metric.needs_test_market())
    });
    let untested = results.iter().any(|r| r.outcome == Outcome::Untested);
    let decision = if failed {
        Decision::NoGo
    } else if untested {
        Decision::TestFirst
    } else {
        Decision::Go
    };
    (results, decision)
}

/// "Readiness score at least 55 of 100".
pub fn describe(gate: Gate) -> Phrase {
    let metric = gate.metric;
    let number = format_number(gate.threshold, metric.decimals().min(1));
    // A rank's threshold is the bare number: "Readiness rank at most 10".
    let threshold = match quantity(metric, &number) {
        Some(quantity) => Arg::Phrase(quantity),
        None => Arg::Text(number),
    };
    // The label is a template too: the app has it in every language.
    let label = Phrase::new(metric.label(), Vec::new());
    match metric.bound() {
        Bound::AtLeast => phrase!("{} at least {}", label, threshold),
        Bound::AtMost => phrase!("{} at most {}", label, threshold),
    }
}

/// "needs 4.2 points more", "needs 0.8 points less": what a failing gate is short by.
pub fn describe_gap(result: &GateResult) -> Option<Phrase> {
    let gap = result.gap?;
    let metric = result.gate.metric;
    let amount = format_number(gap, metric.decimals());
    // Percentages and scores out of 100 or 5 are short by points; the rest in their unit.
    Some(match metric {
        Metric::ReadinessRank => phrase!("needs {} places higher", amount),
        Metric::ReadinessScore
        | Metric::ContributionPct
        | Metric::SellThroughPct
        | Metric::Rating
        | Metric::FlashSelloutPct
        | Metric::OurSharePct => phrase!("needs {} points more", amount),
        Metric::ReturnRatePct => phrase!("needs {} points less", amount),
        Metric::PaybackMonths => phrase!("needs {} months less", amount),
        Metric::RepairTurnaroundDays => phrase!("needs {} days less", amount),
        Metric::StockoutDays => phrase!("needs {} days a quarter less", amount),
    })
}

/// Trailing zeros dropped: 55, 4.5, 0.25.
pub fn format_number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A value in its metric's unit: "62.3 of 100", "25.2%", "18.4 months", "rank 4".
pub fn format_value(metric: Metric, value: f64) -> Phrase {
    if value.is_infinite() {
        return phrase!("never");
    }
    let number = format_number(value, metric.decimals());
    quantity(metric, &number).unwrap_or_else(|| phrase!("rank {}", number))
}

/// `number` (already formatted) in the metric's unit; none for a rank, which has no unit.
fn quantity(metric: Metric, number: &str) -> Option<Phrase> {
    Some(match metric {
        Metric::ReadinessRank => return None,
        Metric::ReadinessScore => phrase!("{} of 100", number),
        Metric::Rating => phrase!("{} of 5", number),
        Metric::PaybackMonths => phrase!("{} months", number),
        Metric::RepairTurnaroundDays => phrase!("{} days", number),
        Metric::StockoutDays => phrase!("{} days a quarter", number),
        Metric::ContributionPct
        | Metric::SellThroughPct
        | Metric::ReturnRatePct
        | Metric::FlashSelloutPct
        | Metric::OurSharePct => phrase!("{}%", number),
    })
}
